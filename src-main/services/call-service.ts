// call.*: the visit call, over the terminal's CallRuntime (src-main/call).
// Without one in the context (a terminal opened without call options) a runtime is
// made here with no signaling credential, so every join is refused with a reason.
import type { KioskServices } from '../../src-shared/ipc/types';
import { CallRuntime } from '../call/call-runtime';
import { readiness } from '../visit-day/readiness';
import { stderrLogger } from '../log/logger';
import type { ServiceContext } from './context';

export function createCallService(ctx: ServiceContext): KioskServices['call'] {
  const calls = ctx.calls ?? new CallRuntime({
    db: ctx.db,
    config: ctx.config,
    session: ctx.session,
    now: ctx.now,
    logger: stderrLogger,
    readiness: (visitId) => readiness(ctx.db, visitId, ctx.session.snapshot()),
    emitState: () => undefined,
    emitSignal: () => undefined,
    options: {},
  });
  return {
    join: ({ visitId }) => calls.join(visitId),
    current: () => calls.current(),
    signal: ({ visitId, generation, data }) => {
      calls.signal(visitId, generation, data);
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
  };
}
