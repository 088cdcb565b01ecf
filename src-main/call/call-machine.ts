// One visit's call, as a pure state machine over an injected clock:
//   waiting → connecting (both sides ready) → in-progress ⇄ reconnecting → ended
// ended is completed (countdown at zero, R14.2), terminated (R16.1/R17.1) or
// interrupted (grace time ran out while reconnecting, R18.1: not a used visit).
// The countdown runs only while in progress and not held: it pauses during reconnection
// (R18.1) and while an administrator has paused the visit (R24.1).
// Reconnection (R18.1), driven by the initiator (the prison side): wait `renegotiateMs`
// for the link to heal by itself, then an ICE restart on the same peer connection, then
// a new peer connection (a new generation) every `renegotiateMs`, until the grace time.
// Every method returns what happened; call-effects.ts turns that into audit entries,
// messages to the other terminal and events to the renderer (effect-runner.ts applies them).
import type {
  CallNotice,
  CallOutcomeKind,
  CallPhase,
  CallState,
  IceServer,
  LinkSample,
} from '../../src-shared/signaling/call-schemas';
import type { IceConfig } from '../../src-shared/signaling/protocol';
import { ObserverRoster } from './observers';
import {
  ADMINS_AWAY_REMOTE_TEXT,
  ADMINS_AWAY_TEXT,
  ADMINS_BACK_TEXT,
  INTERRUPTED_TEXT,
  MINUTE_MS,
  TIME_WARNINGS,
  type AdminGap,
  type CallCheckpoint,
  type CallMachineOptions,
  type EndReason,
  type Happening,
  type Hold,
  type Mute,
} from './call-machine-types';

/** A first connection gets this many renegotiation periods before the initiator builds another. */
const CONNECT_RETRY_FACTOR = 4;

export * from './call-machine-types';

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
  iceServers: IceServer[];
  iceTransportPolicy: IceConfig['iceTransportPolicy'];
  /** R18.1: ICE restarts asked for on the current generation. */
  iceRestarts = 0;
  /** Generations below this are dead for this side's window (it reloaded): it builds only newer ones. */
  minGeneration = 1;
  /** R24.1: the visit is paused by an administrator. */
  hold: Hold | null = null;
  /** R25.1: a restarted terminal waits for its two administrators (admin-gap.ts decides). */
  adminGap: AdminGap | null = null;
  /** R24.1: sides muted for a while. */
  muted: Mute[] = [];
  suspensionProposal: { months: number; by: string; at: string } | null = null;
  /** Issue #19: the monitoring centre's officers watching (./observers). */
  readonly observers = new ObserverRoster();
  /** The current peer connection is gone for good (simple-peer destroys it on 'failed'): rebuild, don't restart ICE. */
  private generationDead = false;
  private elapsedBefore = 0;
  private runningSince: number | null = null;
  private lostAt: number | null = null;
  private lastNegotiation = 0;
  private startedAt: number | null = null;
  private endedAt: number | null = null;
  private readonly warned = new Set<number>();
  private noticeSeq = 0;

  /** This call was rebuilt from a checkpoint after the terminal restarted (R18.1). */
  restored = false;
  /** A restored call has taken the surviving terminal's countdown. */
  clockAdopted = false;

  constructor(readonly o: CallMachineOptions) {
    this.allowedMs = o.allowedMs;
    this.iceServers = o.iceServers;
    this.iceTransportPolicy = o.iceTransportPolicy ?? 'all';
  }

  /** The store's STUN/TURN configuration, from the signaling welcome; an empty one leaves the terminal's own. */
  useIce(ice: IceConfig): void {
    if (ice.iceServers.length === 0) return;
    this.iceServers = ice.iceServers;
    this.iceTransportPolicy = ice.iceTransportPolicy;
  }

  private get running(): boolean {
    return this.phase === 'in-progress' && this.hold === null && this.adminGap === null;
  }

  /** Stops the countdown (its elapsed time kept). */
  private freeze(now: number): void {
    this.elapsedBefore = this.elapsedMs(now);
    this.runningSince = null;
  }

  /** Starts the countdown again if the visit runs. */
  private thaw(now: number): void {
    if (this.running && this.runningSince === null) this.runningSince = now;
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
      this.generationDead = false;
      if (this.phase === 'connecting') {
        this.phase = 'in-progress';
        this.startedAt = now;
        this.thaw(now);
        return [{ kind: 'started' }, ...this.tick(now)];
      }
      if (this.phase === 'reconnecting') {
        const pausedMs = now - (this.lostAt ?? now);
        this.phase = 'in-progress';
        this.lostAt = null;
        this.thaw(now);
        this.addNotice({ kind: 'resumed', code: 'R18.1', text: '连接已恢复，会见继续', by: null, origin: 'local' }, now);
        return [{ kind: 'resumed', pausedMs }];
      }
      return [];
    }
    if (state === 'failed') this.generationDead = true;
    if (this.phase === 'connecting' && state === 'failed') {
      // The first connection failed before it ever carried the visit: build another at once.
      this.lastNegotiation = 0;
      return this.tick(now);
    }
    if (this.phase !== 'in-progress') {
      // Already reconnecting: a dead connection is rebuilt at once rather than restarted.
      if (this.phase === 'reconnecting' && state === 'failed') this.lastNegotiation = 0;
      return this.phase === 'reconnecting' ? this.tick(now) : [];
    }
    return this.lose(now, state === 'failed');
  }

  /** R18.1: the countdown pauses while the connection is being restored. */
  private lose(now: number, dead: boolean, act = true): Happening[] {
    this.freeze(now);
    this.phase = 'reconnecting';
    this.lostAt = now;
    this.lastNegotiation = dead ? 0 : now;
    if (dead) this.generationDead = true;
    this.addNotice(
      { kind: 'connection-lost', code: 'R18.1', text: '连接中断，正在重新连接，会见计时暂停', by: null, origin: 'local' },
      now,
    );
    return [{ kind: 'connection-lost', elapsedMs: this.elapsedBefore }, ...(act ? this.tick(now) : [])];
  }

  /**
   * R18.1: this side's window came back (reloaded) while the call was live: its peer
   * connection is gone. The countdown pauses and a new connection is built (at once by
   * the initiator; the other side asks for one with a `reattach` message).
   */
  localReattached(now: number): Happening[] {
    if (this.ended || this.phase === 'waiting') return [];
    this.minGeneration = this.generation + 1;
    this.generationDead = true;
    const lost = this.phase === 'in-progress' ? this.lose(now, true, false) : [];
    if (!this.initiator) return lost;
    return [...lost, this.negotiate(now)];
  }

  /** R18.1: the other terminal's window came back: the initiator builds a new connection at once. */
  peerReattached(now: number): Happening[] {
    if (this.ended || this.phase === 'waiting') return [];
    this.generationDead = true;
    // A reattaching window listens again: that is its "ready" (a restarted terminal sends no other).
    this.peerPresent = true;
    this.peerReady = true;
    const lost = this.phase === 'in-progress' ? this.lose(now, true, false) : [];
    if (!this.initiator || !this.localReady) return lost;
    return [...lost, this.negotiate(now)];
  }

  /** R24.1: an administrator (here or at the other site) paused the visit. */
  holdBy(hold: Hold, now: number): boolean {
    if (this.ended || this.hold !== null) return false;
    this.freeze(now);
    this.hold = hold;
    this.addNotice({ kind: 'held', code: 'R24.1', text: '管理员已暂停会见，计时暂停', by: hold.by, origin: hold.origin }, now);
    return true;
  }

  /** R24.1: the pause ends; the countdown goes on. */
  releaseBy(by: string, origin: 'local' | 'remote', now: number): boolean {
    if (this.ended || this.hold === null) return false;
    this.hold = null;
    this.thaw(now);
    this.addNotice({ kind: 'released', code: 'R24.1', text: '管理员已恢复会见，计时继续', by, origin }, now);
    return true;
  }

  /** R25.1: the visit stands still while `origin`'s terminal has no two administrators logged in. */
  adminsAway(origin: AdminGap['origin'], now: number): boolean {
    if (this.ended || this.adminGap !== null) return false;
    this.freeze(now);
    this.adminGap = { since: now, origin };
    const text = origin === 'local' ? ADMINS_AWAY_TEXT : ADMINS_AWAY_REMOTE_TEXT;
    this.addNotice({ kind: 'held', code: 'R25.1', text, by: null, origin }, now);
    return true;
  }

  /** R25.1: two administrators are back at `origin`'s terminal; answers how long the gap lasted (null: none open). */
  adminsBack(origin: AdminGap['origin'], now: number): number | null {
    if (this.ended || this.adminGap === null || this.adminGap.origin !== origin) return null;
    const gapMs = Math.max(0, now - this.adminGap.since);
    this.adminGap = null;
    this.thaw(now);
    this.addNotice({ kind: 'released', code: 'R25.1', text: ADMINS_BACK_TEXT, by: null, origin }, now);
    return gapMs;
  }

  /** R24.1: one side's microphone is muted for a short while on both terminals. */
  mute(m: Mute, now: number): void {
    this.muted = [...this.muted.filter((x) => x.side !== m.side && x.until > now), m];
    const who = m.side === 'inmate' ? '服刑人员一方' : '会见人一方';
    this.addNotice(
      {
        kind: 'muted',
        code: 'R24.1',
        text: `${who}已被静音 ${Math.round((m.until - now) / 1000)} 秒`,
        by: m.by,
        origin: m.origin,
      },
      now,
    );
  }

  /** The clock: time warnings, the end at zero, the grace time, renegotiation. */
  tick(now: number): Happening[] {
    if (this.muted.some((m) => m.until <= now)) this.muted = this.muted.filter((m) => m.until > now);
    if (this.phase === 'in-progress') {
      const remaining = this.remainingMs(now);
      if (remaining === 0) return [this.end('completed', { code: 'R14.2', text: '会见时间已到', by: null }, 'local', now)];
      const due = TIME_WARNINGS.filter(
        (m) => !this.warned.has(m) && remaining <= m * MINUTE_MS && m * MINUTE_MS < this.allowedMs,
      );
      if (due.length === 0) return [];
      // After a jump (e.g. a long pause) only the nearest warning is shown, the other is spent.
      for (const m of due) this.warned.add(m);
      const minutes = Math.min(...due);
      this.addNotice(
        {
          kind: minutes === 5 ? 'time-5' : 'time-1',
          code: 'R14.2',
          text: `距会见结束还有 ${minutes} 分钟`,
          by: null,
          origin: 'local',
        },
        now,
      );
      return [{ kind: 'time-warning', minutes, remainingMs: remaining }];
    }
    if (
      this.phase === 'connecting' &&
      this.initiator &&
      this.peerPresent &&
      this.localReady &&
      now - this.lastNegotiation >= CONNECT_RETRY_FACTOR * this.o.renegotiateMs
    ) {
      // A first connection that neither connects nor fails (e.g. no relay reachable yet) is tried again.
      return [this.negotiate(now)];
    }
    if (this.phase === 'reconnecting' && this.lostAt !== null) {
      if (now - this.lostAt >= this.o.graceMs) {
        return [this.end('interrupted', { code: 'R18.1', text: INTERRUPTED_TEXT, by: null }, 'local', now)];
      }
      if (this.initiator && this.peerPresent && this.localReady && now - this.lastNegotiation >= this.o.renegotiateMs) {
        // First remedy: an ICE restart on the same connection; then new connections.
        if (!this.generationDead && this.iceRestarts === 0 && this.generation > 0) {
          this.iceRestarts += 1;
          this.lastNegotiation = now;
          return [{ kind: 'ice-restart', generation: this.generation, attempt: this.iceRestarts }];
        }
        return [this.negotiate(now)];
      }
    }
    return [];
  }

  /** The other terminal built a new peer connection. */
  adoptGeneration(generation: number): Happening[] {
    if (this.ended || generation <= this.generation) return [];
    this.generation = generation;
    this.iceRestarts = 0;
    this.generationDead = false;
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
    this.freeze(now);
    this.thaw(now);
    for (const m of TIME_WARNINGS) if (this.remainingMs(now) > m * MINUTE_MS) this.warned.delete(m);
  }

  end(outcome: CallOutcomeKind, reason: EndReason, origin: 'local' | 'remote', now: number): Happening {
    this.freeze(now);
    this.phase = 'ended';
    this.hold = null;
    this.adminGap = null;
    this.muted = [];
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
      minGeneration: this.minGeneration,
      iceServers: this.iceServers,
      iceTransportPolicy: this.iceTransportPolicy,
      iceRestarts: this.iceRestarts,
      allowedMs: this.allowedMs,
      remainingMs: Math.round(this.remainingMs(now)),
      paused: this.phase === 'reconnecting' || this.hold !== null || this.adminGap !== null,
      hold: this.hold,
      adminGap:
        this.adminGap === null ? null : { since: new Date(this.adminGap.since).toISOString(), origin: this.adminGap.origin },
      muted: this.muted
        .filter((m) => m.until > now)
        .map((m) => ({ side: m.side, until: new Date(m.until).toISOString(), by: m.by, origin: m.origin })),
      graceRemainingMs:
        this.phase === 'reconnecting' && this.lostAt !== null ? Math.max(0, this.o.graceMs - (now - this.lostAt)) : null,
      startedAt: this.startedAt === null ? null : new Date(this.startedAt).toISOString(),
      endedAt: this.endedAt === null ? null : new Date(this.endedAt).toISOString(),
      inmateName: this.o.inmateName,
      visitors: this.o.visitors,
      notices: [...this.notices],
      link: this.link,
      suspensionProposable: extra.suspensionProposable,
      suspensionProposal: this.suspensionProposal,
      observers: this.phase === 'ended' ? [] : this.observers.list(),
    };
  }

  /** What a restarted process needs to come back to this call; null before it is joined or after it ended. */
  checkpoint(now: number): CallCheckpoint | null {
    if (this.phase === 'waiting' || this.phase === 'ended') return null;
    const { visitId, side, allowedMs, iceServers, iceTransportPolicy, inmateName, visitors } = this.o;
    const options = {
      visitId,
      side,
      allowedMs,
      iceServers,
      ...(iceTransportPolicy ? { iceTransportPolicy } : {}),
      inmateName,
      visitors,
    };
    return {
      v: 1,
      options,
      phase: this.phase,
      generation: this.generation,
      allowedMs: this.allowedMs,
      elapsedMs: this.elapsedMs(now),
      warned: [...this.warned],
      hold: this.hold,
      notices: [...this.notices],
      noticeSeq: this.noticeSeq,
      startedAt: this.startedAt,
      lostAt: this.lostAt,
      iceServers: this.iceServers,
      iceTransportPolicy: this.iceTransportPolicy,
    };
  }

  /**
   * R18.1: the call as it was when this terminal's process died (`savedAt`, the last
   * checkpoint, stands for the moment of the crash). Its peer connection is gone: the
   * countdown stands still, the grace time runs from the crash, and only generations
   * above the saved one are built once the window is back.
   */
  static restore(
    cp: CallCheckpoint,
    timings: Pick<CallMachineOptions, 'graceMs' | 'renegotiateMs'>,
    savedAt: number,
    now: number,
  ): CallMachine {
    const m = new CallMachine({ ...cp.options, ...timings });
    m.restored = true;
    m.allowedMs = cp.allowedMs;
    m.generation = cp.generation;
    m.minGeneration = cp.generation + 1;
    m.generationDead = true;
    m.elapsedBefore = cp.elapsedMs;
    for (const w of cp.warned) m.warned.add(w);
    m.hold = cp.hold;
    m.notices.push(...cp.notices);
    m.noticeSeq = cp.noticeSeq;
    m.startedAt = cp.startedAt;
    m.iceServers = cp.iceServers;
    m.iceTransportPolicy = cp.iceTransportPolicy;
    m.lastNegotiation = 0;
    m.phase = cp.phase === 'connecting' ? 'connecting' : 'reconnecting';
    if (m.phase === 'reconnecting') {
      m.lostAt = cp.phase === 'reconnecting' && cp.lostAt !== null ? cp.lostAt : savedAt;
      m.addNotice(
        {
          kind: 'connection-lost',
          code: 'R18.1',
          text: '本终端已重新启动，正在重新连接，会见计时暂停',
          by: null,
          origin: 'local',
        },
        now,
      );
    }
    return m;
  }

  /** A restored call takes the surviving terminal's countdown, once, so both show the same time. */
  adoptClock(elapsedMs: number, allowedMs: number, now: number): boolean {
    if (!this.restored || this.clockAdopted || this.ended) return false;
    this.clockAdopted = true;
    this.allowedMs = allowedMs;
    this.elapsedBefore = elapsedMs;
    if (this.runningSince !== null) this.runningSince = now;
    return true;
  }

  private negotiate(now: number): Happening {
    this.generation += 1;
    this.iceRestarts = 0;
    this.generationDead = false;
    this.lastNegotiation = now;
    return { kind: 'negotiate', generation: this.generation };
  }
}
