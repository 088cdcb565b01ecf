// The terminal's calls, as the call service and openTerminal see them: one CallMachine
// per visit (live-calls.ts), its signaling link to the central store (call-link.ts), the
// countdown's clock, and the entry points of the renderer and the administrators. The
// decisions are pure (call-machine.ts, supervision.ts, window-media.ts, peer-messages.ts);
// effect-runner.ts applies them — audit entries (R26.1), the visit's status, control
// messages to the other terminal, `call.state` / `call.signal` events to the renderer(s).
import type { Database } from 'better-sqlite3';
import type { CallState, LinkSample } from '../../src-shared/signaling/call-schemas';
import type { RtcSignal } from '../../src-shared/signaling/rtc-signal';
import type { SignalSide } from '../../src-shared/signaling/protocol';
import type { TerminalConfig } from '../config/schema';
import type { Logger } from '../log/logger';
import type { AdminSessionState } from '../visit-day/admin-session';
import { refusal, type Refusal } from '../visit-day/refusal';
import type { Readiness } from '../visit-day/readiness';
import { loadRoster } from '../visit-day/visit-model';
import { CallMachine, MINUTE_MS } from './call-machine';
import { CALL_DEFAULTS, resolveCallOptions, type CallOptions, type ResolvedCallOptions } from './call-options';
import { CallRecord } from './call-record';
import { adminsBackIfPresent } from './admin-gap';
import { restoreCalls } from './call-restore';
import { EffectRunner } from './effect-runner';
import { LiveCalls, type LiveCall } from './live-calls';
import * as supervision from './supervision';
import { mediaEffects, type MediaState } from './window-media';

export interface CallRuntimeDeps {
  db: Database;
  config: TerminalConfig;
  session: AdminSessionState;
  now: () => Date;
  logger: Logger;
  readiness: (visitId: string) => Readiness;
  emitState: (state: CallState) => void;
  emitSignal: (payload: { visitId: string; generation: number; data: unknown }) => void;
  /** Issue #19: an observer's signal, for the window's stream to it. */
  emitObserverSignal: (payload: { visitId: string; observerId: string; data: unknown }) => void;
  options: CallOptions;
}

export type ActionResult = { accepted: true; state: CallState } | { accepted: false; refusal: Refusal; state: CallState | null };

export class CallRuntime {
  private readonly calls = new LiveCalls();
  private readonly timer: NodeJS.Timeout;
  private readonly o: ResolvedCallOptions;
  private readonly here: supervision.Here;
  private readonly record: CallRecord;
  private readonly runner: EffectRunner;

  /** Settles when the calls a crash left open have been restored (R18.1). */
  readonly restored: Promise<void>;

  constructor(private readonly d: CallRuntimeDeps) {
    this.o = resolveCallOptions(d.options);
    this.here = { side: d.config.site.kind === 'prison' ? 'inmate' : 'visitor', site: d.config.site.name };
    this.record = new CallRecord({ db: d.db, terminalId: d.config.terminalId, now: d.now });
    this.runner = new EffectRunner({
      record: this.record,
      side: this.here.side,
      options: this.o,
      now: d.now,
      emitState: d.emitState,
      emitSignal: d.emitSignal,
      emitObserverSignal: d.emitObserverSignal,
    });
    this.timer = setInterval(() => {
      if (!d.db.open) return this.stop();
      try {
        this.tick();
      } catch (error) {
        d.logger.error('定时检查失败', { error });
      }
    }, this.o.tickMs);
    this.timer.unref();
    this.restored = restoreCalls({
      db: d.db,
      now: d.now,
      options: this.o,
      calls: this.calls,
      record: this.record,
      runner: this.runner,
      session: d.session,
    }).catch((error: unknown) => {
      d.logger.error('恢复进行中的会见失败', { error });
    });
  }

  private nowMs(): number {
    return this.d.now().getTime();
  }

  state(visitId: string): CallState | null {
    const call = this.calls.get(visitId);
    return call ? this.runner.snapshot(call) : null;
  }

  current(): CallState | null {
    const call = this.calls.current();
    return call ? this.runner.snapshot(call) : null;
  }

  /** R24.1: joins the visit's call once this side is ready (two administrators, check-in, equipment). */
  async join(visitId: string): Promise<ActionResult> {
    const existing = this.calls.get(visitId);
    if (existing && !existing.machine.ended) return { accepted: true, state: this.runner.snapshot(existing) };
    if (existing)
      return { accepted: false, refusal: refusal(null, 'call-ended', '本次会见已结束'), state: this.runner.snapshot(existing) };
    const acting = this.acting();
    if ('code' in acting) return { accepted: false, refusal: acting, state: null };
    const ready = this.d.readiness(visitId);
    if (!ready.ready) {
      const first = ready.blockers[0];
      const message = `尚不能开始会见：${ready.blockers.map((b) => b.message).join('；')}`;
      return { accepted: false, refusal: refusal(first?.requirement ?? null, 'not-ready', message), state: null };
    }
    const endpoint = await this.o.signaling?.();
    if (!endpoint)
      return {
        accepted: false,
        refusal: refusal(null, 'no-signaling', '本终端尚未取得中心库信令凭证，无法建立会见连接'),
        state: null,
      };

    const machine = this.newMachine(visitId);
    const call = this.calls.adopt(machine);
    this.record.audit('call.joined', acting.operator.staffId, {
      visitId,
      side: this.here.side,
      allowedMinutes: machine.allowedMs / MINUTE_MS,
      ...supervision.names(acting),
    });
    this.runner.connect(call, endpoint);
    this.record.checkpoint(call);
    return { accepted: true, state: this.runner.snapshot(call) };
  }

  /** The visit's call as approved: its minutes (R14.2), the inmate, the visitors checked in (else all listed). */
  private newMachine(visitId: string): CallMachine {
    const roster = loadRoster(this.d.db, visitId);
    const checkedIn = roster.visitors.filter((v) => v.checkedInAt !== null);
    return new CallMachine({
      visitId,
      side: this.here.side,
      allowedMs: (roster.minutes > 0 ? roster.minutes : CALL_DEFAULTS.defaultMinutes) * MINUTE_MS,
      graceMs: this.o.graceMs,
      renegotiateMs: this.o.renegotiateMs,
      iceServers: this.o.iceServers,
      iceTransportPolicy: this.o.iceTransportPolicy,
      inmateName: roster.inmateName,
      visitors: (checkedIn.length > 0 ? checkedIn : roster.visitors).map((v) => ({
        name: v.name,
        relationship: v.relationshipLabel,
      })),
    });
  }

  /** The renderer's WebRTC signal, to the other terminal. */
  signal(visitId: string, generation: number, data: RtcSignal): void {
    const call = this.calls.get(visitId);
    if (!call || call.closed || generation !== call.machine.generation) return;
    call.link.rtc(generation, data);
  }

  /** Issue #19: the window's signal to one observer, for the stream of the observer's current epoch only. */
  observerSignal(visitId: string, observerId: string, epoch: number, data: RtcSignal): void {
    const call = this.calls.get(visitId);
    if (!call || call.closed || call.machine.observers.epochOf(observerId) !== epoch) return;
    call.link.send({ type: 'observer-signal', observerId, data });
  }

  media(visitId: string, generation: number, state: MediaState): void {
    const call = this.calls.get(visitId);
    if (!call || call.closed) return;
    this.runner.run(call, mediaEffects(call.machine, generation, state, this.nowMs()));
  }

  stats(visitId: string, sample: LinkSample): void {
    const call = this.calls.get(visitId);
    if (!call || call.machine.ended) return;
    call.machine.link = sample;
    call.quality.add(sample, this.nowMs());
    const summary = call.quality.summary(this.nowMs(), this.o.linkSummaryMs);
    if (summary) this.record.audit('call.linkQuality', 'system', { visitId, ...summary });
    this.runner.publish(call);
  }

  warn(visitId: string, code: string, text: string | undefined, staffId: string | undefined): ActionResult {
    return this.act(visitId, staffId, (act) => supervision.warn(act, code, text));
  }

  terminate(visitId: string, code: string, text: string | undefined, staffId: string | undefined): ActionResult {
    return this.act(visitId, staffId, (act) => supervision.terminate(act, code, text));
  }

  extend(visitId: string, minutes: number, approvalRef: string, staffId: string | undefined): ActionResult {
    return this.act(visitId, staffId, (act) => supervision.extend(act, minutes, approvalRef));
  }

  incident(visitId: string, note: string, staffId: string | undefined): ActionResult {
    return this.act(visitId, staffId, (act) => supervision.incident(act, note));
  }

  mute(visitId: string, side: SignalSide, seconds: number, staffId: string | undefined): ActionResult {
    return this.act(visitId, staffId, (act) => supervision.mute(act, side, seconds));
  }

  hold(visitId: string, staffId: string | undefined): ActionResult {
    return this.act(visitId, staffId, (act) => supervision.hold(act));
  }

  release(visitId: string, staffId: string | undefined): ActionResult {
    return this.act(visitId, staffId, (act) => supervision.release(act));
  }

  /** R17.2: after the call ended (so not through `act`), by the prison's administrators. */
  proposeSuspension(visitId: string, months: number, note: string | undefined, staffId: string | undefined): ActionResult {
    const call = this.calls.get(visitId);
    if (!call) return { accepted: false, refusal: refusal(null, 'no-call', '本终端没有该会见'), state: null };
    const refused = supervision.suspensionRefusal(call.machine, this.here.side, months);
    if (refused) return this.refused(call, refused);
    const acting = this.acting(staffId);
    if ('code' in acting) return this.refused(call, acting);
    const { inmateName } = loadRoster(this.d.db, visitId);
    this.runner.run(
      call,
      supervision.proposeSuspension(
        { m: call.machine, actor: acting, here: this.here, now: this.nowMs() },
        months,
        note,
        inmateName,
      ),
    );
    this.runner.publish(call);
    return { accepted: true, state: this.runner.snapshot(call) };
  }

  /** The countdown's clock: time warnings, the end at zero, the grace time, renegotiation. */
  tick(): void {
    const now = this.nowMs();
    for (const call of this.calls.all()) {
      if (call.machine.ended) continue;
      // R25.1: a restarted terminal's call goes on once two administrators are back (admin-gap.ts).
      if (call.machine.adminGap?.origin === 'local')
        this.runner.run(call, adminsBackIfPresent(call.machine, this.d.session.snapshot(), now));
      this.runner.apply(call, call.machine.tick(now));
      if (!call.machine.ended && (call.machine.phase === 'in-progress' || call.machine.phase === 'reconnecting'))
        this.runner.publish(call);
    }
  }

  stop(): void {
    clearInterval(this.timer);
    for (const call of this.calls.all()) {
      call.closed = true;
      call.link.stop();
    }
  }

  /** An administrator's action on a live call: refused, or decided and applied, then published. */
  private act(
    visitId: string,
    staffId: string | undefined,
    decide: (act: supervision.Act) => supervision.Decision,
  ): ActionResult {
    const call = this.calls.get(visitId);
    if (!call) return { accepted: false, refusal: refusal(null, 'no-call', '本终端没有进行中的该会见'), state: null };
    if (call.machine.ended) return this.refused(call, refusal(null, 'call-ended', '本次会见已结束'));
    const acting = this.acting(staffId);
    if ('code' in acting) return this.refused(call, acting);
    const decided = decide({ m: call.machine, actor: acting, here: this.here, now: this.nowMs() });
    if (!Array.isArray(decided)) return this.refused(call, decided);
    this.runner.run(call, decided);
    this.runner.publish(call);
    return { accepted: true, state: this.runner.snapshot(call) };
  }

  private acting(staffId?: string): supervision.Actor | Refusal {
    return supervision.whoActs(this.d.session.snapshot(), staffId);
  }

  private refused(call: LiveCall, why: Refusal): ActionResult {
    return { accepted: false, refusal: why, state: this.runner.snapshot(call) };
  }
}
