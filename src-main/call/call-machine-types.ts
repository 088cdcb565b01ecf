// The call state machine's vocabulary (./call-machine): its options, what it reports happening,
// holds, mutes, the administrators' gap after a restart (R25.1), the checkpoint a restarted
// terminal rejoins from (R18.1), and the texts it shows.
import type { CallNotice, CallOutcomeKind, IceServer } from '../../src-shared/signaling/call-schemas';
import type { IceConfig, SignalSide } from '../../src-shared/signaling/protocol';

export const MINUTE_MS = 60_000;
/** R14.2: warnings at 5 and 1 minutes before the end. */
export const TIME_WARNINGS = [5, 1] as const;

export interface CallMachineOptions {
  visitId: string;
  side: SignalSide;
  allowedMs: number;
  /** R18.1: how long a lost connection may take to come back before the visit is interrupted. */
  graceMs: number;
  /** How long to wait for a dropped connection to heal by itself before building a new one. */
  renegotiateMs: number;
  iceServers: IceServer[];
  iceTransportPolicy?: IceConfig['iceTransportPolicy'];
  inmateName: string;
  visitors: Array<{ name: string; relationship: string }>;
}

export type Happening =
  | { kind: 'negotiate'; generation: number }
  /** R18.1: the initiator restarts ICE on the current peer connection (first remedy). */
  | { kind: 'ice-restart'; generation: number; attempt: number }
  | { kind: 'started' }
  | { kind: 'connection-lost'; elapsedMs: number }
  | { kind: 'resumed'; pausedMs: number }
  | { kind: 'time-warning'; minutes: number; remainingMs: number }
  | { kind: 'ended'; outcome: CallOutcomeKind; code: string; text: string; by: string | null; origin: 'local' | 'remote' };

export interface EndReason {
  code: string;
  text: string;
  by: string | null;
}

export const INTERRUPTED_TEXT = '网络或设备故障未能在宽限时间内恢复，会见中断，优先重新安排';

export interface Hold {
  by: string;
  site: string;
  origin: 'local' | 'remote';
  at: string;
}
/**
 * R25.1 after a restart (R18.1): nobody is logged in at `origin`'s terminal yet; the visit
 * stands still until two administrators are back there. `since`: epoch ms of this clock.
 */
export interface AdminGap {
  since: number;
  origin: 'local' | 'remote';
}
export const ADMINS_AWAY_TEXT = '管理人员正在重新登录，会见暂停，时间不计入';
export const ADMINS_AWAY_REMOTE_TEXT = '对方管理人员正在重新登录，会见暂停，时间不计入';
export const ADMINS_BACK_TEXT = '管理人员已重新登录，会见继续，计时继续';

export interface Mute {
  side: SignalSide;
  until: number;
  by: string;
  origin: 'local' | 'remote';
}

/**
 * R18.1: what a restarted terminal needs to rejoin a live call (kept in call_checkpoints).
 * Times are epoch milliseconds of the terminal's clock.
 */
export interface CallCheckpoint {
  v: 1;
  options: Omit<CallMachineOptions, 'graceMs' | 'renegotiateMs'>;
  phase: 'connecting' | 'in-progress' | 'reconnecting';
  generation: number;
  allowedMs: number;
  elapsedMs: number;
  warned: number[];
  hold: Hold | null;
  notices: CallNotice[];
  noticeSeq: number;
  startedAt: number | null;
  lostAt: number | null;
  iceServers: IceServer[];
  iceTransportPolicy: IceConfig['iceTransportPolicy'];
}
