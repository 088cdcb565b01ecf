// GET /api/overview (R29.1): what happened in the caller's
// scope between two dates. Rows are read through the same scoping as the
// rest of the store (auth/scope.ts, application-scope) and counted here, so
// both engines give the same answer from the same queries.
import type { Overview, OutcomeCounts } from '../../../src-shared/desk/overview';
import { REVIEW_STEPS } from '../../../src-shared/calendar';
import type { ReviewStep } from '../../../src-shared/calendar';
import { TERMINATION_REASONS } from '../../../src-shared/regulation';
import type { StaffCaller } from '../../auth/caller';
import { scopeOf, scoped } from '../../auth/scope';
import type { AppContext } from '../../context';
import { nowIso } from '../../clock';
import { visibleApplications, visibleVisits } from '../applications/application-scope';
import { todayInChina } from '../calendar/load-calendar';

type Status = keyof Omit<OutcomeCounts, 'total'>;

const emptyCounts = (): OutcomeCounts => ({
  scheduled: 0,
  completed: 0,
  forfeited: 0,
  interrupted: 0,
  terminated: 0,
  cancelled: 0,
  total: 0,
});

export function reasonLabel(code: string): string {
  if (code === 'R18.1') return '设备、网络故障中断（R18.1）';
  if (code === 'other') return '其他（见文字说明）';
  if (code === 'unrecorded') return '未登记原因';
  return (TERMINATION_REASONS as Record<string, string>)[code] ?? code;
}

interface Site {
  id: string;
  name: string;
  kind: string;
}

export async function buildOverview(ctx: AppContext, me: StaffCaller, from: string, to: string): Promise<Overview> {
  const scope = await scopeOf(ctx, me);
  const today = todayInChina(ctx.clock);
  const orgs = await ctx.db.selectFrom('organisations').select(['id', 'kind', 'name', 'parent_id']).execute();
  const orgById = new Map(orgs.map((o) => [o.id, o]));
  // A ward's room counts for its prison: the overview is per site (prison, bureau, office).
  const siteOf = (organisationId: string): Site => {
    const org = orgById.get(organisationId);
    if (!org) return { id: organisationId, name: organisationId, kind: 'unknown' };
    const site = org.kind === 'ward' && org.parent_id !== null ? (orgById.get(org.parent_id) ?? org) : org;
    return { id: site.id, name: site.name, kind: site.kind };
  };
  const inScope = (organisationId: string) => scope.all || scope.orgIds.includes(organisationId);

  const visits = await ctx.db
    .selectFrom('visits')
    .innerJoin('rooms as local', 'local.id', 'visits.room_id')
    .innerJoin('rooms as remote', 'remote.id', 'visits.remote_room_id')
    .select([
      'visits.id',
      'visits.date',
      'visits.status',
      'visits.outcome_code',
      'local.organisation_id as local_org',
      'remote.organisation_id as remote_org',
    ])
    .where(visibleVisits(ctx.db, scope))
    .where('visits.date', '>=', from)
    .where('visits.date', '<=', to)
    .execute();

  const totals = emptyCounts();
  const perDay = new Map<string, { date: string; site: Site; visits: number }>();
  const perSite = new Map<string, { site: Site; counts: OutcomeCounts }>();
  const reasons = new Map<string, { status: 'interrupted' | 'terminated'; code: string; count: number }>();
  for (const v of visits) {
    const status = v.status as Status;
    totals[status] += 1;
    totals.total += 1;
    if (status === 'interrupted' || status === 'terminated') {
      const code = v.outcome_code ?? 'unrecorded';
      const key = `${status}|${code}`;
      const entry = reasons.get(key) ?? { status, code, count: 0 };
      entry.count += 1;
      reasons.set(key, entry);
    }
    // Each side of the visit is a site that held it; a caller sees only its own sites' rows
    // (the province both), though the visit itself may be visible through the inmate.
    const sides = [v.local_org, v.remote_org].filter((o) => inScope(o) || inScope(siteOf(o).id));
    const sites = new Map((sides.length > 0 ? sides : [v.local_org]).map((o) => [siteOf(o).id, siteOf(o)]));
    for (const site of sites.values()) {
      const dayKey = `${v.date}|${site.id}`;
      const day = perDay.get(dayKey) ?? { date: v.date, site, visits: 0 };
      if (status !== 'cancelled') day.visits += 1;
      perDay.set(dayKey, day);
      const s = perSite.get(site.id) ?? { site, counts: emptyCounts() };
      s.counts[status] += 1;
      s.counts.total += 1;
      perSite.set(site.id, s);
    }
  }

  const overdueRows = await ctx.db
    .selectFrom('review_steps')
    .innerJoin('applications', 'applications.id', 'review_steps.application_id')
    .innerJoin('inmates', 'inmates.id', 'applications.inmate_id')
    .select([
      'review_steps.application_id',
      'review_steps.kind',
      'review_steps.organisation_id',
      'review_steps.received_on',
      'review_steps.due_on',
      'inmates.name as inmate_name',
    ])
    .where('review_steps.done_at', 'is', null)
    .where('review_steps.due_on', '<', today)
    .where(visibleApplications(ctx.db, scope))
    .orderBy('review_steps.due_on')
    .orderBy('review_steps.application_id')
    .limit(500)
    .execute();

  const terminals = await ctx.db
    .selectFrom('terminals')
    .innerJoin('rooms', 'rooms.id', 'terminals.room_id')
    .select([
      'terminals.id',
      'terminals.name',
      'terminals.room_id',
      'terminals.revoked_at',
      'rooms.name as room_name',
      'rooms.organisation_id',
    ])
    .where(scoped.terminals(scope))
    .orderBy('rooms.organisation_id')
    .orderBy('terminals.name')
    .execute();
  const ids = terminals.map((t) => t.id);
  const roomIds = terminals.map((t) => t.room_id);
  const [events, syncState, uploaded, pending, awaiting] =
    ids.length === 0
      ? [[], [], [], [], []]
      : await Promise.all([
          ctx.db
            .selectFrom('terminal_events')
            .select((eb) => [
              'terminal_id',
              eb.fn.max('at').as('last_at'),
              eb.fn.max('received_at').as('last_received'),
              eb.fn.countAll().as('n'),
            ])
            .where('terminal_id', 'in', ids)
            .groupBy('terminal_id')
            .execute(),
          ctx.db
            .selectFrom('terminal_sync_state')
            .select(['terminal_id', 'pulled_at', 'pushed_at'])
            .where('terminal_id', 'in', ids)
            .execute(),
          ctx.db
            .selectFrom('recordings_received')
            .select((eb) => ['terminal_id', eb.fn.max('received_at').as('last_upload')])
            .where('terminal_id', 'in', ids)
            .where('status', '=', 'confirmed')
            .groupBy('terminal_id')
            .execute(),
          ctx.db
            .selectFrom('recordings_received')
            .select((eb) => ['terminal_id', eb.fn.countAll().as('n')])
            .where('terminal_id', 'in', ids)
            .where('status', '=', 'pending')
            .groupBy('terminal_id')
            .execute(),
          ctx.db
            .selectFrom('visits')
            .select(['room_id', 'remote_room_id'])
            .where('status', '=', 'scheduled')
            .where('date', '<', today)
            .where((eb) => eb.or([eb('room_id', 'in', roomIds), eb('remote_room_id', 'in', roomIds)]))
            .execute(),
        ]);

  const caller = orgById.get(me.organisationId);
  return {
    from,
    to,
    scope: { organisationId: me.organisationId, name: caller?.name ?? '', kind: caller?.kind ?? me.organisationKind },
    generatedAt: nowIso(ctx.clock),
    totals,
    perDay: [...perDay.values()]
      .sort((a, b) => a.date.localeCompare(b.date) || a.site.name.localeCompare(b.site.name, 'zh-CN'))
      .map((d) => ({ date: d.date, siteId: d.site.id, siteName: d.site.name, visits: d.visits })),
    perSite: [...perSite.values()]
      .sort((a, b) => b.counts.total - a.counts.total || a.site.name.localeCompare(b.site.name, 'zh-CN'))
      .map((s) => ({ siteId: s.site.id, siteName: s.site.name, siteKind: s.site.kind, counts: s.counts })),
    reasons: [...reasons.values()]
      .sort((a, b) => a.status.localeCompare(b.status) || b.count - a.count || a.code.localeCompare(b.code))
      .map((r) => ({ ...r, label: reasonLabel(r.code) })),
    overdueSteps: overdueRows.map((r) => {
      const step = REVIEW_STEPS[r.kind as ReviewStep] as { label: string; requirement: string } | undefined;
      return {
        applicationId: r.application_id,
        stepKind: r.kind,
        label: step?.label ?? r.kind,
        requirement: step?.requirement ?? '',
        organisationId: r.organisation_id,
        organisationName: orgById.get(r.organisation_id)?.name ?? '',
        inmateName: r.inmate_name,
        receivedOn: r.received_on,
        dueOn: r.due_on,
      };
    }),
    terminals: terminals.map((t) => {
      const e = events.find((x) => x.terminal_id === t.id);
      const s = syncState.find((x) => x.terminal_id === t.id);
      const site = siteOf(t.organisation_id);
      return {
        terminalId: t.id,
        name: t.name,
        roomName: t.room_name,
        siteId: site.id,
        siteName: site.name,
        revoked: t.revoked_at !== null,
        lastEventAt: (e?.last_at as string | null | undefined) ?? null,
        lastEventReceivedAt: (e?.last_received as string | null | undefined) ?? null,
        eventsReceived: Number(e?.n ?? 0),
        lastPullAt: s?.pulled_at ?? null,
        lastPushAt: s?.pushed_at ?? null,
        lastUploadAt: (uploaded.find((x) => x.terminal_id === t.id)?.last_upload as string | null | undefined) ?? null,
        uploadsPending: Number(pending.find((x) => x.terminal_id === t.id)?.n ?? 0),
        visitsAwaitingOutcome: awaiting.filter((v) => v.room_id === t.room_id || v.remote_room_id === t.room_id).length,
      };
    }),
  };
}
