// The store's recording search (issue #19 item 3): visits with at least one confirmed
// recording, within the caller's scope (a visit is seen by either of its two rooms'
// organisations and those above them, auth/scope.ts), filtered by date, site, room, inmate,
// visitor (name as a part, ID number exactly), outcome and "has warnings".
import { sql, type ExpressionBuilder, type SqlBool, type Expression } from 'kysely';
import type { Scope } from '../../auth/scope';
import type { AppContext } from '../../context';
import type { Database } from '../../db/schema';
import type { RecordingSearchQuery } from '../../../src-shared/recordings/search-filter';
import { maskIdNumber } from '../../../src-shared/recordings/search-filter';
import type { RecordingVisit } from '../../../src-shared/store-api/endpoints/recordings-search';
import { holdsOf } from './legal-hold';

type Tables = Database & {
  r: Database['rooms'];
  rr: Database['rooms'];
  ro: Database['organisations'];
  rro: Database['organisations'];
};
type Eb = ExpressionBuilder<Tables, 'visits' | 'r' | 'rr' | 'ro' | 'rro' | 'inmates'>;

const like = (text: string) => `%${text}%`;

function base(ctx: AppContext) {
  return ctx.db
    .selectFrom('visits')
    .innerJoin('rooms as r', 'r.id', 'visits.room_id')
    .innerJoin('organisations as ro', 'ro.id', 'r.organisation_id')
    .innerJoin('rooms as rr', 'rr.id', 'visits.remote_room_id')
    .innerJoin('organisations as rro', 'rro.id', 'rr.organisation_id')
    .innerJoin('inmates', 'inmates.id', 'visits.inmate_id');
}

/** The visit is within the scope when either room's organisation is (R29.1: the province sees all). */
function inScope(scope: Scope) {
  return (eb: Eb): Expression<SqlBool> =>
    scope.all ? sql<SqlBool>`1 = 1` : eb.or([eb('ro.id', 'in', scope.orgIds), eb('rro.id', 'in', scope.orgIds)]);
}

function filters(q: RecordingSearchQuery) {
  return (eb: Eb): Expression<SqlBool> => {
    const all: Expression<SqlBool>[] = [
      eb('visits.date', '>=', q.from),
      eb('visits.date', '<=', q.to),
      eb.exists(
        eb
          .selectFrom('recordings_received')
          .select('recordings_received.id')
          .whereRef('recordings_received.visit_id', '=', 'visits.id')
          .where('recordings_received.status', '=', 'confirmed'),
      ),
    ];
    if (q.siteId)
      all.push(
        eb.or([
          eb('ro.id', '=', q.siteId),
          eb('ro.parent_id', '=', q.siteId),
          eb('rro.id', '=', q.siteId),
          eb('rro.parent_id', '=', q.siteId),
        ]),
      );
    if (q.roomId) all.push(eb.or([eb('visits.room_id', '=', q.roomId), eb('visits.remote_room_id', '=', q.roomId)]));
    if (q.inmate) all.push(eb.or([eb('inmates.name', 'like', like(q.inmate)), eb('inmates.inmate_number', '=', q.inmate)]));
    if (q.visitorIdNumber || q.visitorName) {
      let applicants = eb
        .selectFrom('applicants')
        .select('applicants.id')
        .whereRef('applicants.application_id', '=', 'visits.application_id');
      if (q.visitorIdNumber) applicants = applicants.where('applicants.document_number', '=', q.visitorIdNumber);
      if (q.visitorName) applicants = applicants.where('applicants.name', 'like', like(q.visitorName));
      all.push(eb.exists(applicants));
    }
    if (q.outcome) all.push(eb('visits.status', '=', q.outcome));
    if (q.hasWarnings)
      all.push(
        eb.exists(
          eb
            .selectFrom('recording_manifests')
            .select('recording_manifests.upload_id')
            .whereRef('recording_manifests.visit_id', '=', 'visits.id')
            .where('recording_manifests.warnings', '>', 0),
        ),
      );
    return eb.and(all);
  };
}

/** The site a room belongs to: a ward's room is its prison's. */
export const siteName = (org: { kind: string; name: string }, parentName: string | null): string =>
  org.kind === 'ward' || org.kind === 'office' ? `${parentName ?? ''} ${org.name}`.trim() : org.name;

export async function searchVisits(
  ctx: AppContext,
  scope: Scope,
  q: RecordingSearchQuery & { limit: number; offset: number },
): Promise<{ visits: RecordingVisit[]; total: number }> {
  const counted = await base(ctx)
    .where(inScope(scope))
    .where(filters(q))
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirst();
  const ids = await base(ctx)
    .where(inScope(scope))
    .where(filters(q))
    .select('visits.id')
    .orderBy('visits.date', 'desc')
    .orderBy('visits.start_time', 'desc')
    .orderBy('visits.id')
    .limit(q.limit)
    .offset(q.offset)
    .execute();
  return {
    visits: await visitRows(
      ctx,
      ids.map((r) => r.id),
    ),
    total: Number(counted?.n ?? 0),
  };
}

/** The listed facts of visits, in the order given. */
export async function visitRows(ctx: AppContext, visitIds: readonly string[]): Promise<RecordingVisit[]> {
  if (visitIds.length === 0) return [];
  const rows = await base(ctx)
    .leftJoin('organisations as rop', 'rop.id', 'ro.parent_id')
    .leftJoin('organisations as rrop', 'rrop.id', 'rro.parent_id')
    .select([
      'visits.id',
      'visits.application_id',
      'visits.date',
      'visits.start_time',
      'visits.minutes',
      'visits.status',
      'visits.outcome_reason',
      'r.name as room',
      'rr.name as remote_room',
      'ro.kind as ro_kind',
      'ro.name as ro_name',
      'rop.name as rop_name',
      'rro.kind as rro_kind',
      'rro.name as rro_name',
      'rrop.name as rrop_name',
      'inmates.name as inmate_name',
      'inmates.inmate_number',
    ])
    .where('visits.id', 'in', visitIds)
    .execute();
  const applicants = await ctx.db
    .selectFrom('applicants')
    .select(['application_id', 'name', 'document_number', 'position'])
    .where(
      'application_id',
      'in',
      rows.map((r) => r.application_id),
    )
    .orderBy('position')
    .execute();
  const files = await ctx.db
    .selectFrom('recordings_received')
    .select(['visit_id', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('visit_id', 'in', visitIds)
    .where('status', '=', 'confirmed')
    .where('kind', '=', 'archive')
    .groupBy('visit_id')
    .execute();
  const marks = await ctx.db
    .selectFrom('recording_manifests')
    .select([
      'visit_id',
      // Both terminals mark each warning (one sent it, the other received it): the larger count, not the sum.
      (eb) => eb.fn.max<number | string>('warnings').as('warnings'),
      (eb) => eb.fn.max<number | string>('terminations').as('terminations'),
    ])
    .where('visit_id', 'in', visitIds)
    .groupBy('visit_id')
    .execute();
  const holds = await holdsOf(ctx, visitIds);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return visitIds.flatMap((id) => {
    const r = byId.get(id);
    if (!r) return [];
    const mark = marks.find((m) => m.visit_id === id);
    return [
      {
        visitId: r.id,
        date: r.date,
        startTime: r.start_time,
        minutes: r.minutes,
        status: r.status,
        outcomeReason: r.outcome_reason,
        prison: siteName({ kind: r.ro_kind, name: r.ro_name }, r.rop_name),
        room: r.room,
        remoteSite: siteName({ kind: r.rro_kind, name: r.rro_name }, r.rrop_name),
        remoteRoom: r.remote_room,
        inmate: { name: r.inmate_name, number: r.inmate_number },
        visitors: applicants
          .filter((a) => a.application_id === r.application_id)
          .map((a) => ({ name: a.name, idNumber: maskIdNumber(a.document_number) })),
        archives: Number(files.find((f) => f.visit_id === id)?.n ?? 0),
        warnings: Number(mark?.warnings ?? 0),
        terminations: Number(mark?.terminations ?? 0),
        legalHold: holds.get(id) ?? null,
      },
    ];
  });
}

/** The visit if the caller may see it (either room's organisation in scope), else null. */
export async function visitInScope(ctx: AppContext, scope: Scope, visitId: string): Promise<RecordingVisit | null> {
  const found = await base(ctx).where(inScope(scope)).where('visits.id', '=', visitId).select('visits.id').executeTakeFirst();
  if (!found) return null;
  return (await visitRows(ctx, [visitId]))[0] ?? null;
}
