// The updater's latest state, for the heartbeat to report: the version offered, where it
// stands (idle, downloading, ready and waiting for a quiet moment, installed, failed) and the
// last error. One per process; the Electron wiring writes it, anything may read it.

export type UpdateState = 'idle' | 'downloading' | 'ready' | 'installed' | 'failed';

export interface UpdateStatus {
  readonly state: UpdateState;
  /** The version the terminal runs. */
  readonly runningVersion: string | null;
  /** The version offered by the store (downloading, ready, installed, failed). */
  readonly version: string | null;
  /** Why a ready update waits, or why it failed. */
  readonly detail: string | null;
  readonly error: string | null;
  /** When the state last changed (ISO). */
  readonly at: string | null;
}

const initial: UpdateStatus = { state: 'idle', runningVersion: null, version: null, detail: null, error: null, at: null };
let current: UpdateStatus = initial;

export function currentUpdateStatus(): UpdateStatus {
  return current;
}

/** Sets the status; `at` is stamped by the caller's clock. */
export function setUpdateStatus(next: Partial<UpdateStatus> & { state: UpdateState }, at: Date): UpdateStatus {
  current = { ...current, detail: null, error: null, ...next, at: at.toISOString() };
  return current;
}

/** Back to nothing known (tests). */
export function resetUpdateStatus(): void {
  current = initial;
}
