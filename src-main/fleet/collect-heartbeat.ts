// The heartbeat from the facts a terminal gathered (read-facts.ts): pure, so what is reported
// and how it is capped is tested without a terminal. Strings are made plain and cut to the
// store's limits here, so a heartbeat is never refused for an odd error line.
import type { DeviceCheck, Heartbeat, HeartbeatDevice } from '../../src-shared/fleet/heartbeat';
import { HEARTBEAT_VISIT_STATES, MAX_DETAIL_CHARS, MAX_ERROR_CHARS, MAX_ERROR_LINES } from '../../src-shared/fleet/heartbeat';
import { BYTES_PER_MINUTE } from '../visit-day/equipment';
import type { RecentLine } from '../log/recent-errors';

export interface EquipmentRow {
  readonly name: string;
  readonly ok: boolean;
  readonly detail: string;
  readonly checkedAt: string;
}

export interface HeartbeatFacts {
  readonly id: string;
  readonly sentAt: Date;
  readonly reason: Heartbeat['reason'];
  readonly version: string;
  readonly os: { readonly platform: string; readonly release: string; readonly arch: string };
  readonly uptimeSeconds: number;
  /** null: the recordings' disk could not be read. */
  readonly freeBytes: number | null;
  /** The equipment checks of the local store (any order; the newest per device counts). */
  readonly equipment: readonly EquipmentRow[];
  /** The card reader's last read (check-in); null when none since the start. */
  readonly cardReader: DeviceCheck | null;
  /** The last clock sample against the store; null before the first exchange. */
  readonly clock: { readonly offsetMs: number; readonly rttMs: number } | null;
  readonly backlog: { readonly events: number; readonly bytes: number; readonly oldestAt: string | null };
  readonly visit: { readonly state: string; readonly visitId: string | null };
  readonly errors: readonly RecentLine[];
}

// eslint-disable-next-line no-control-regex -- control characters are what is replaced
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]|[\ud800-\udfff]/gu;
const plain = (s: string, max: number) => s.replace(UNPRINTABLE, ' ').trim().slice(0, max);
const count = (n: number) => (Number.isFinite(n) && n > 0 ? Math.floor(n) : 0);

/**
 * Minutes of recording the free space holds: while a visit records, its segments and the
 * archive both exist (the equipment check's arithmetic, BYTES_PER_MINUTE × 2 a minute).
 */
export const recordingMinutes = (freeBytes: number): number => Math.floor(Math.max(0, freeBytes) / (BYTES_PER_MINUTE * 2));

/** The equipment check names of the local store behind each reported device. */
const FROM_EQUIPMENT: Partial<Record<HeartbeatDevice, string>> = {
  camera: 'camera',
  microphone: 'microphone',
  speaker: 'speaker',
  recorder: 'recorder',
};

function newest(rows: readonly EquipmentRow[], name: string): DeviceCheck | null {
  let found: EquipmentRow | null = null;
  for (const r of rows) if (r.name === name && (found === null || r.checkedAt > found.checkedAt)) found = r;
  return found === null ? null : { ok: found.ok, detail: plain(found.detail, MAX_DETAIL_CHARS), checkedAt: found.checkedAt };
}

export function collectHeartbeat(facts: HeartbeatFacts): Heartbeat {
  const device = (d: HeartbeatDevice): DeviceCheck | null => {
    if (d === 'cardReader')
      return facts.cardReader === null ? null : { ...facts.cardReader, detail: plain(facts.cardReader.detail, MAX_DETAIL_CHARS) };
    const name = FROM_EQUIPMENT[d];
    return name === undefined ? null : newest(facts.equipment, name);
  };
  const state = (HEARTBEAT_VISIT_STATES as readonly string[]).includes(facts.visit.state)
    ? (facts.visit.state as Heartbeat['visit']['state'])
    : 'idle';
  const free = facts.freeBytes === null || !Number.isFinite(facts.freeBytes) ? null : count(facts.freeBytes);
  return {
    id: facts.id,
    sentAt: facts.sentAt.toISOString(),
    reason: facts.reason,
    version: plain(facts.version, 40) || 'unknown',
    os: {
      platform: plain(facts.os.platform, 40) || 'unknown',
      release: plain(facts.os.release, 100),
      arch: plain(facts.os.arch, 20) || 'unknown',
    },
    uptimeSeconds: count(facts.uptimeSeconds),
    disk: { freeBytes: free, recordingMinutes: free === null ? null : recordingMinutes(free) },
    devices: {
      camera: device('camera'),
      microphone: device('microphone'),
      speaker: device('speaker'),
      cardReader: device('cardReader'),
      recorder: device('recorder'),
    },
    clock:
      facts.clock === null
        ? { offsetMs: null, rttMs: null }
        : { offsetMs: Math.round(facts.clock.offsetMs), rttMs: Math.round(Math.max(0, facts.clock.rttMs)) },
    backlog: { events: count(facts.backlog.events), bytes: count(facts.backlog.bytes), oldestAt: facts.backlog.oldestAt },
    visit: { state, visitId: state === 'idle' || facts.visit.visitId === null ? null : plain(facts.visit.visitId, 64) || null },
    errors: facts.errors
      .slice(-MAX_ERROR_LINES)
      .map((e) => ({ at: e.at, level: e.level, message: plain(e.message, MAX_ERROR_CHARS) })),
  };
}
