// The central store's overview answer (src-shared/desk/overview.ts) → what the charts draw:
// visits summed per day over the sites, every day of the range present (a gap is a 0 bar),
// reasons and overdue steps counted, each terminal's latest contact and backlog.
import { addDays } from '../../../src-shared/calendar/iso-date';
import type { Overview } from '../../../src-shared/desk/overview';
import type { LabelledCount, OverviewData } from './overview-data';

const latest = (...values: (string | null)[]): string | null =>
  values.reduce<string | null>((a, b) => (b !== null && (a === null || b > a) ? b : a), null);

function countBy<T>(
  items: readonly T[],
  key: (x: T) => string,
  label: (x: T) => string,
  weight: (x: T) => number = () => 1,
): LabelledCount[] {
  const out = new Map<string, LabelledCount>();
  for (const x of items) {
    const k = key(x);
    const row = out.get(k) ?? { key: k, label: label(x), count: 0 };
    row.count += weight(x);
    out.set(k, row);
  }
  return [...out.values()].sort((a, b) => b.count - a.count);
}

export function fromOverview(o: Overview): OverviewData {
  const perDate = new Map<string, number>();
  for (const row of o.perDay) perDate.set(row.date, (perDate.get(row.date) ?? 0) + row.visits);
  const visitsPerDay = [];
  for (let d = o.from; d <= o.to && visitsPerDay.length < 400; d = addDays(d, 1))
    visitsPerDay.push({ date: d, count: perDate.get(d) ?? 0 });
  return {
    from: o.from,
    to: o.to,
    visitsPerDay,
    visitsPerSite: o.perSite
      .map((s) => ({ key: s.siteId, label: s.siteName, count: s.counts.total }))
      .sort((a, b) => b.count - a.count),
    outcomes: {
      completed: o.totals.completed,
      forfeited: o.totals.forfeited,
      interrupted: o.totals.interrupted,
      terminated: o.totals.terminated,
    },
    terminationReasons: countBy(
      o.reasons,
      (r) => `${r.status}:${r.code}`,
      (r) => `${r.label}（${r.code}）`,
      (r) => r.count,
    ),
    overdueSteps: countBy(
      o.overdueSteps,
      (s) => s.stepKind,
      (s) => `${s.label}（${s.requirement}）`,
    ),
    terminals: o.terminals.map((x) => ({
      terminalId: x.terminalId,
      siteName: x.siteName,
      roomName: x.roomName,
      lastSyncAt: latest(x.lastPullAt, x.lastPushAt, x.lastEventReceivedAt),
      backlog: x.uploadsPending + x.visitsAwaitingOutcome,
    })),
  };
}
