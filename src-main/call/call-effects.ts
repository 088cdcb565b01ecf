// What the call's decisions ask of the world, in order (effect-runner.ts applies them),
// and the two decisions every path shares: what the machine's happenings mean (R14.2
// countdown, R18.1 reconnection) and how an ended call goes on the record. Pure.
import type { JsonObject } from '../../src-shared/audit/canonical-json';
import type { PeerControl } from '../../src-shared/signaling/peer-envelope';
import type { ClientMessage } from '../../src-shared/signaling/protocol';
import type { CallMachine, Happening } from './call-machine';

/** The visit's status the call moves it to (visit-store.ts owns the move). */
export type CallStatus = 'in-progress' | 'completed' | 'terminated' | 'interrupted';

export type CallEffect =
  /** An audit entry attributed to `actor` (R26.1); with `status`, the visit moves in the same transaction. */
  | { do: 'audit'; kind: string; actor: string; payload: JsonObject; status?: CallStatus }
  /** A control message to the other terminal, through the store's relay. */
  | { do: 'control'; control: PeerControl }
  /** This side tells the relay it is ready for the peer. */
  | { do: 'ready' }
  /** Happenings of the machine, turned into effects in turn; the state is published after them. */
  | { do: 'apply'; happenings: Happening[] }
  /** The end on the record (the visit's final status) and the outcome handed to the store. */
  | { do: 'finish'; kind: string; actor: string; payload: JsonObject }
  /** R18.1: tell the other terminal this restarted one listens again (now, or once both are on the relay). */
  | { do: 'reattach' }
  /** The other terminal is on the relay: say ready, or (after a restart) that this side is back. */
  | { do: 'greet' }
  /** The peer's WebRTC signal, to the renderer. */
  | { do: 'rtc'; generation: number; data: unknown }
  /** Issue #19: an observer's WebRTC signal, to the renderer's stream to it. */
  | { do: 'observer-rtc'; observerId: string; data: unknown }
  /** The call's state to the screens (and its checkpoint, R18.1). */
  | { do: 'publish' };

export const PUBLISH: CallEffect = { do: 'publish' };

/** One happening of the machine, as effects; `nowIso` stamps the end told to the other terminal. */
export function happeningEffects(m: CallMachine, h: Happening, graceMs: number, nowIso: string): CallEffect[] {
  const visitId = m.o.visitId;
  switch (h.kind) {
    case 'negotiate':
      // Generation 1 follows from both "ready"s; later ones are the initiator's rebuilds.
      if (!m.initiator || h.generation <= 1) return [];
      return [
        { do: 'control', control: { type: 'renegotiate', generation: h.generation } },
        ...(m.phase === 'reconnecting'
          ? [audit('call.rebuild', { visitId, requirement: 'R18.1', generation: h.generation })]
          : []),
      ];
    case 'ice-restart':
      // The renderer sees iceRestarts rise in the state and restarts ICE (R18.1).
      return [audit('call.iceRestart', { visitId, requirement: 'R18.1', generation: h.generation, attempt: h.attempt })];
    case 'started':
      return [{ ...audit('call.started', { visitId, side: m.o.side, allowedMs: m.allowedMs }), status: 'in-progress' }];
    case 'connection-lost':
      return [audit('call.connectionLost', { visitId, requirement: 'R18.1', elapsedMs: Math.round(h.elapsedMs), graceMs })];
    case 'resumed':
      return [audit('call.resumed', { visitId, requirement: 'R18.1', pausedMs: Math.round(h.pausedMs) })];
    case 'time-warning':
      return [audit('call.timeWarning', { visitId, requirement: 'R14.2', minutes: h.minutes })];
    case 'ended':
      return [
        ...(h.origin === 'local' && h.outcome !== 'terminated'
          ? [{ do: 'control', control: { type: 'ended', outcome: h.outcome, at: nowIso } } as const]
          : []),
        {
          do: 'finish',
          kind: h.outcome === 'interrupted' ? 'call.interrupted' : 'call.completed',
          actor: 'system',
          payload: { requirement: h.code, reason: h.text, origin: h.origin },
        },
      ];
  }
}

/** The terminal's own entry (actor 'system'). */
function audit(kind: string, payload: JsonObject): Extract<CallEffect, { do: 'audit' }> {
  return { do: 'audit', kind, actor: 'system', payload };
}

/** An ended call's audit entry (before the deciding part's own fields), the visit's final status and the store's outcome. */
export function endRecord(m: CallMachine, now: number): { payload: JsonObject; status: CallStatus; message: ClientMessage } {
  const outcome = m.outcome ?? 'completed';
  const reason = m.endReason ?? { code: 'R14.2', text: '' };
  return {
    payload: {
      visitId: m.o.visitId,
      outcome,
      elapsedMs: Math.round(m.elapsedMs(now)),
      allowedMs: m.allowedMs,
      // R18.1: an interrupted visit is not a used one; the store reschedules it with priority.
      countsAsUsedVisit: m.outcome !== 'interrupted',
    },
    status: outcome,
    message: { type: 'outcome', outcome, code: reason.code.slice(0, 20), reason: reason.text.slice(0, 500) },
  };
}
