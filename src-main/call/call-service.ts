// call.*: the visit call, over the terminal's one CallRuntime (openTerminal makes it with
// the signaling provider; without an enrolment credential every join is refused with a reason).
import type { KioskServices } from '../../src-shared/ipc/types';
import type { ConsoleFeedMessage } from '../../src-shared/signaling/call-schemas';
import type { CallRuntime } from './call-runtime';

/** `relayFeed`: hands a console-feed message to this terminal's windows (the event hub), nothing more. */
export function createCallService(calls: CallRuntime, relayFeed: (m: ConsoleFeedMessage) => void): KioskServices['call'] {
  return {
    join: ({ visitId }) => calls.join(visitId),
    current: () => calls.current(),
    signal: ({ visitId, generation, data }) => {
      calls.signal(visitId, generation, data);
      return null;
    },
    observerSignal: ({ visitId, observerId, epoch, data }) => {
      calls.observerSignal(visitId, observerId, epoch, data);
      return null;
    },
    media: ({ visitId, generation, state }) => {
      calls.media(visitId, generation, state);
      return null;
    },
    stats: ({ visitId, sample }) => {
      calls.stats(visitId, sample);
      return null;
    },
    warn: ({ visitId, code, text, staffId }) => calls.warn(visitId, code, text, staffId),
    terminate: ({ visitId, code, text, staffId }) => calls.terminate(visitId, code, text, staffId),
    extend: ({ visitId, minutes, approvalRef, staffId }) => calls.extend(visitId, minutes, approvalRef, staffId),
    incident: ({ visitId, note, staffId }) => calls.incident(visitId, note, staffId),
    mute: ({ visitId, side, seconds, staffId }) => calls.mute(visitId, side, seconds, staffId),
    hold: ({ visitId, staffId }) => calls.hold(visitId, staffId),
    release: ({ visitId, staffId }) => calls.release(visitId, staffId),
    proposeSuspension: ({ visitId, months, note, staffId }) => calls.proposeSuspension(visitId, months, note, staffId),
    // R24.1: only for the visit running here; another visit's feed would show the wrong room.
    feed: (message) => {
      if (calls.current()?.visitId === message.visitId) relayFeed(message);
      return null;
    },
  };
}
