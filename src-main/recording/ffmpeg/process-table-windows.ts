// Windows has no /proc: a process's start time comes from WMI (Win32_Process.CreationDate,
// read with PowerShell's Get-CimInstance). CreationDate is wall-clock time to the microsecond,
// so a later process with a reused pid never matches, after a reboot too: the boot id is a
// constant. One query starts PowerShell (a few hundred milliseconds), so polling uses a cheap
// existence test and the identity is asked again only before a kill.
import { spawnSync } from 'node:child_process';
import type { ProcessTable } from './process-identity';

export type RunSync = (command: string, args: readonly string[]) => { status: number | null; stdout: string };

const runSync: RunSync = (command, args) => {
  const result = spawnSync(command, args, { encoding: 'utf8', windowsHide: true, timeout: 15_000 });
  return { status: result.status, stdout: result.stdout ?? '' };
};

/** The PowerShell that prints the process's creation time (UTC, ISO 8601), or nothing. */
export const creationDateQuery = (pid: number): readonly string[] => [
  '-NoProfile',
  '-NonInteractive',
  '-Command',
  `$p = Get-CimInstance -ClassName Win32_Process -Filter 'ProcessId = ${pid}'; if ($p) { $p.CreationDate.ToUniversalTime().ToString('o') }`,
];

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** Signal 0 tests for a process without touching it; EPERM means it exists but is not ours. */
const exists = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

export function windowsProcessTable(run: RunSync = runSync): ProcessTable {
  return {
    stat(pid) {
      if (!Number.isInteger(pid) || pid <= 0) return null;
      const result = run('powershell.exe', creationDateQuery(pid));
      const created = result.stdout.trim().split(/\r?\n/)[0]?.trim() ?? '';
      // WMI lists no finished processes, so whatever it names is running.
      return result.status === 0 && ISO_UTC.test(created) ? { state: 'R', startTicks: created } : null;
    },
    bootId: () => 'windows',
    exists,
  };
}
