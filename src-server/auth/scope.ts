// THE organisation scoping of every query (design: "every query is scoped to
// the caller's organisation"). A caller sees its own organisation and those
// below it: the province everything; a prison itself and its wards; a bureau
// itself and its offices; a ward or office only itself; a terminal only its
// room's organisation. Routes never build their own org filters: they call
// scopeOf() once and use the where-clauses below.
import { sql } from 'kysely';
import type { ExpressionBuilder, Expression, SqlBool } from 'kysely';
import type { AppContext } from '../context';
import type { Database } from '../db/schema';
import type { Caller } from './caller';

export type Scope = { all: true } | { all: false; orgIds: readonly string[] };

/** The organisations the caller may see. The tree is province → prison|bureau → ward|office (enforced on creation). */
export async function scopeOf(ctx: AppContext, caller: Caller): Promise<Scope> {
  if (caller.kind === 'terminal') return { all: false, orgIds: [caller.organisationId] };
  if (caller.organisationKind === 'province') return { all: true };
  if (caller.organisationKind === 'prison' || caller.organisationKind === 'bureau') {
    const rows = await ctx.db
      .selectFrom('organisations')
      .select('id')
      .where((eb) => eb.or([eb('id', '=', caller.organisationId), eb('parent_id', '=', caller.organisationId)]))
      .execute();
    return { all: false, orgIds: rows.map((r) => r.id) };
  }
  return { all: false, orgIds: [caller.organisationId] };
}

/** Whether an organisation is within the scope (for checks before a write). */
export function covers(scope: Scope, organisationId: string | null | undefined): boolean {
  if (organisationId === null || organisationId === undefined) return false;
  return scope.all || scope.orgIds.includes(organisationId);
}

const everything = sql<SqlBool>`1 = 1`;
type Where<T extends keyof Database> = (eb: ExpressionBuilder<Database, T>) => Expression<SqlBool>;

/** Where-clauses, one per scoped table: `.where(scoped.inmates(scope))`. */
export const scoped = {
  organisations:
    (scope: Scope): Where<'organisations'> =>
    (eb) =>
      scope.all ? everything : eb('organisations.id', 'in', scope.orgIds),

  rooms:
    (scope: Scope): Where<'rooms'> =>
    (eb) =>
      scope.all ? everything : eb('rooms.organisation_id', 'in', scope.orgIds),

  staff:
    (scope: Scope): Where<'staff'> =>
    (eb) =>
      scope.all ? everything : eb('staff.organisation_id', 'in', scope.orgIds),

  terminals:
    (scope: Scope): Where<'terminals'> =>
    (eb) =>
      scope.all
        ? everything
        : eb(
            'terminals.room_id',
            'in',
            eb.selectFrom('rooms').select('rooms.id').where('rooms.organisation_id', 'in', scope.orgIds),
          ),

  /** Alarms about a site's terminals (areas/alarms). */
  alarms:
    (scope: Scope): Where<'alarms'> =>
    (eb) =>
      scope.all ? everything : eb('alarms.organisation_id', 'in', scope.orgIds),

  /** A prison sees its inmates; a ward those placed in it. */
  inmates:
    (scope: Scope): Where<'inmates'> =>
    (eb) =>
      scope.all ? everything : eb.or([eb('inmates.prison_id', 'in', scope.orgIds), eb('inmates.ward_id', 'in', scope.orgIds)]),

  /**
   * A bureau/office sees the visitors it registered; a prison (or ward) also
   * sees the visitors related to its own inmates, whom it must check (R11.1).
   */
  visitors:
    (scope: Scope): Where<'visitors'> =>
    (eb) =>
      scope.all
        ? everything
        : eb.or([
            eb('visitors.organisation_id', 'in', scope.orgIds),
            eb.exists(
              eb
                .selectFrom('visitor_relationships')
                .innerJoin('inmates', 'inmates.id', 'visitor_relationships.inmate_id')
                .select('visitor_relationships.id')
                .whereRef('visitor_relationships.visitor_id', '=', 'visitors.id')
                .where((e) => e.or([e('inmates.prison_id', 'in', scope.orgIds), e('inmates.ward_id', 'in', scope.orgIds)])),
            ),
          ]),
};
