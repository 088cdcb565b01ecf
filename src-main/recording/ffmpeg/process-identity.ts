// A process named so that a later start can tell whether it is still THAT process: pid plus
// its start time (Linux: field 22 of /proc/<pid>/stat, clock ticks since boot; Windows: WMI's
// CreationDate, process-table-windows.ts) plus the boot id, so a reused pid, or the same pid
// and start time after a reboot, never matches. Elsewhere a process cannot be identified and
// is never waited for or killed, because a bare pid may by now belong to any program.
import { readFileSync } from 'node:fs';
import { windowsProcessTable } from './process-table-windows';

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

/** What the operating system says about a process: enough to tell it from a later one with its pid. */
export interface ProcessTable {
  /** State letter ('Z': finished, not yet reaped) and start stamp; null when there is no such process. */
  stat(pid: number): { state: string; startTicks: string } | null;
  bootId(): string | null;
  /** A cheap test that some process has the pid, for polling where stat is costly (Windows). */
  exists?(pid: number): boolean;
}

const linuxTable: ProcessTable = { stat: statOf, bootId };

export function processTableFor(platform: NodeJS.Platform): ProcessTable | null {
  if (platform === 'linux') return linuxTable;
  if (platform === 'win32') return windowsProcessTable();
  return null;
}

const hostTable = processTableFor(process.platform);

/** Names a running process; null when it is gone or cannot be identified on this system. */
export function identify(pid: number | undefined, table = hostTable): ProcessIdentity | null {
  if (!table || pid === undefined || !Number.isInteger(pid) || pid <= 0) return null;
  const stat = table.stat(pid);
  const boot = table.bootId();
  return stat && boot ? { pid, startTicks: stat.startTicks, bootId: boot } : null;
}

/** Still the same process, and not a zombie (a zombie has finished writing). */
export function isRunning(id: ProcessIdentity, table = hostTable): boolean {
  if (!table) return false;
  const stat = table.stat(id.pid);
  return stat !== null && stat.state !== 'Z' && stat.startTicks === id.startTicks && table.bootId() === id.bootId;
}

export const isProcessIdentity = (value: unknown): value is ProcessIdentity => {
  const v = value as Partial<ProcessIdentity> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.pid === 'number' &&
    typeof v.startTicks === 'string' &&
    typeof v.bootId === 'string'
  );
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
export async function awaitExit(
  id: ProcessIdentity,
  options: { timeoutMs: number; killWaitMs?: number; pollMs?: number },
  table = hostTable,
): Promise<AwaitExitResult> {
  const started = Date.now();
  const pollMs = options.pollMs ?? 50;
  if (!isRunning(id, table)) return { outcome: 'gone', waitedMs: 0 };
  const running = table?.exists ? (): boolean => table.exists?.(id.pid) ?? false : () => isRunning(id, table);
  const until = async (deadline: number): Promise<boolean> => {
    while (running()) {
      if (Date.now() >= deadline) return false;
      await delay(pollMs);
    }
    return true;
  };
  if (await until(started + options.timeoutMs)) return { outcome: 'exited', waitedMs: Date.now() - started };
  // The cheap test knows only the pid: never kill a later process that took it over.
  if (table?.exists && !isRunning(id, table)) return { outcome: 'exited', waitedMs: Date.now() - started };
  try {
    process.kill(id.pid, 'SIGKILL');
  } catch {
    // ESRCH: it ended between the check and the kill.
  }
  const killed = await until(Date.now() + (options.killWaitMs ?? 2000));
  return { outcome: killed ? 'killed' : 'unkillable', waitedMs: Date.now() - started };
}
