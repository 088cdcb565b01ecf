// This terminal's window and its media: the camera ready (the first time, after a
// reload, after a restart of the terminal, R18.1) and its peer connection's state.
// Pure: the machine changes, the effects are returned for effect-runner.ts.
import { PUBLISH, type CallEffect } from './call-effects';
import type { CallMachine } from './call-machine';

export type MediaState = 'local-ready' | 'connected' | 'disconnected' | 'failed';

export function mediaEffects(m: CallMachine, generation: number, state: MediaState, now: number): CallEffect[] {
  if (state !== 'local-ready') return [{ do: 'apply', happenings: m.media(generation, state, now) }];
  const visitId = m.o.visitId;
  // Only now is this side ready for the peer: its window would miss signals before.
  const first = !m.localReady;
  if (first && m.restored) {
    // R18.1: the window of a restarted terminal: like a reloaded one, it needs a new connection.
    m.localReady = true;
    const happenings = m.localReattached(now);
    return [
      {
        do: 'audit',
        kind: 'call.windowReattached',
        actor: 'system',
        payload: { visitId, requirement: 'R18.1', generation: m.generation, afterRestart: true },
      },
      { do: 'apply', happenings },
      { do: 'reattach' },
      PUBLISH,
    ];
  }
  if (!first) {
    // R18.1: the window came back (reloaded) while the call was live: rebuild the connection.
    const happenings = m.localReattached(now);
    const told: CallEffect[] =
      m.phase === 'waiting'
        ? []
        : [
            {
              do: 'audit',
              kind: 'call.windowReattached',
              actor: 'system',
              payload: { visitId, requirement: 'R18.1', generation: m.generation },
            },
            { do: 'control', control: { type: 'reattach', elapsedMs: Math.round(m.elapsedMs(now)) } },
          ];
    return [...told, { do: 'apply', happenings }, PUBLISH];
  }
  const happenings = m.localMediaReady(now);
  return [{ do: 'ready' }, { do: 'apply', happenings }, PUBLISH];
}
