// What arrives from the store's relay while the call runs: the welcome, the other
// terminal's presence and readiness, its WebRTC signals, and its administrators'
// actions — shown here, audited here with the other administrator's name (R26.1).
// Pure: the machine changes, the effects are returned for effect-runner.ts.
import type { JsonObject } from '../../src-shared/audit/canonical-json';
import { peerEnvelopeSchema, type PeerControl } from '../../src-shared/signaling/peer-envelope';
import { FINAL_VISIT_STATUSES, type ServerMessage } from '../../src-shared/signaling/protocol';
import { PUBLISH, type CallEffect } from './call-effects';
import { INTERRUPTED_TEXT, MINUTE_MS, type CallMachine, type Happening } from './call-machine';
import { remoteAdminsAway, remoteAdminsBack } from './admin-gap';
import { requirementOf } from './reasons';
import { observerEffects } from './observer-messages';

export function relayEffects(m: CallMachine, message: ServerMessage, now: number): CallEffect[] {
  switch (message.type) {
    case 'welcome': {
      if (message.ice) m.useIce(message.ice);
      const status = message.visitStatus;
      if (status !== undefined && (FINAL_VISIT_STATUSES as readonly string[]).includes(status)) {
        // The visit ended at the store while this terminal was away (e.g. the other side's grace time ran out).
        return [{ do: 'apply', happenings: [endFromStore(m, status, now)] }];
      }
      m.presence(message.peerPresent);
      return [...(message.peerPresent && m.localReady ? [{ do: 'greet' } as const] : []), PUBLISH];
    }
    case 'presence':
      m.presence(message.state === 'joined');
      return [...(message.state === 'joined' && m.localReady ? [{ do: 'greet' } as const] : []), PUBLISH];
    case 'ready':
      return [{ do: 'apply', happenings: m.peerSaysReady(now) }, PUBLISH];
    case 'signal': {
      const envelope = peerEnvelopeSchema.safeParse(message.data);
      if (!envelope.success) return [];
      const e = envelope.data;
      if (e.kind === 'rtc')
        return e.generation === m.generation && !m.ended ? [{ do: 'rtc', generation: e.generation, data: e.data }] : [];
      return [...controlEffects(m, e.control, now), PUBLISH];
    }
    case 'observer':
    case 'observer-signal':
    case 'observer-act':
      return observerEffects(m, message, now);
    default:
      return [PUBLISH];
  }
}

function endFromStore(m: CallMachine, status: string, now: number): Happening {
  const outcome = status === 'interrupted' ? 'interrupted' : status === 'terminated' ? 'terminated' : 'completed';
  const reason =
    outcome === 'interrupted'
      ? { code: 'R18.1', text: INTERRUPTED_TEXT, by: null }
      : { code: status, text: `中心库记录本次会见已结束（${status}）`, by: null };
  return m.end(outcome, reason, 'remote', now);
}

/** The other site's action on this call. */
function controlEffects(m: CallMachine, c: PeerControl, now: number): CallEffect[] {
  const visitId = m.o.visitId;
  if (m.ended) return [];
  const audit = (kind: string, payload: JsonObject): CallEffect => ({
    do: 'audit',
    kind,
    actor: 'system',
    payload: { visitId, ...payload },
  });
  switch (c.type) {
    case 'warn':
      m.addNotice({ kind: 'warning', code: c.code, text: c.text, by: c.by.name, origin: 'remote' }, now);
      return [audit('call.remoteWarning', { code: c.code, reason: c.text, by: c.by.name, site: c.by.site, at: c.at })];
    case 'terminate':
      m.end('terminated', { code: c.code, text: c.text, by: c.by.name }, 'remote', now);
      return [
        {
          do: 'finish',
          kind: 'call.terminated',
          actor: 'system',
          payload: {
            requirement: requirementOf(c.code),
            code: c.code,
            reason: c.text,
            by: c.by.name,
            site: c.by.site,
            origin: 'remote',
          },
        },
      ];
    case 'extend':
      m.extend(c.minutes * MINUTE_MS, now);
      m.addNotice(
        {
          kind: 'extended',
          code: 'R14.3',
          text: `经批准延长 ${c.minutes} 分钟（批准文号 ${c.approvalRef}）`,
          by: c.by.name,
          origin: 'remote',
        },
        now,
      );
      return [audit('call.remoteExtension', { minutes: c.minutes, approvalRef: c.approvalRef, by: c.by.name, site: c.by.site })];
    case 'incident':
      m.addNotice({ kind: 'incident', code: null, text: c.note, by: c.by.name, origin: 'remote' }, now);
      return [
        audit('call.remoteIncident', { note: c.note, by: c.by.name, site: c.by.site, offsetMs: Math.round(m.elapsedMs(now)) }),
      ];
    case 'reattach':
      return [
        audit('call.peerReattached', { requirement: 'R18.1' }),
        // R25.1: restarted without its administrators: the visit stands still here too.
        ...(c.adminsAway ? remoteAdminsAway(m, now) : []),
        // A restarted terminal takes this side's countdown, so both show the same time.
        { do: 'control', control: { type: 'clock', elapsedMs: Math.round(m.elapsedMs(now)), allowedMs: m.allowedMs } },
        { do: 'apply', happenings: m.peerReattached(now) },
      ];
    case 'clock': {
      const before = Math.round(m.elapsedMs(now));
      if (!m.adoptClock(c.elapsedMs, c.allowedMs, now)) return [];
      return [
        audit('call.clockAdopted', {
          requirement: 'R18.1',
          elapsedMs: before,
          peerElapsedMs: c.elapsedMs,
          allowedMs: c.allowedMs,
        }),
      ];
    }
    case 'mute':
      m.mute({ side: c.side, until: now + c.seconds * 1000, by: c.by.name, origin: 'remote' }, now);
      return [
        audit('call.remoteMuted', {
          requirement: 'R24.1',
          side: c.side,
          seconds: c.seconds,
          by: c.by.name,
          site: c.by.site,
          at: c.at,
        }),
      ];
    case 'hold':
      if (!m.holdBy({ by: c.by.name, site: c.by.site, origin: 'remote', at: c.at }, now)) return [];
      return [audit('call.remoteHeld', { requirement: 'R24.1', by: c.by.name, site: c.by.site, at: c.at })];
    case 'release':
      if (!m.releaseBy(c.by.name, 'remote', now)) return [];
      return [audit('call.remoteReleased', { requirement: 'R24.1', by: c.by.name, site: c.by.site, at: c.at })];
    case 'admins-back':
      return remoteAdminsBack(m, c.gapMs, c.at, now);
    case 'ended':
      return [
        {
          do: 'apply',
          happenings: [
            m.end(
              c.outcome,
              c.outcome === 'interrupted'
                ? { code: 'R18.1', text: INTERRUPTED_TEXT, by: null }
                : { code: 'R14.2', text: '会见时间已到', by: null },
              'remote',
              now,
            ),
          ],
        },
      ];
    case 'renegotiate':
      return [{ do: 'apply', happenings: m.adoptGeneration(c.generation) }];
  }
}
