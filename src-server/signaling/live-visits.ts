// The monitoring centre's list (issue #19, R13.1, R29.1): the visits with a terminal on
// the relay whose inmate's room or visitors' room belongs to the caller's scope
// (../auth/scope: the province all, a prison or bureau itself and what is below it).
// The same rule admits an observer (./observer-admission), so nobody watches a visit
// they could not list.
import type { AppContext } from '../context';
import type { StaffCaller } from '../auth/caller';
import { covers, scopeOf, type Scope } from '../auth/scope';
import { chinaInstant } from '../../src-shared/calendar/china-time';
import type { LiveVisit } from '../../src-shared/store-api/endpoints/monitor';
import type { LiveView } from './live-watch';

const MINUTE_MS = 60_000;

interface VisitFacts {
  id: string;
  application_id: string;
  minutes: number;
  date: string;
  start_time: string;
  inmate_name: string;
  room_name: string;
  room_org: string;
  room_org_name: string;
  remote_name: string;
  remote_org: string;
  remote_org_name: string;
}

async function factsOf(ctx: AppContext, visitIds: readonly string[]): Promise<VisitFacts[]> {
  if (visitIds.length === 0) return [];
  return ctx.db
    .selectFrom('visits as v')
    .innerJoin('inmates as i', 'i.id', 'v.inmate_id')
    .innerJoin('rooms as r', 'r.id', 'v.room_id')
    .innerJoin('organisations as ro', 'ro.id', 'r.organisation_id')
    .innerJoin('rooms as rr', 'rr.id', 'v.remote_room_id')
    .innerJoin('organisations as rro', 'rro.id', 'rr.organisation_id')
    .select([
      'v.id',
      'v.application_id',
      'v.minutes',
      'v.date',
      'v.start_time',
      'i.name as inmate_name',
      'r.name as room_name',
      'r.organisation_id as room_org',
      'ro.name as room_org_name',
      'rr.name as remote_name',
      'rr.organisation_id as remote_org',
      'rro.name as remote_org_name',
    ])
    .where('v.id', 'in', visitIds)
    .execute();
}

/** Either room of the visit in the scope: the prison watches its visits, a bureau the ones at its offices. */
const inScope = (scope: Scope, f: Pick<VisitFacts, 'room_org' | 'remote_org'>): boolean =>
  covers(scope, f.room_org) || covers(scope, f.remote_org);

/** Whether the staff member may watch this visit (it exists and a room of it is theirs). */
export async function mayObserve(ctx: AppContext, caller: StaffCaller, visitId: string): Promise<boolean> {
  const [facts] = await factsOf(ctx, [visitId]);
  return facts !== undefined && inScope(await scopeOf(ctx, caller), facts);
}

/** `rooms`: the cluster's live visits (./live-watch: this node's relay and the other nodes' rows). */
export async function listLiveVisits(ctx: AppContext, caller: StaffCaller, rooms: readonly LiveView[]): Promise<LiveVisit[]> {
  const scope = await scopeOf(ctx, caller);
  const byId = new Map(rooms.map((r) => [r.visitId, r]));
  const facts = (await factsOf(ctx, [...byId.keys()])).filter((f) => inScope(scope, f));
  const applications = facts.map((f) => f.application_id);
  const applicants =
    applications.length === 0
      ? []
      : await ctx.db
          .selectFrom('applicants')
          .select(['application_id', 'name', 'position'])
          .where('application_id', 'in', applications)
          .orderBy('position')
          .execute();
  const now = ctx.clock().getTime();
  return facts
    .map((f): LiveVisit => {
      const room = byId.get(f.id) as LiveView;
      const seen = room;
      const minutes = Number(f.minutes);
      // Before both terminals met, the booked slot is the best figure.
      const from = seen.startedAt ?? Math.max(now, chinaInstant(f.date, f.start_time).getTime());
      return {
        visitId: f.id,
        room: { name: f.room_name, organisation: f.room_org_name },
        remoteRoom: { name: f.remote_name, organisation: f.remote_org_name },
        inmateName: f.inmate_name,
        visitors: applicants.filter((a) => a.application_id === f.application_id).map((a) => a.name),
        sides: [...room.sides].sort(),
        startedAt: seen.startedAt === null ? null : new Date(seen.startedAt).toISOString(),
        minutes,
        remainingMs: seen.startedAt === null ? null : Math.max(0, Math.round(from + minutes * MINUTE_MS - now)),
        warnings: seen.warnings,
        link: room.sides.length === 2 ? 'good' : 'one-side',
        observers: room.observers,
      };
    })
    .sort((a, b) => a.room.organisation.localeCompare(b.room.organisation, 'zh-CN') || a.visitId.localeCompare(b.visitId));
}
