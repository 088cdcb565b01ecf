// A process named so that a later start can tell whether it is still THAT process: pid plus
// its start time (field 22 of /proc/<pid>/stat, clock ticks since boot) plus the boot id, so
// a reused pid, or the same pid and start time after a reboot, never matches. Linux only
// (the kiosk's system); elsewhere a process cannot be identified and is never waited for
// or killed, because a bare pid may by now belong to any program.
import { readFileSync } from 'node:fs';

export interface ProcessIdentity {
  readonly pid: number;
  /** Clock ticks since boot at which the process started. */
  readonly startTicks: string;
  readonly bootId: string;
}

const readText = (path: string): string | null => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
};

/** State letter and start time from /proc/<pid>/stat; null when there is no such process. */
function statOf(pid: number): { state: string; startTicks: string } | null {
  const text = readText(`/proc/${pid}/stat`);
  if (!text) return null;
  // comm (field 2) is in parentheses and may itself contain spaces or ')'.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const state = fields[0];
  const startTicks = fields[19];
  return state && startTicks ? { state, startTicks } : null;
}

const bootId = (): string | null => readText('/proc/sys/kernel/random/boot_id')?.trim() || null;

/** Names a running process; null when it is gone or cannot be identified (no /proc). */
export function identify(pid: number | undefined): ProcessIdentity | null {
  if (pid === undefined || !Number.isInteger(pid) || pid <= 0) return null;
  const stat = statOf(pid);
  const boot = bootId();
  return stat && boot ? { pid, startTicks: stat.startTicks, bootId: boot } : null;
}

/** Still the same process, and not a zombie (a zombie has finished writing). */
export function isRunning(id: ProcessIdentity): boolean {
  const stat = statOf(id.pid);
  return stat !== null && stat.state !== 'Z' && stat.startTicks === id.startTicks && bootId() === id.bootId;
}

export const isProcessIdentity = (value: unknown): value is ProcessIdentity => {
  const v = value as Partial<ProcessIdentity> | null;
  return typeof v === 'object' && v !== null && typeof v.pid === 'number' && typeof v.startTicks === 'string' && typeof v.bootId === 'string';
};

export interface AwaitExitResult {
  /** 'gone': not running (or another program's pid) when asked; 'exited': ended while we waited. */
  readonly outcome: 'gone' | 'exited' | 'killed' | 'unkillable';
  readonly waitedMs: number;
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Waits (bounded) for the process to end by itself, then SIGKILLs it and waits again.
 * 'unkillable' (still there after SIGKILL, e.g. stuck in the kernel): the caller must not
 * touch what the process writes.
 */
export async function awaitExit(id: ProcessIdentity, options: { timeoutMs: number; killWaitMs?: number; pollMs?: number }): Promise<AwaitExitResult> {
  const started = Date.now();
  const pollMs = options.pollMs ?? 50;
  if (!isRunning(id)) return { outcome: 'gone', waitedMs: 0 };
  const until = async (deadline: number): Promise<boolean> => {
    while (isRunning(id)) {
      if (Date.now() >= deadline) return false;
      await delay(pollMs);
    }
    return true;
  };
  if (await until(started + options.timeoutMs)) return { outcome: 'exited', waitedMs: Date.now() - started };
  try {
    process.kill(id.pid, 'SIGKILL');
  } catch {
    // ESRCH: it ended between the check and the kill.
  }
  const killed = await until(Date.now() + (options.killWaitMs ?? 2000));
  return { outcome: killed ? 'killed' : 'unkillable', waitedMs: Date.now() - started };
}
