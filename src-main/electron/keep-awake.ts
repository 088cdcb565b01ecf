// Keeps the visitation room's display on while a visit's call is open (from waiting for the
// other side to the end), so that neither side's screen blanks or the PC sleeps mid-visit;
// between visits the operating system's power settings apply again. Driven by the call's
// state events, which main pushes to the windows anyway.
import type { PowerSaveBlocker } from 'electron';

/** The call phases during which the display must stay on: all but 'ended'. */
export const AWAKE_PHASES: ReadonlySet<string> = new Set(['waiting', 'connecting', 'in-progress', 'reconnecting']);

export interface KeepAwake {
  /** Feed every call.state payload; starts or stops the blocker when the phase crosses the line. */
  onCallState(state: { readonly phase: string }): void;
  /** Stops the blocker (quit). */
  release(): void;
  readonly active: boolean;
}

export function createKeepAwake(blocker: Pick<PowerSaveBlocker, 'start' | 'stop'>, log: (message: string) => void): KeepAwake {
  let id: number | null = null;
  const release = (): void => {
    if (id === null) return;
    blocker.stop(id);
    id = null;
    log('会见结束，显示器可按系统设置休眠。');
  };
  return {
    onCallState(state) {
      if (!AWAKE_PHASES.has(state.phase)) {
        release();
        return;
      }
      if (id !== null) return;
      id = blocker.start('prevent-display-sleep');
      log('会见进行中，保持显示器常亮。');
    },
    release,
    get active() {
      return id !== null;
    },
  };
}
