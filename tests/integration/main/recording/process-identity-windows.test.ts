// R13.1 on Windows: after a crash, recovery waits for the terminal's orphaned ffmpeg and kills
// it only when it is still THAT process. Windows has no /proc: the start time comes from WMI
// through PowerShell. Through the platform seam (the Windows process table with a recorded
// PowerShell) on any system: the command and its parsing, and the wait-then-kill logic on a
// real child process standing in for the orphan.
import { spawn, type ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, test } from 'vitest';
import { awaitExit, identify, isRunning } from '../../../../src-main/recording/ffmpeg/process-identity';
import {
  creationDateQuery,
  windowsProcessTable,
  type RunSync,
} from '../../../../src-main/recording/ffmpeg/process-table-windows';

const STARTED = '2026-05-04T01:30:12.1234560Z';

/** PowerShell as Windows answers the query: the creation time of each pid it knows. */
function recordedPowerShell(created: (pid: number) => string | null) {
  const calls: Array<readonly string[]> = [];
  const run: RunSync = (command, args) => {
    calls.push([command, ...args]);
    const pid = Number(/ProcessId = (\d+)/.exec(args.join(' '))?.[1]);
    const at = created(pid);
    return { status: 0, stdout: at ? `${at}\r\n` : '' };
  };
  return { calls, table: windowsProcessTable(run) };
}

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});
const orphan = (seconds: number): ChildProcess => {
  const child = spawn('sleep', [String(seconds)], { stdio: 'ignore' });
  children.push(child);
  return child;
};
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('R13.1 an orphaned ffmpeg on Windows: identified by pid and WMI creation time', () => {
  test('the query is Get-CimInstance Win32_Process for that pid; its answer is read strictly', () => {
    expect(creationDateQuery(4242).join(' ')).toMatch(
      /^-NoProfile -NonInteractive -Command .*Get-CimInstance -ClassName Win32_Process -Filter 'ProcessId = 4242'.*CreationDate\.ToUniversalTime\(\)\.ToString\('o'\)/,
    );
    const { calls, table } = recordedPowerShell((pid) => (pid === 4242 ? STARTED : null));
    expect(table.stat(4242)).toEqual({ state: 'R', startTicks: STARTED });
    expect(calls).toEqual([['powershell.exe', ...creationDateQuery(4242)]]);
    expect(table.stat(4243)).toBeNull(); // no such process: PowerShell prints nothing
    expect(recordedPowerShell(() => 'Get-CimInstance : Access denied').table.stat(1)).toBeNull();
    expect(windowsProcessTable(() => ({ status: 1, stdout: STARTED })).stat(1)).toBeNull();
    expect(table.stat(-1)).toBeNull();
  });

  test('identity is pid plus creation time: the same pid started later is another process', () => {
    let created = STARTED;
    const { table } = recordedPowerShell(() => created);
    const id = identify(4242, table);
    expect(id).toEqual({ pid: 4242, startTicks: STARTED, bootId: 'windows' });
    if (!id) throw new Error('not identified');
    expect(isRunning(id, table)).toBe(true);
    created = '2026-05-04T02:00:00.0000000Z';
    expect(isRunning(id, table)).toBe(false);
  });

  test('an orphan that does not end in time is killed; one that ends is waited for', async () => {
    const stuck = orphan(30);
    const pid = stuck.pid ?? 0;
    const { table } = recordedPowerShell((p) => (p === pid && alive(pid) ? STARTED : null));
    const id = identify(pid, table);
    if (!id) throw new Error('not identified');
    expect(await awaitExit(id, { timeoutMs: 200, pollMs: 20 }, table)).toMatchObject({ outcome: 'killed' });
    expect(alive(pid)).toBe(false);

    const finishing = orphan(0.3);
    const fpid = finishing.pid ?? 0;
    const ending = recordedPowerShell((p) => (p === fpid && alive(fpid) ? STARTED : null));
    const fid = identify(fpid, ending.table);
    if (!fid) throw new Error('not identified');
    expect(await awaitExit(fid, { timeoutMs: 5_000, pollMs: 20 }, ending.table)).toMatchObject({ outcome: 'exited' });
  });

  test('a pid another program took over, before or during the wait, is never killed', async () => {
    const other = orphan(30);
    const pid = other.pid ?? 0;
    let created = STARTED;
    const { table, calls } = recordedPowerShell(() => created);
    const id = identify(pid, table);
    if (!id) throw new Error('not identified');
    // Our ffmpeg ended and a new program got its pid while recovery waited.
    setTimeout(() => {
      created = '2026-05-04T02:00:00.0000000Z';
    }, 50);
    const before = calls.length;
    expect(await awaitExit(id, { timeoutMs: 200, pollMs: 20 }, table)).toMatchObject({ outcome: 'exited' });
    expect(alive(pid)).toBe(true);
    // Polling costs no PowerShell: WMI is asked before the wait and again before a kill.
    expect(calls.length - before).toBe(2);
    // Already another program when recovery starts: not waited for at all.
    expect(await awaitExit(id, { timeoutMs: 200, pollMs: 20 }, table)).toMatchObject({ outcome: 'gone', waitedMs: 0 });
    expect(alive(pid)).toBe(true);
  });
});
