// When a downloaded update may be installed. Installing restarts the terminal, so never during
// a visit: not while a visit is checking in or in progress, a call is live or a recording open,
// and not when a visit is due within 30 minutes or its window is still open. An installer whose
// SHA-512 or whose province signature did not verify is refused for good. Pure: the facts in,
// the decision out.

/** How long before a visit's start nothing is installed (a restart and a failed install's recovery fit in it). */
export const INSTALL_CLEARANCE_MINUTES = 30;

export interface VisitSlot {
  readonly visitId: string;
  readonly status: string;
  readonly startsAt: Date;
  readonly minutes: number;
}

export interface InstallSituation {
  readonly now: Date;
  /** This room's visits around now (today and tomorrow are enough). */
  readonly visits: readonly VisitSlot[];
  /** A call is set up or running. */
  readonly liveCall: boolean;
  /** A recording is open. */
  readonly recording: boolean;
}

/** A check's outcome: passed, or why not. */
export type Check = { readonly ok: true } | { readonly ok: false; readonly reason: string };

export interface DownloadedUpdate {
  readonly version: string;
  /** The downloaded installer's SHA-512 against the feed's. */
  readonly sha512: Check;
  /** The province's signature over the feed's version and files. */
  readonly signature: Check;
}

export type InstallDecision =
  | { readonly action: 'install' }
  | { readonly action: 'wait'; readonly reason: string }
  | { readonly action: 'refuse'; readonly reason: string };

const ACTIVE = new Set(['checking-in', 'in-progress']);
const MINUTE = 60_000;

export function decideInstall(update: DownloadedUpdate, situation: InstallSituation): InstallDecision {
  if (!update.sha512.ok) return { action: 'refuse', reason: `安装文件校验失败：${update.sha512.reason}` };
  if (!update.signature.ok) return { action: 'refuse', reason: `省厅签名校验失败：${update.signature.reason}` };
  if (situation.liveCall) return { action: 'wait', reason: '会见通话进行中' };
  if (situation.recording) return { action: 'wait', reason: '录像进行中' };
  const now = situation.now.getTime();
  for (const v of situation.visits) {
    if (ACTIVE.has(v.status)) return { action: 'wait', reason: `会见 ${v.visitId} 正在进行` };
    if (v.status !== 'scheduled') continue;
    const start = v.startsAt.getTime();
    const end = start + v.minutes * MINUTE;
    if (now >= start - INSTALL_CLEARANCE_MINUTES * MINUTE && now < end) {
      return { action: 'wait', reason: `会见 ${v.visitId} 将在 ${INSTALL_CLEARANCE_MINUTES} 分钟内开始或尚在时段内` };
    }
  }
  return { action: 'install' };
}
