// Issue #19: what the store's relay brings about the monitoring centre's observers while the
// call runs (R13.1): an officer came or went (both consoles show it; the audit chain keeps it,
// R26.1), their WebRTC signal for the window's extra low-bitrate stream, and their warning or
// termination with a coded reason (R16.1, R17.1, R22.1), which this terminal carries out
// through its own call machine and attributes to that officer. The store sends the action to
// both terminals, so nothing is passed on to the other side. The visit itself (its peer
// connection, its recording) is not touched by an observer coming or going. Pure.
import type { JsonObject } from '../../src-shared/audit/canonical-json';
import type { ServerMessage } from '../../src-shared/signaling/protocol';
import { PUBLISH, type CallEffect } from './call-effects';
import type { CallMachine } from './call-machine';
import { reasonText, requirementOf } from './reasons';

type ObserverMessage = Extract<ServerMessage, { type: 'observer' | 'observer-signal' | 'observer-act' }>;

/** How an officer of the monitoring centre is named on the screens and in notices. */
export const officerLabel = (by: { name: string; organisation: string }): string =>
  by.organisation === '' ? `${by.name}（监控中心）` : `${by.name}（${by.organisation}·监控中心）`;

export function observerEffects(m: CallMachine, message: ObserverMessage, now: number): CallEffect[] {
  const visitId = m.o.visitId;
  const audit = (kind: string, payload: JsonObject): CallEffect => ({
    do: 'audit',
    kind,
    actor: 'system',
    payload: { visitId, ...payload },
  });
  if (m.ended) return [];
  switch (message.type) {
    case 'observer': {
      const who = {
        observerId: message.observerId,
        staffId: message.by.staffId,
        by: message.by.name,
        organisation: message.by.organisation,
      };
      if (message.state === 'joined') {
        const { isNew, accepted } = m.observers.joined(message.observerId, message.by, now);
        if (!accepted) return [audit('call.observerRefused', { ...who, reason: 'too-many' })];
        return [...(isNew ? [audit('call.observerJoined', { requirement: 'R13.1', ...who })] : []), PUBLISH];
      }
      if (m.observers.left(message.observerId) === null) return [];
      return [audit('call.observerLeft', { requirement: 'R13.1', ...who }), PUBLISH];
    }
    case 'observer-signal':
      // Only for an observer the store announced: a stray signal builds nothing.
      return m.observers.has(message.observerId)
        ? [{ do: 'observer-rtc', observerId: message.observerId, data: message.data }]
        : [];
    case 'observer-act': {
      const { act, by } = message;
      const terminating = act.action === 'terminate';
      const reason = reasonText(act.code, act.text, terminating);
      const who = {
        observerId: message.observerId,
        staffId: by.staffId,
        by: by.name,
        organisation: by.organisation,
        at: message.at,
      };
      if (!reason.ok)
        return [
          audit('call.observerActionRefused', { ...who, action: act.action, code: act.code, reason: reason.refusal.message }),
        ];
      const label = officerLabel(by);
      if (!terminating) {
        m.addNotice({ kind: 'warning', code: act.code, text: reason.text, by: label, origin: 'remote' }, now);
        return [
          audit('call.observerWarning', { requirement: requirementOf(act.code), code: act.code, reason: reason.text, ...who }),
          PUBLISH,
        ];
      }
      m.end('terminated', { code: act.code, text: reason.text, by: label }, 'remote', now);
      m.observers.clear();
      return [
        {
          do: 'finish',
          kind: 'call.terminated',
          actor: 'system',
          payload: { requirement: requirementOf(act.code), code: act.code, reason: reason.text, origin: 'observer', ...who },
        },
        PUBLISH,
      ];
    }
  }
}
