// The fleet table's filters and the terminal page's chart series, as pure functions of the
// store's answers (desk.fleetTerminals, desk.fleetHistory), so they are tested without a screen.
import { FLEET_ALERT_KINDS, OFFLINE_AFTER_MS, type FleetAlertKind } from '../../../src-shared/fleet/alerts';
import { HEARTBEAT_DEVICES, type HeartbeatDevice } from '../../../src-shared/fleet/heartbeat';
import type { FleetHistoryPoint, FleetTerminal } from '../../kiosk-types';

export { FLEET_ALERT_KINDS, HEARTBEAT_DEVICES };
export type { FleetAlertKind, HeartbeatDevice };

export interface FleetFilter {
  /** An organisation's id, or '' for all in scope. */
  organisationId: string;
  /** Only terminals with this alert, or '' for any. */
  alert: FleetAlertKind | '';
  /** Only terminals silent for more than 10 minutes (or never heard of), whatever the hour. */
  offlineOnly: boolean;
  /** Part of the site's, room's or terminal's name, its id or its version. */
  text: string;
}

export const NO_FILTER: FleetFilter = { organisationId: '', alert: '', offlineOnly: false, text: '' };

export function isSilent(terminal: FleetTerminal, now: Date): boolean {
  return terminal.lastSeenAt === null || now.getTime() - Date.parse(terminal.lastSeenAt) > OFFLINE_AFTER_MS;
}

export function filterFleet(terminals: readonly FleetTerminal[], filter: FleetFilter, now: Date): FleetTerminal[] {
  const text = filter.text.trim().toLowerCase();
  return terminals.filter(
    (t) =>
      (filter.organisationId === '' || t.organisationId === filter.organisationId) &&
      (filter.alert === '' || t.alerts.some((a) => a.kind === filter.alert)) &&
      (!filter.offlineOnly || isSilent(t, now)) &&
      (text === '' ||
        [t.organisationName, t.roomName, t.name, t.id, t.heartbeat?.version ?? ''].some((s) => s.toLowerCase().includes(text))),
  );
}

/** Terminals with alerts first (most alerts first), then by site and room. */
export function fleetInOrder(terminals: readonly FleetTerminal[]): FleetTerminal[] {
  return [...terminals].sort(
    (a, b) =>
      b.alerts.length - a.alerts.length ||
      a.organisationName.localeCompare(b.organisationName, 'zh-CN') ||
      a.roomName.localeCompare(b.roomName, 'zh-CN'),
  );
}

/** The organisations the terminals belong to, for the filter's list. */
export function organisationsOf(terminals: readonly FleetTerminal[]): { id: string; name: string }[] {
  const seen = new Map<string, string>();
  for (const t of terminals) seen.set(t.organisationId, t.organisationName);
  return [...seen].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
}

/** How many terminals have an alert, and how many alerts of each kind (the overview's card). */
export function alertCounts(terminals: readonly FleetTerminal[]): {
  terminals: number;
  withAlerts: number;
  byKind: Record<FleetAlertKind, number>;
} {
  const byKind = Object.fromEntries(FLEET_ALERT_KINDS.map((k) => [k, 0])) as Record<FleetAlertKind, number>;
  for (const t of terminals) for (const a of t.alerts) byKind[a.kind] += 1;
  return { terminals: terminals.length, withAlerts: terminals.filter((t) => t.alerts.length > 0).length, byKind };
}

/** The devices whose last check failed, and those never checked. */
export function deviceState(terminal: FleetTerminal): { failed: HeartbeatDevice[]; unchecked: HeartbeatDevice[] } {
  const devices = terminal.heartbeat?.devices;
  if (!devices) return { failed: [], unchecked: [...HEARTBEAT_DEVICES] };
  return {
    failed: HEARTBEAT_DEVICES.filter((d) => devices[d]?.ok === false),
    unchecked: HEARTBEAT_DEVICES.filter((d) => devices[d] === null || devices[d] === undefined),
  };
}

/** One point of a chart: a time (ms) and a value, null where the terminal did not say. */
export interface SeriesPoint {
  at: number;
  value: number | null;
}

export interface HistorySeries {
  /** Free space on the recordings' disk, GiB. */
  freeGiB: SeriesPoint[];
  /** The clock's offset against the store's, seconds, as a size (the sign is in the table). */
  clockSeconds: SeriesPoint[];
  /** Events waiting to be synced. */
  backlogEvents: SeriesPoint[];
  /** Share of the 10-minute slots of each bin in which the terminal reported (0–1). */
  online: SeriesPoint[];
}

const GIB = 1024 ** 3;
const SLOT_MS = 10 * 60_000;
/** The online strip has at most this many bars, however long the range. */
export const ONLINE_BINS = 72;

export function historySeries(points: readonly FleetHistoryPoint[], now: Date): HistorySeries {
  const sorted = [...points].sort((a, b) => a.at.localeCompare(b.at));
  const at = (p: FleetHistoryPoint) => Date.parse(p.at);
  const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;
  const online: SeriesPoint[] = [];
  const first = sorted[0];
  if (first) {
    const start = Math.floor(at(first) / SLOT_MS) * SLOT_MS;
    // Up to the slot of now (or of the newest point, if a clock runs ahead), that slot included.
    const end = Math.max(now.getTime(), at(sorted[sorted.length - 1] ?? first));
    const slots = Math.floor((end - start) / SLOT_MS) + 1;
    const perBin = Math.max(1, Math.ceil(slots / ONLINE_BINS));
    const reported = new Set(sorted.map((p) => Math.floor((at(p) - start) / SLOT_MS)));
    for (let bin = 0; bin * perBin < slots; bin += 1) {
      let n = 0;
      const inBin = Math.min(perBin, slots - bin * perBin);
      for (let s = 0; s < inBin; s += 1) if (reported.has(bin * perBin + s)) n += 1;
      online.push({ at: start + bin * perBin * SLOT_MS, value: n / inBin });
    }
  }
  return {
    freeGiB: sorted.map((p) => ({ at: at(p), value: p.freeBytes === null ? null : round(p.freeBytes / GIB, 2) })),
    clockSeconds: sorted.map((p) => ({
      at: at(p),
      value: p.clockOffsetMs === null ? null : round(Math.abs(p.clockOffsetMs) / 1000, 2),
    })),
    backlogEvents: sorted.map((p) => ({ at: at(p), value: p.backlogEvents })),
    online,
  };
}
