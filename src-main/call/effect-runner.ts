// Applies what the call's decisions return (call-effects.ts, peer-messages.ts,
// supervision.ts, window-media.ts): entries in the terminal's store, messages on the
// signaling link, the call's state and the peer's signals to the renderer(s). It also
// opens a call's link, so that what the relay brings reaches those decisions.
import type { JsonObject } from '../../src-shared/audit/canonical-json';
import type { CallState } from '../../src-shared/signaling/call-schemas';
import type { ServerMessage, SignalSide } from '../../src-shared/signaling/protocol';
import { endRecord, happeningEffects, type CallEffect } from './call-effects';
import type { Happening } from './call-machine';
import type { ResolvedCallOptions } from './call-options';
import type { CallRecord } from './call-record';
import type { LiveCall } from './live-calls';
import { relayEffects } from './peer-messages';
import type { SignalingEndpoint } from './signaling-client';
import { suspensionProposable } from './supervision';

export interface EffectRunnerDeps {
  readonly record: CallRecord;
  readonly side: SignalSide;
  readonly options: Pick<ResolvedCallOptions, 'graceMs' | 'linkSummaryMs' | 'backoff'>;
  readonly now: () => Date;
  readonly emitState: (state: CallState) => void;
  readonly emitSignal: (payload: { visitId: string; generation: number; data: unknown }) => void;
  /** Issue #19: an observer's signal to the window. */
  readonly emitObserverSignal: (payload: { visitId: string; observerId: string; data: unknown }) => void;
}

export class EffectRunner {
  constructor(private readonly d: EffectRunnerDeps) {}

  private nowMs(): number {
    return this.d.now().getTime();
  }

  run(call: LiveCall, effects: readonly CallEffect[]): void {
    const visitId = call.machine.o.visitId;
    for (const e of effects) {
      switch (e.do) {
        case 'audit':
          this.d.record.audit(e.kind, e.actor, e.payload, e.status === undefined ? undefined : { visitId, status: e.status });
          break;
        case 'control':
          call.link.control(e.control);
          break;
        case 'ready':
          call.link.send({ type: 'ready' });
          break;
        case 'apply':
          this.apply(call, e.happenings);
          break;
        case 'finish':
          this.finish(call, e.kind, e.actor, e.payload);
          break;
        case 'reattach':
          call.link.reattach(call.machine, this.nowMs());
          break;
        case 'greet':
          call.link.greet(call.machine, this.nowMs());
          break;
        case 'rtc':
          this.d.emitSignal({ visitId, generation: e.generation, data: e.data });
          break;
        case 'observer-rtc':
          this.d.emitObserverSignal({ visitId, observerId: e.observerId, data: e.data });
          break;
        case 'publish':
          this.publish(call);
          break;
      }
    }
  }

  /** The machine's happenings, in order, then the state to the screens. */
  apply(call: LiveCall, happenings: readonly Happening[]): void {
    if (happenings.length === 0) return;
    for (const h of happenings)
      this.run(call, happeningEffects(call.machine, h, this.d.options.graceMs, this.d.now().toISOString()));
    this.publish(call);
  }

  snapshot(call: LiveCall): CallState {
    return call.machine.snapshot(this.nowMs(), { suspensionProposable: suspensionProposable(call.machine, this.d.side) });
  }

  publish(call: LiveCall): void {
    this.d.record.checkpoint(call);
    this.d.emitState(this.snapshot(call));
  }

  /** Opens the call's signaling link; its problems and refusals go on the record. */
  connect(call: LiveCall, endpoint: SignalingEndpoint): void {
    const { machine } = call;
    const visitId = machine.o.visitId;
    call.link.open(endpoint, visitId, this.d.options.backoff, {
      onMessage: (m) => this.fromRelay(call, m),
      // A message the shared schemas refused, or a handler that threw: kept in the audit trail.
      onProblem: (p) => this.d.record.audit('call.signalingProblem', 'system', { visitId, problem: p.kind, detail: p.detail }),
      onConnection: (up, detail) => {
        if (!up && detail.fatal && !call.closed && !machine.ended) {
          this.d.record.audit('call.signalingRefused', 'system', {
            visitId,
            code: detail.code ?? null,
            reason: detail.reason ?? '',
          });
        }
        this.publish(call);
      },
    });
  }

  private fromRelay(call: LiveCall, m: ServerMessage): void {
    if (!call.closed) {
      this.run(call, relayEffects(call.machine, m, this.nowMs()));
      return;
    }
    // After the end: hand the outcome to the store (again after a reconnect) until it acknowledges.
    const { machine } = call;
    call.link.afterEnd(m, (storeStatus) => {
      this.d.record.audit('call.outcomeRecorded', 'system', {
        visitId: machine.o.visitId,
        outcome: machine.outcome ?? 'completed',
        storeStatus,
      });
    });
  }

  /** The end, on the record with the visit's new status; the signaling socket closes after the last message. */
  private finish(call: LiveCall, kind: string, actor: string, payload: JsonObject): void {
    const m = call.machine;
    const visitId = m.o.visitId;
    const summary = call.quality.summary(this.nowMs(), this.d.options.linkSummaryMs, true);
    if (summary) this.d.record.audit('call.linkQuality', 'system', { visitId, ...summary });
    const end = endRecord(m, this.nowMs());
    this.d.record.audit(kind, actor, { ...end.payload, ...payload }, { visitId, status: end.status });
    call.closed = true;
    call.link.handOver(end.message, () => {
      this.d.record.audit('call.outcomeUnreported', 'system', { visitId, outcome: m.outcome ?? 'completed' });
    });
  }
}
