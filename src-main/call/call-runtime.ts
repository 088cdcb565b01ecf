// The terminal's calls: one CallMachine per visit, its signaling socket to
// the central store, and the effects of everything that happens — audit entries
// attributed to the administrators (R26.1), the visit's status, control messages to
// the other terminal, and `call.state` / `call.signal` events to the renderer(s).
import type { Database } from 'better-sqlite3';
import type { JsonObject } from '../../src-shared/audit/canonical-json';
import type { CallState, LinkSample } from '../../src-shared/signaling/call-schemas';
import { peerEnvelopeSchema, type PeerControl } from '../../src-shared/signaling/peer-envelope';
import type { RtcSignal } from '../../src-shared/signaling/rtc-signal';
import type { ClientMessage, ServerMessage, SignalSide } from '../../src-shared/signaling/protocol';
import type { TerminalConfig } from '../config/schema';
import type { Logger } from '../log/logger';
import type { AdminSessionState, LoggedInAdmin } from '../visit-day/admin-session';
import { recordStep } from '../visit-day/record-step';
import { refusal, type Refusal } from '../visit-day/refusal';
import type { Readiness } from '../visit-day/readiness';
import { loadRoster } from '../visit-day/visit-model';
import { OPEN_VISIT_STATUSES, transitionVisit, type StoredVisitStatus } from '../visit-day/visit-store';
import { CallMachine, INTERRUPTED_TEXT, MINUTE_MS, type Happening } from './call-machine';
import { deleteCheckpoint, readCheckpoints, saveCheckpoint } from './checkpoints';
import { FINAL_VISIT_STATUSES } from '../../src-shared/signaling/protocol';
import { CALL_DEFAULTS, type CallOptions } from './call-options';
import { LinkQuality } from './link-quality';
import { allowsSuspension, reasonText, requirementOf } from './reasons';
import { SignalingClient, type SignalingEndpoint } from './signaling-client';

export interface CallRuntimeDeps {
  db: Database;
  config: TerminalConfig;
  session: AdminSessionState;
  now: () => Date;
  logger: Logger;
  readiness: (visitId: string) => Readiness;
  emitState: (state: CallState) => void;
  emitSignal: (payload: { visitId: string; generation: number; data: unknown }) => void;
  options: CallOptions;
}

export type ActionResult = { accepted: true; state: CallState } | { accepted: false; refusal: Refusal; state: CallState | null };

interface Call {
  machine: CallMachine;
  client: SignalingClient | null;
  link: LinkQuality;
  closed: boolean;
  /** R18.1: the outcome still to be recorded at the store (sent again after each reconnect until acknowledged). */
  outcome: ClientMessage | null;
  /** Gives up waiting for the store's acknowledgement (the audit log still carries the outcome). */
  outcomeTimer: NodeJS.Timeout | null;
  /** R18.1: a restarted terminal's window is back; the other terminal must hear it (reattach) once both are on the relay. */
  reattachPending: boolean;
  /** When and in what shape the call was last checkpointed (throttles the writes). */
  saved: { at: number; key: string } | null;
}

/** A live call is checkpointed at least this often (the countdown a restart may lose). */
const CHECKPOINT_EVERY_MS = 1_000;

/** How long an ended call's socket waits to hand its outcome to the store. */
const OUTCOME_PATIENCE_MS = 10 * 60_000;

const STATUS = { completed: 'completed', terminated: 'terminated', interrupted: 'interrupted' } as const;

/** The call starts a visit still open here and ends one open or started (it may end before the media connected). */
const CALL_MOVES_FROM: Readonly<Record<'in-progress' | (typeof STATUS)[keyof typeof STATUS], readonly StoredVisitStatus[]>> = {
  'in-progress': OPEN_VISIT_STATUSES,
  completed: [...OPEN_VISIT_STATUSES, 'in-progress'],
  terminated: [...OPEN_VISIT_STATUSES, 'in-progress'],
  interrupted: [...OPEN_VISIT_STATUSES, 'in-progress'],
};

export class CallRuntime {
  private readonly calls = new Map<string, Call>();
  private latest: string | null = null;
  private readonly timer: NodeJS.Timeout;
  private readonly o: Required<Omit<CallOptions, 'signaling' | 'backoff'>> & Pick<CallOptions, 'signaling' | 'backoff'>;

  constructor(private readonly d: CallRuntimeDeps) {
    this.o = {
      iceServers: [],
      iceTransportPolicy: 'all',
      graceMs: CALL_DEFAULTS.graceMs,
      renegotiateMs: CALL_DEFAULTS.renegotiateMs,
      tickMs: CALL_DEFAULTS.tickMs,
      linkSummaryMs: CALL_DEFAULTS.linkSummaryMs,
      ...d.options,
    };
    this.timer = setInterval(() => {
      if (!d.db.open) return this.stop();
      try {
        this.tick();
      } catch (error) {
        d.logger.error('定时检查失败', { error });
      }
    }, this.o.tickMs);
    this.timer.unref();
    this.restored = this.restore().catch((error: unknown) => {
      d.logger.error('恢复进行中的会见失败', { error });
    });
  }

  /** Settles when the calls a crash left open have been restored (R18.1). */
  readonly restored: Promise<void>;

  private get side(): SignalSide {
    return this.d.config.site.kind === 'prison' ? 'inmate' : 'visitor';
  }

  private nowMs(): number {
    return this.d.now().getTime();
  }

  state(visitId: string): CallState | null {
    const call = this.calls.get(visitId);
    return call ? this.snapshot(call) : null;
  }

  current(): CallState | null {
    return this.latest === null ? null : this.state(this.latest);
  }

  /** R24.1: joins the visit's call once this side is ready (two administrators, check-in, equipment). */
  async join(visitId: string): Promise<ActionResult> {
    const existing = this.calls.get(visitId);
    if (existing && !existing.machine.ended) return { accepted: true, state: this.snapshot(existing) };
    if (existing) return { accepted: false, refusal: refusal(null, 'call-ended', '本次会见已结束'), state: this.snapshot(existing) };
    const acting = this.acting();
    if ('code' in acting) return { accepted: false, refusal: acting, state: null };
    const ready = this.d.readiness(visitId);
    if (!ready.ready) {
      const first = ready.blockers[0];
      const message = `尚不能开始会见：${ready.blockers.map((b) => b.message).join('；')}`;
      return { accepted: false, refusal: refusal(first?.requirement ?? null, 'not-ready', message), state: null };
    }
    const endpoint = await this.o.signaling?.();
    if (!endpoint) return { accepted: false, refusal: refusal(null, 'no-signaling', '本终端尚未取得中心库信令凭证，无法建立会见连接'), state: null };

    const roster = loadRoster(this.d.db, visitId);
    const checkedIn = roster.visitors.filter((v) => v.checkedInAt !== null);
    const machine = new CallMachine({
      visitId,
      side: this.side,
      allowedMs: (roster.minutes > 0 ? roster.minutes : CALL_DEFAULTS.defaultMinutes) * MINUTE_MS,
      graceMs: this.o.graceMs,
      renegotiateMs: this.o.renegotiateMs,
      iceServers: this.o.iceServers,
      iceTransportPolicy: this.o.iceTransportPolicy,
      inmateName: roster.inmateName,
      visitors: (checkedIn.length > 0 ? checkedIn : roster.visitors).map((v) => ({ name: v.name, relationship: v.relationshipLabel })),
    });
    const call = this.adopt(machine);
    this.audit('call.joined', acting.operator.staffId, { visitId, side: this.side, allowedMinutes: machine.allowedMs / MINUTE_MS, ...this.names(acting) });
    this.connect(call, endpoint);
    this.checkpoint(call);
    return { accepted: true, state: this.snapshot(call) };
  }

  private adopt(machine: CallMachine): Call {
    const call: Call = { machine, client: null, link: new LinkQuality(), closed: false, outcome: null, outcomeTimer: null, reattachPending: false, saved: null };
    this.calls.set(machine.o.visitId, call);
    this.latest = machine.o.visitId;
    return call;
  }

  private connect(call: Call, endpoint: SignalingEndpoint): void {
    const { machine } = call;
    const visitId = machine.o.visitId;
    call.client = new SignalingClient({
      endpoint,
      visitId,
      ...(this.o.backoff ? { backoff: this.o.backoff } : {}),
      onMessage: (m) => this.onSignal(call, m),
      // A message the shared schemas refused, or a handler that threw: kept in the audit trail.
      onProblem: (p) => this.audit('call.signalingProblem', 'system', { visitId, problem: p.kind, detail: p.detail }),
      onConnection: (up, detail) => {
        if (!up && detail.fatal && !call.closed && !machine.ended) {
          this.audit('call.signalingRefused', 'system', { visitId, code: detail.code ?? null, reason: detail.reason ?? '' });
        }
        this.publish(call);
      },
    });
    call.client.start();
  }

  /**
   * R18.1: calls this terminal was in when its process died (crash, power cut) come back
   * from their checkpoints: paused, reconnecting, and rejoined through the store's relay
   * as soon as the window is back. One whose grace time ran out meanwhile ends as
   * interrupted here, and the store hears it.
   */
  private async restore(): Promise<void> {
    const rows = readCheckpoints(this.d.db);
    if (rows.length === 0) return;
    const now = this.nowMs();
    for (const row of rows) {
      if (row.problem !== null) {
        this.audit('call.checkpointUnreadable', 'system', { visitId: row.visitId, problem: row.problem });
        deleteCheckpoint(this.d.db, row.visitId);
        continue;
      }
      const machine = CallMachine.restore(row.checkpoint, { graceMs: this.o.graceMs, renegotiateMs: this.o.renegotiateMs }, row.savedAt, now);
      const call = this.adopt(machine);
      this.audit('call.restored', 'system', {
        visitId: row.visitId, requirement: 'R18.1', elapsedMs: Math.round(row.checkpoint.elapsedMs), generation: machine.generation,
        downMs: Math.max(0, now - row.savedAt), graceMs: this.o.graceMs,
      });
      const endpoint = await Promise.resolve(this.o.signaling?.()).catch(() => null);
      if (endpoint) this.connect(call, endpoint);
      // A grace time already spent ends the visit now (the outcome waits for the relay).
      this.apply(call, machine.tick(this.nowMs()));
      this.publish(call);
    }
  }

  /** The renderer's WebRTC signal, to the other terminal. */
  signal(visitId: string, generation: number, data: RtcSignal): void {
    const call = this.calls.get(visitId);
    if (!call || call.closed || generation !== call.machine.generation) return;
    call.client?.send({ type: 'signal', data: { kind: 'rtc', generation, data } });
  }

  media(visitId: string, generation: number, state: 'local-ready' | 'connected' | 'disconnected' | 'failed'): void {
    const call = this.calls.get(visitId);
    if (!call || call.closed) return;
    if (state === 'local-ready') {
      // Only now is this side ready for the peer: its window would miss signals before.
      const first = !call.machine.localReady;
      if (first && call.machine.restored) {
        // R18.1: the window of a restarted terminal: like a reloaded one, it needs a new connection.
        call.machine.localReady = true;
        const happenings = call.machine.localReattached(this.nowMs());
        this.audit('call.windowReattached', 'system', { visitId, requirement: 'R18.1', generation: call.machine.generation, afterRestart: true });
        this.apply(call, happenings);
        this.sendReattach(call);
        this.publish(call);
        return;
      }
      if (!first) {
        // R18.1: the window came back (reloaded) while the call was live: rebuild the connection.
        const happenings = call.machine.localReattached(this.nowMs());
        if (call.machine.phase !== 'waiting') {
          this.audit('call.windowReattached', 'system', { visitId, requirement: 'R18.1', generation: call.machine.generation });
          this.send(call, { type: 'reattach', elapsedMs: Math.round(call.machine.elapsedMs(this.nowMs())) });
        }
        this.apply(call, happenings);
        this.publish(call);
        return;
      }
      const happenings = call.machine.localMediaReady(this.nowMs());
      call.client?.send({ type: 'ready' });
      this.apply(call, happenings);
      this.publish(call);
      return;
    }
    this.apply(call, call.machine.media(generation, state, this.nowMs()));
  }

  stats(visitId: string, sample: LinkSample): void {
    const call = this.calls.get(visitId);
    if (!call || call.machine.ended) return;
    call.machine.link = sample;
    call.link.add(sample, this.nowMs());
    const summary = call.link.summary(this.nowMs(), this.o.linkSummaryMs);
    if (summary) this.audit('call.linkQuality', 'system', { visitId, ...summary });
    this.publish(call);
  }

  warn(visitId: string, code: string, text: string | undefined, staffId: string | undefined): ActionResult {
    return this.act(visitId, staffId, (call, actor) => {
      if (call.machine.phase === 'waiting') return refusal(null, 'not-started', '会见尚未开始');
      const reason = reasonText(code, text, false);
      if (!reason.ok) return reason.refusal;
      const now = this.nowMs();
      call.machine.addNotice({ kind: 'warning', code, text: reason.text, by: actor.operator.name, origin: 'local' }, now);
      this.audit('call.warning', actor.operator.staffId, { visitId, requirement: requirementOf(code), code, reason: reason.text, ...this.names(actor) });
      this.send(call, { type: 'warn', code, text: reason.text, by: this.by(actor), at: new Date(now).toISOString() });
      return null;
    });
  }

  terminate(visitId: string, code: string, text: string | undefined, staffId: string | undefined): ActionResult {
    return this.act(visitId, staffId, (call, actor) => {
      const reason = reasonText(code, text, true);
      if (!reason.ok) return reason.refusal;
      const now = this.nowMs();
      call.machine.end('terminated', { code, text: reason.text, by: actor.operator.name }, 'local', now);
      this.send(call, { type: 'terminate', code, text: reason.text, by: this.by(actor), at: new Date(now).toISOString() });
      this.finish(call, 'call.terminated', actor.operator.staffId, {
        requirement: requirementOf(code), code, reason: reason.text, ...this.names(actor), suspensionProposable: this.suspensionProposable(call),
      });
      return null;
    });
  }

  /** R14.3 / R27.1: more time only with the warden's approval reference, entered at the prison. */
  extend(visitId: string, minutes: number, approvalRef: string, staffId: string | undefined): ActionResult {
    return this.act(visitId, staffId, (call, actor) => {
      if (this.side !== 'inmate') return refusal('R14.3', 'extend-at-prison', '延长会见时间须经监狱长批准，由监狱端管理员登记（R14.3）');
      if (approvalRef.trim().length < 2) return refusal('R14.3', 'needs-warden-approval', '延长会见时间须填写监狱长批准文号（R14.3、R27.1）');
      if (call.machine.phase === 'waiting') return refusal(null, 'not-started', '会见尚未开始');
      const now = this.nowMs();
      call.machine.extend(minutes * MINUTE_MS, now);
      call.machine.addNotice({ kind: 'extended', code: 'R14.3', text: `经批准延长 ${minutes} 分钟（批准文号 ${approvalRef.trim()}）`, by: actor.operator.name, origin: 'local' }, now);
      this.audit('call.extended', actor.operator.staffId, { visitId, requirement: 'R14.3', minutes, approvalRef: approvalRef.trim(), ...this.names(actor) });
      this.send(call, { type: 'extend', minutes, approvalRef: approvalRef.trim(), by: this.by(actor), at: new Date(now).toISOString() });
      return null;
    });
  }

  /** A time-stamped note tied to the recording by its offset into the visit (R26.1). */
  incident(visitId: string, note: string, staffId: string | undefined): ActionResult {
    return this.act(visitId, staffId, (call, actor) => {
      const now = this.nowMs();
      call.machine.addNotice({ kind: 'incident', code: null, text: note, by: actor.operator.name, origin: 'local' }, now);
      this.audit('call.incident', actor.operator.staffId, { visitId, note, offsetMs: Math.round(call.machine.elapsedMs(now)), ...this.names(actor) });
      this.send(call, { type: 'incident', note, by: this.by(actor), at: new Date(now).toISOString() });
      return null;
    });
  }

  /** R24.1: mutes one side's microphone for a short time, on both terminals. */
  mute(visitId: string, side: SignalSide, seconds: number, staffId: string | undefined): ActionResult {
    return this.act(visitId, staffId, (call, actor) => {
      if (call.machine.phase !== 'in-progress' && call.machine.phase !== 'reconnecting') return refusal(null, 'not-started', '会见尚未开始');
      const now = this.nowMs();
      call.machine.mute({ side, until: now + seconds * 1000, by: actor.operator.name, origin: 'local' }, now);
      this.audit('call.muted', actor.operator.staffId, { visitId, requirement: 'R24.1', side, seconds, ...this.names(actor) });
      this.send(call, { type: 'mute', side, seconds, by: this.by(actor), at: new Date(now).toISOString() });
      return null;
    });
  }

  /** R24.1: pauses the visit: both sides' pictures and sound held, the countdown stopped. */
  hold(visitId: string, staffId: string | undefined): ActionResult {
    return this.act(visitId, staffId, (call, actor) => {
      if (call.machine.phase !== 'in-progress' && call.machine.phase !== 'reconnecting') return refusal(null, 'not-started', '会见尚未开始');
      const now = this.nowMs();
      const by = this.by(actor);
      if (!call.machine.holdBy({ by: by.name, site: by.site, origin: 'local', at: new Date(now).toISOString() }, now)) {
        return refusal('R24.1', 'already-held', '会见已处于暂停状态');
      }
      this.audit('call.held', actor.operator.staffId, { visitId, requirement: 'R24.1', elapsedMs: Math.round(call.machine.elapsedMs(now)), ...this.names(actor) });
      this.send(call, { type: 'hold', by, at: new Date(now).toISOString() });
      return null;
    });
  }

  /** R24.1: resumes a paused visit. */
  release(visitId: string, staffId: string | undefined): ActionResult {
    return this.act(visitId, staffId, (call, actor) => {
      const now = this.nowMs();
      if (!call.machine.releaseBy(actor.operator.name, 'local', now)) return refusal('R24.1', 'not-held', '会见未处于暂停状态');
      this.audit('call.released', actor.operator.staffId, { visitId, requirement: 'R24.1', ...this.names(actor) });
      this.send(call, { type: 'release', by: this.by(actor), at: new Date(now).toISOString() });
      return null;
    });
  }

  /**
   * R17.2: after a termination under R17.1(6)–(9) the prison's administrators may propose
   * suspending the inmate's visits for 1 to 3 months. The proposal is an audit entry the
   * central store receives with the chain; the prison's desk decides on it there.
   */
  proposeSuspension(visitId: string, months: number, note: string | undefined, staffId: string | undefined): ActionResult {
    const call = this.calls.get(visitId);
    if (!call) return { accepted: false, refusal: refusal(null, 'no-call', '本终端没有该会见'), state: null };
    if (!this.suspensionProposable(call)) {
      return { accepted: false, refusal: refusal('R17.2', 'not-proposable', '只有监狱端在因 R17.1 第(6)至(9)项中止会见后可以提出停止会见建议（R17.2）'), state: this.snapshot(call) };
    }
    if (call.machine.suspensionProposal) return { accepted: false, refusal: refusal('R17.2', 'already-proposed', '本次会见已提出停止会见建议'), state: this.snapshot(call) };
    if (!Number.isInteger(months) || months < 1 || months > 3) return { accepted: false, refusal: refusal('R17.2', 'months', '停止会见期限为 1 至 3 个月（R17.2）'), state: this.snapshot(call) };
    const acting = this.acting(staffId);
    if ('code' in acting) return { accepted: false, refusal: acting, state: this.snapshot(call) };
    const roster = loadRoster(this.d.db, visitId);
    const now = this.d.now();
    call.machine.suspensionProposal = { months, by: acting.operator.name, at: now.toISOString() };
    this.audit('call.suspensionProposed', acting.operator.staffId, {
      visitId, requirement: 'R17.2', months, inmateName: roster.inmateName,
      code: call.machine.endReason?.code ?? null, reason: call.machine.endReason?.text ?? null, note: note?.trim() ?? '', ...this.names(acting),
    });
    this.publish(call);
    return { accepted: true, state: this.snapshot(call) };
  }

  tick(): void {
    const now = this.nowMs();
    for (const call of this.calls.values()) {
      if (call.machine.ended) continue;
      this.apply(call, call.machine.tick(now));
      if (!call.machine.ended && (call.machine.phase === 'in-progress' || call.machine.phase === 'reconnecting')) this.publish(call);
    }
  }

  stop(): void {
    clearInterval(this.timer);
    for (const call of this.calls.values()) {
      call.closed = true;
      if (call.outcomeTimer) clearTimeout(call.outcomeTimer);
      call.client?.stop();
    }
  }

  // ---- internals ----

  private act(visitId: string, staffId: string | undefined, run: (call: Call, actor: { operator: LoggedInAdmin; supervisors: LoggedInAdmin[] }) => Refusal | null): ActionResult {
    const call = this.calls.get(visitId);
    if (!call) return { accepted: false, refusal: refusal(null, 'no-call', '本终端没有进行中的该会见'), state: null };
    if (call.machine.ended) return { accepted: false, refusal: refusal(null, 'call-ended', '本次会见已结束'), state: this.snapshot(call) };
    const acting = this.acting(staffId);
    if ('code' in acting) return { accepted: false, refusal: acting, state: this.snapshot(call) };
    const refused = run(call, acting);
    if (refused) return { accepted: false, refusal: refused, state: this.snapshot(call) };
    this.publish(call);
    return { accepted: true, state: this.snapshot(call) };
  }

  /** R25.1: actions need two administrators; the one named acts, the other(s) supervise. */
  private acting(staffId?: string): { operator: LoggedInAdmin; supervisors: LoggedInAdmin[] } | Refusal {
    const { admins, locked } = this.d.session.snapshot();
    if (locked) return refusal('R25.1', 'needs-two-admins', '须有两名管理员登录后才能操作（R25.1 双管理员监管）');
    const operator = staffId === undefined ? admins[0] : admins.find((a) => a.staffId === staffId);
    if (!operator) return refusal('R25.1', 'not-logged-in', '该管理员未登录本终端');
    return { operator, supervisors: admins.filter((a) => a !== operator) };
  }

  private names(a: { operator: LoggedInAdmin; supervisors: LoggedInAdmin[] }): JsonObject {
    return { operator: a.operator.name, supervisors: a.supervisors.map((s) => s.name) };
  }

  private by(a: { operator: LoggedInAdmin }): { name: string; site: string } {
    return { name: a.operator.name, site: this.d.config.site.name };
  }

  private suspensionProposable(call: Call): boolean {
    const m = call.machine;
    return m.outcome === 'terminated' && this.side === 'inmate' && m.endReason !== null && allowsSuspension(m.endReason.code);
  }

  private snapshot(call: Call): CallState {
    return call.machine.snapshot(this.nowMs(), { suspensionProposable: this.suspensionProposable(call) });
  }

  private publish(call: Call): void {
    this.checkpoint(call);
    this.d.emitState(this.snapshot(call));
  }

  /** R18.1: what a restart needs, at most a second old (at once when the call's shape changed). */
  private checkpoint(call: Call): void {
    if (call.closed || !this.d.db.open) return;
    const now = this.nowMs();
    const cp = call.machine.checkpoint(now);
    if (!cp) return;
    const key = `${cp.phase}|${cp.generation}|${cp.allowedMs}|${cp.hold ? 1 : 0}|${cp.notices.length}|${cp.warned.join(',')}`;
    if (call.saved && call.saved.key === key && now - call.saved.at < CHECKPOINT_EVERY_MS) return;
    saveCheckpoint(this.d.db, cp, new Date(now));
    call.saved = { at: now, key };
  }

  /** Tells the other terminal this restarted one listens again, once both are on the relay. */
  private sendReattach(call: Call): void {
    const m = call.machine;
    if (!call.client?.connected || !m.peerPresent) {
      call.reattachPending = true;
      return;
    }
    call.reattachPending = false;
    this.send(call, { type: 'reattach', elapsedMs: Math.round(m.elapsedMs(this.nowMs())) });
    // The initiator's new generation may have been built before the relay was up.
    if (m.initiator && m.generation > 0) this.send(call, { type: 'renegotiate', generation: m.generation });
  }

  private audit(kind: string, actor: string, payload: JsonObject, status?: keyof typeof CALL_MOVES_FROM, visitId?: string): void {
    const now = this.d.now();
    recordStep(this.d.db, this.d.config.terminalId, { kind, actor, payload }, now, status === undefined || visitId === undefined ? undefined : () => {
      transitionVisit(this.d.db, visitId, CALL_MOVES_FROM[status], status, now.toISOString());
      // An ended call is not rejoined after a restart.
      if (FINAL_VISIT_STATUSES.includes(status as never)) deleteCheckpoint(this.d.db, visitId);
    });
  }

  private send(call: Call, control: PeerControl): void {
    call.client?.send({ type: 'signal', data: { kind: 'control', control } });
  }

  /** The end, on the record with the visit's new status; the signaling socket closes after the last message. */
  private finish(call: Call, kind: string, actor: string, payload: JsonObject): void {
    const m = call.machine;
    const visitId = m.o.visitId;
    const summary = call.link.summary(this.nowMs(), this.o.linkSummaryMs, true);
    if (summary) this.audit('call.linkQuality', 'system', { visitId, ...summary });
    this.audit(kind, actor, {
      visitId, outcome: m.outcome ?? 'completed', elapsedMs: Math.round(m.elapsedMs(this.nowMs())), allowedMs: m.allowedMs,
      // R18.1: an interrupted visit is not a used one; the store reschedules it with priority.
      countsAsUsedVisit: m.outcome !== 'interrupted', ...payload,
    }, STATUS[m.outcome ?? 'completed'], visitId);
    call.closed = true;
    // R18.1: the store keeps the outcome on the visit (an interrupted one awaits its priority
    // reschedule). The socket stays until the store acknowledges, across reconnects.
    const reason = m.endReason ?? { code: 'R14.2', text: '' };
    call.outcome = { type: 'outcome', outcome: m.outcome ?? 'completed', code: reason.code.slice(0, 20), reason: reason.text.slice(0, 500) };
    call.client?.send(call.outcome);
    call.outcomeTimer = setTimeout(() => {
      if (call.outcome) this.audit('call.outcomeUnreported', 'system', { visitId, outcome: m.outcome ?? 'completed' });
      call.client?.stop();
    }, OUTCOME_PATIENCE_MS);
    call.outcomeTimer.unref();
  }

  private apply(call: Call, happenings: Happening[]): void {
    if (happenings.length === 0) return;
    const visitId = call.machine.o.visitId;
    for (const h of happenings) {
      switch (h.kind) {
        case 'negotiate':
          // Generation 1 follows from both "ready"s; later ones are the initiator's rebuilds.
          if (call.machine.initiator && h.generation > 1) {
            this.send(call, { type: 'renegotiate', generation: h.generation });
            if (call.machine.phase === 'reconnecting') this.audit('call.rebuild', 'system', { visitId, requirement: 'R18.1', generation: h.generation });
          }
          break;
        case 'ice-restart':
          // The renderer sees iceRestarts rise in the state and restarts ICE (R18.1).
          this.audit('call.iceRestart', 'system', { visitId, requirement: 'R18.1', generation: h.generation, attempt: h.attempt });
          break;
        case 'started':
          this.audit('call.started', 'system', { visitId, side: call.machine.o.side, allowedMs: call.machine.allowedMs }, 'in-progress', visitId);
          break;
        case 'connection-lost':
          this.audit('call.connectionLost', 'system', { visitId, requirement: 'R18.1', elapsedMs: Math.round(h.elapsedMs), graceMs: this.o.graceMs });
          break;
        case 'resumed':
          this.audit('call.resumed', 'system', { visitId, requirement: 'R18.1', pausedMs: Math.round(h.pausedMs) });
          break;
        case 'time-warning':
          this.audit('call.timeWarning', 'system', { visitId, requirement: 'R14.2', minutes: h.minutes });
          break;
        case 'ended':
          if (h.origin === 'local' && h.outcome !== 'terminated') {
            this.send(call, { type: 'ended', outcome: h.outcome, at: this.d.now().toISOString() });
          }
          this.finish(call, h.outcome === 'interrupted' ? 'call.interrupted' : 'call.completed', 'system', {
            requirement: h.code, reason: h.text, origin: h.origin,
          });
          break;
      }
    }
    this.publish(call);
  }

  private onSignal(call: Call, m: ServerMessage): void {
    if (call.closed) {
      this.onClosedSignal(call, m);
      return;
    }
    const now = this.nowMs();
    const machine = call.machine;
    switch (m.type) {
      case 'welcome': {
        if (m.ice) machine.useIce(m.ice);
        const status = m.visitStatus;
        if (status !== undefined && (FINAL_VISIT_STATUSES as readonly string[]).includes(status)) {
          // The visit ended at the store while this terminal was away (e.g. the other side's grace time ran out).
          this.endFromStore(call, status, now);
          return;
        }
        machine.presence(m.peerPresent);
        if (m.peerPresent && machine.localReady) this.greet(call);
        break;
      }
      case 'presence':
        machine.presence(m.state === 'joined');
        if (m.state === 'joined' && machine.localReady) this.greet(call);
        break;
      case 'ready':
        this.apply(call, machine.peerSaysReady(now));
        break;
      case 'signal': {
        const envelope = peerEnvelopeSchema.safeParse(m.data);
        if (!envelope.success) return;
        const e = envelope.data;
        if (e.kind === 'rtc') {
          if (e.generation === machine.generation && !machine.ended) this.d.emitSignal({ visitId: machine.o.visitId, generation: e.generation, data: e.data });
          return;
        }
        this.onControl(call, e.control, now);
        break;
      }
      default:
        break;
    }
    this.publish(call);
  }

  /** The other terminal is on the relay: say this side is ready, or (after a restart) that it is back. */
  private greet(call: Call): void {
    if (call.reattachPending) this.sendReattach(call);
    else call.client?.send({ type: 'ready' });
  }

  /** After the end: hand the outcome to the store (again after a reconnect) until it acknowledges. */
  private onClosedSignal(call: Call, m: ServerMessage): void {
    if (m.type === 'welcome' && call.outcome) call.client?.send(call.outcome);
    if (m.type === 'outcome-recorded') {
      this.audit('call.outcomeRecorded', 'system', { visitId: call.machine.o.visitId, outcome: call.machine.outcome ?? 'completed', storeStatus: m.status });
      call.outcome = null;
      if (call.outcomeTimer) clearTimeout(call.outcomeTimer);
      call.client?.stop();
    }
  }

  private endFromStore(call: Call, status: string, now: number): void {
    const outcome = status === 'interrupted' ? 'interrupted' : status === 'terminated' ? 'terminated' : 'completed';
    const reason = outcome === 'interrupted' ? { code: 'R18.1', text: INTERRUPTED_TEXT, by: null }
      : { code: status, text: `中心库记录本次会见已结束（${status}）`, by: null };
    const h = call.machine.end(outcome, reason, 'remote', now);
    this.apply(call, [h]);
  }

  /** The other site's action: shown here, audited here with the other administrator's name. */
  private onControl(call: Call, c: PeerControl, now: number): void {
    const machine = call.machine;
    const visitId = machine.o.visitId;
    if (machine.ended) return;
    switch (c.type) {
      case 'warn':
        machine.addNotice({ kind: 'warning', code: c.code, text: c.text, by: c.by.name, origin: 'remote' }, now);
        this.audit('call.remoteWarning', 'system', { visitId, code: c.code, reason: c.text, by: c.by.name, site: c.by.site, at: c.at });
        break;
      case 'terminate':
        machine.end('terminated', { code: c.code, text: c.text, by: c.by.name }, 'remote', now);
        this.finish(call, 'call.terminated', 'system', { requirement: requirementOf(c.code), code: c.code, reason: c.text, by: c.by.name, site: c.by.site, origin: 'remote' });
        break;
      case 'extend':
        machine.extend(c.minutes * MINUTE_MS, now);
        machine.addNotice({ kind: 'extended', code: 'R14.3', text: `经批准延长 ${c.minutes} 分钟（批准文号 ${c.approvalRef}）`, by: c.by.name, origin: 'remote' }, now);
        this.audit('call.remoteExtension', 'system', { visitId, minutes: c.minutes, approvalRef: c.approvalRef, by: c.by.name, site: c.by.site });
        break;
      case 'incident':
        machine.addNotice({ kind: 'incident', code: null, text: c.note, by: c.by.name, origin: 'remote' }, now);
        this.audit('call.remoteIncident', 'system', { visitId, note: c.note, by: c.by.name, site: c.by.site, offsetMs: Math.round(machine.elapsedMs(now)) });
        break;
      case 'reattach':
        this.audit('call.peerReattached', 'system', { visitId, requirement: 'R18.1' });
        // A restarted terminal takes this side's countdown, so both show the same time.
        this.send(call, { type: 'clock', elapsedMs: Math.round(machine.elapsedMs(now)), allowedMs: machine.allowedMs });
        this.apply(call, machine.peerReattached(now));
        break;
      case 'clock': {
        const before = Math.round(machine.elapsedMs(now));
        if (machine.adoptClock(c.elapsedMs, c.allowedMs, now)) {
          this.audit('call.clockAdopted', 'system', { visitId, requirement: 'R18.1', elapsedMs: before, peerElapsedMs: c.elapsedMs, allowedMs: c.allowedMs });
        }
        break;
      }
      case 'mute':
        machine.mute({ side: c.side, until: now + c.seconds * 1000, by: c.by.name, origin: 'remote' }, now);
        this.audit('call.remoteMuted', 'system', { visitId, requirement: 'R24.1', side: c.side, seconds: c.seconds, by: c.by.name, site: c.by.site, at: c.at });
        break;
      case 'hold':
        if (machine.holdBy({ by: c.by.name, site: c.by.site, origin: 'remote', at: c.at }, now)) {
          this.audit('call.remoteHeld', 'system', { visitId, requirement: 'R24.1', by: c.by.name, site: c.by.site, at: c.at });
        }
        break;
      case 'release':
        if (machine.releaseBy(c.by.name, 'remote', now)) {
          this.audit('call.remoteReleased', 'system', { visitId, requirement: 'R24.1', by: c.by.name, site: c.by.site, at: c.at });
        }
        break;
      case 'ended':
        this.apply(call, [machine.end(c.outcome, c.outcome === 'interrupted'
          ? { code: 'R18.1', text: INTERRUPTED_TEXT, by: null }
          : { code: 'R14.2', text: '会见时间已到', by: null }, 'remote', now)]);
        break;
      case 'renegotiate':
        this.apply(call, machine.adoptGeneration(c.generation));
        break;
    }
  }
}
