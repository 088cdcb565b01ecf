// Which applications a caller sees, composed only of auth/scope.ts's clauses:
// the organisation that received it or the relatives' side (a bureau and its
// offices see their own applicants' applications, R6.1), or the inmate's
// prison (scoped.inmates: a prison only its own inmates). The province sees all.
// (Candidate for auth/scope.ts as `scoped.applications`; kept here because
// that file belongs to another area.)
import { sql } from 'kysely';
import type { Expression, ExpressionBuilder, Kysely, SqlBool } from 'kysely';
import { scoped } from '../../auth/scope';
import type { Scope } from '../../auth/scope';
import type { Database } from '../../db/schema';

export function visibleApplications(db: Kysely<Database>, scope: Scope) {
  return (eb: ExpressionBuilder<Database, 'applications'>): Expression<SqlBool> => {
    if (scope.all) return sql<SqlBool>`1 = 1`;
    const orgs = db.selectFrom('organisations').select('organisations.id').where(scoped.organisations(scope));
    const inmates = db.selectFrom('inmates').select('inmates.id').where(scoped.inmates(scope));
    return eb.or([
      eb('applications.organisation_id', 'in', orgs),
      eb('applications.partner_id', 'in', orgs),
      eb('applications.inmate_id', 'in', inmates),
    ]);
  };
}

/** Visits the caller sees: either room is its own (scoped.rooms), or the inmate is (scoped.inmates). */
export function visibleVisits(db: Kysely<Database>, scope: Scope) {
  return (eb: ExpressionBuilder<Database, 'visits'>): Expression<SqlBool> => {
    if (scope.all) return sql<SqlBool>`1 = 1`;
    const rooms = db.selectFrom('rooms').select('rooms.id').where(scoped.rooms(scope));
    const inmates = db.selectFrom('inmates').select('inmates.id').where(scoped.inmates(scope));
    return eb.or([
      eb('visits.room_id', 'in', rooms),
      eb('visits.remote_room_id', 'in', rooms),
      eb('visits.inmate_id', 'in', inmates),
    ]);
  };
}
