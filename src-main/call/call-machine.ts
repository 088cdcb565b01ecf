// One visit's call, as a pure state machine over an injected clock (issue 6):
//   waiting → connecting (both sides ready) → in-progress ⇄ reconnecting → ended
// ended is completed (countdown at zero, R14.2), terminated (R16.1/R17.1) or
// interrupted (grace time ran out while reconnecting, R18.1: not a used visit).
// The countdown runs only while in progress: it pauses during reconnection.
// Every method returns what happened, and the call service turns that into audit
// entries, messages to the other terminal and events to the renderer.
import type { CallNotice, CallOutcomeKind, CallPhase, CallState, IceServer, LinkSample } from '../../src-shared/signaling/call-schemas';
import type { SignalSide } from '../../src-shared/signaling/protocol';

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
  inmateName: string;
  visitors: Array<{ name: string; relationship: string }>;
}

export type Happening =
  | { kind: 'negotiate'; generation: number }
  | { kind: 'started' }
  | { kind: 'connection-lost'; elapsedMs: number }
  | { kind: 'resumed'; pausedMs: number }
  | { kind: 'time-warning'; minutes: number; remainingMs: number }
  | { kind: 'ended'; outcome: CallOutcomeKind; code: string; text: string; by: string | null; origin: 'local' | 'remote' };

export interface EndReason { code: string; text: string; by: string | null }

export class CallMachine {
  phase: CallPhase = 'waiting';
  outcome: CallOutcomeKind | null = null;
  endReason: EndReason | null = null;
  generation = 0;
  peerPresent = false;
  peerReady = false;
  /** This side's window has its camera and is listening for signals. */
  localReady = false;
  allowedMs: number;
  link: LinkSample | null = null;
  readonly notices: CallNotice[] = [];
  private elapsedBefore = 0;
  private runningSince: number | null = null;
  private lostAt: number | null = null;
  private lastNegotiation = 0;
  private startedAt: number | null = null;
  private endedAt: number | null = null;
  private readonly warned = new Set<number>();
  private noticeSeq = 0;

  constructor(readonly o: CallMachineOptions) {
    this.allowedMs = o.allowedMs;
  }

  get initiator(): boolean {
    return this.o.side === 'inmate';
  }

  get ended(): boolean {
    return this.phase === 'ended';
  }

  elapsedMs(now: number): number {
    return this.elapsedBefore + (this.runningSince === null ? 0 : Math.max(0, now - this.runningSince));
  }

  remainingMs(now: number): number {
    return Math.max(0, this.allowedMs - this.elapsedMs(now));
  }

  /** The other terminal's signaling socket joined or left. */
  presence(present: boolean): void {
    this.peerPresent = present;
    if (!present) this.peerReady = false;
  }

  /** This side's window opened its camera and listens for the peer's signals. */
  localMediaReady(now: number): Happening[] {
    this.localReady = true;
    return this.peerReady ? this.peerSaysReady(now) : [];
  }

  /** The other terminal says it is ready (R24.1: the visit starts only when both are). */
  peerSaysReady(now: number): Happening[] {
    this.peerReady = true;
    this.peerPresent = true;
    if (!this.localReady) return [];
    if (this.phase === 'waiting') {
      this.phase = 'connecting';
      return [this.negotiate(now)];
    }
    // The peer came back (e.g. restarted within the grace time): the initiator rebuilds at once.
    if (this.phase === 'reconnecting' && this.initiator) return [this.negotiate(now)];
    return [];
  }

  /** The renderer's peer connection of `generation` connected or dropped. */
  media(generation: number, state: 'connected' | 'disconnected' | 'failed', now: number): Happening[] {
    if (generation !== this.generation || this.ended) return [];
    if (state === 'connected') {
      if (this.phase === 'connecting') {
        this.phase = 'in-progress';
        this.runningSince = now;
        this.startedAt = now;
        return [{ kind: 'started' }, ...this.tick(now)];
      }
      if (this.phase === 'reconnecting') {
        const pausedMs = now - (this.lostAt ?? now);
        this.phase = 'in-progress';
        this.runningSince = now;
        this.lostAt = null;
        return [{ kind: 'resumed', pausedMs }];
      }
      return [];
    }
    if (this.phase !== 'in-progress') return [];
    // R18.1: the countdown pauses while the connection is being restored.
    this.elapsedBefore = this.elapsedMs(now);
    this.runningSince = null;
    this.phase = 'reconnecting';
    this.lostAt = now;
    this.lastNegotiation = state === 'failed' ? 0 : now;
    return [{ kind: 'connection-lost', elapsedMs: this.elapsedBefore }, ...this.tick(now)];
  }

  /** The clock: time warnings, the end at zero, the grace time, renegotiation. */
  tick(now: number): Happening[] {
    if (this.phase === 'in-progress') {
      const remaining = this.remainingMs(now);
      if (remaining === 0) return [this.end('completed', { code: 'R14.2', text: '会见时间已到', by: null }, 'local', now)];
      const due = TIME_WARNINGS.filter((m) => !this.warned.has(m) && remaining <= m * MINUTE_MS && m * MINUTE_MS < this.allowedMs);
      if (due.length === 0) return [];
      // After a jump (e.g. a long pause) only the nearest warning is shown, the other is spent.
      for (const m of due) this.warned.add(m);
      const minutes = Math.min(...due);
      this.addNotice({ kind: minutes === 5 ? 'time-5' : 'time-1', code: 'R14.2', text: `距会见结束还有 ${minutes} 分钟`, by: null, origin: 'local' }, now);
      return [{ kind: 'time-warning', minutes, remainingMs: remaining }];
    }
    if (this.phase === 'reconnecting' && this.lostAt !== null) {
      if (now - this.lostAt >= this.o.graceMs) {
        return [this.end('interrupted', { code: 'R18.1', text: '网络或设备故障未能在宽限时间内恢复，会见中断，优先重新安排', by: null }, 'local', now)];
      }
      if (this.initiator && this.peerPresent && now - this.lastNegotiation >= this.o.renegotiateMs) return [this.negotiate(now)];
    }
    return [];
  }

  /** The other terminal built a new peer connection. */
  adoptGeneration(generation: number): Happening[] {
    if (this.ended || generation <= this.generation) return [];
    this.generation = generation;
    return [{ kind: 'negotiate', generation }];
  }

  addNotice(n: Omit<CallNotice, 'id' | 'at'>, now: number): CallNotice {
    this.noticeSeq += 1;
    const notice: CallNotice = { ...n, id: `${n.origin}-${this.noticeSeq}`, at: new Date(now).toISOString() };
    this.notices.push(notice);
    return notice;
  }

  /** R14.3: adds time (the caller has checked the warden's approval); warnings may fire again. */
  extend(ms: number, now: number): void {
    this.allowedMs += ms;
    for (const m of TIME_WARNINGS) if (this.remainingMs(now) > m * MINUTE_MS) this.warned.delete(m);
  }

  end(outcome: CallOutcomeKind, reason: EndReason, origin: 'local' | 'remote', now: number): Happening {
    this.elapsedBefore = this.elapsedMs(now);
    this.runningSince = null;
    this.phase = 'ended';
    this.outcome = outcome;
    this.endReason = reason;
    this.endedAt = now;
    const kind = outcome === 'completed' ? 'ended' : outcome === 'interrupted' ? 'interrupted' : 'terminated';
    this.addNotice({ kind, code: reason.code, text: reason.text, by: reason.by, origin }, now);
    return { kind: 'ended', outcome, code: reason.code, text: reason.text, by: reason.by, origin };
  }

  snapshot(now: number, extra: { suspensionProposable: boolean }): CallState {
    return {
      visitId: this.o.visitId,
      side: this.o.side,
      phase: this.phase,
      outcome: this.outcome,
      endReason: this.endReason,
      initiator: this.initiator,
      generation: this.generation,
      peerPresent: this.peerPresent,
      peerReady: this.peerReady,
      iceServers: this.o.iceServers,
      allowedMs: this.allowedMs,
      remainingMs: Math.round(this.remainingMs(now)),
      paused: this.phase === 'reconnecting',
      graceRemainingMs: this.phase === 'reconnecting' && this.lostAt !== null ? Math.max(0, this.o.graceMs - (now - this.lostAt)) : null,
      startedAt: this.startedAt === null ? null : new Date(this.startedAt).toISOString(),
      endedAt: this.endedAt === null ? null : new Date(this.endedAt).toISOString(),
      inmateName: this.o.inmateName,
      visitors: this.o.visitors,
      notices: [...this.notices],
      link: this.link,
      suspensionProposable: extra.suspensionProposable,
    };
  }

  private negotiate(now: number): Happening {
    this.generation += 1;
    this.lastNegotiation = now;
    return { kind: 'negotiate', generation: this.generation };
  }
}
