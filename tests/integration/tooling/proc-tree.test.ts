// harness/browser/proc-tree.ts, what bench:visit and bench:recording read a terminal's cost
// with: real processes, real /proc.
import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { measureTrees, processTable, pssKiB, topThreadRates, treeOf } from '../../../harness/browser/proc-tree';

const children: Array<ReturnType<typeof spawn>> = [];
afterEach(() => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
});

describe('proc-tree', () => {
  it('finds a grandchild below its root and not an unrelated process', async () => {
    const parent = spawn('sh', ['-c', 'sleep 30 & wait'], { stdio: 'ignore' });
    const other = spawn('sleep', ['30'], { stdio: 'ignore' });
    children.push(parent, other);
    await new Promise((r) => setTimeout(r, 300));
    const table = processTable();
    const tree = treeOf(table, [parent.pid ?? -1]);
    expect(tree.has(parent.pid ?? -1)).toBe(true);
    expect([...tree].some((pid) => table.get(pid)?.comm === 'sleep')).toBe(true);
    expect(tree.has(other.pid ?? -1)).toBe(false);
  });

  it('counts a busy process CPU in its role, and PSS no larger than the RSS sum', async () => {
    const busy = spawn(process.execPath, ['-e', 'const t = Date.now(); while (Date.now() - t < 20000);'], { stdio: 'ignore' });
    const idle = spawn('sleep', ['30'], { stdio: 'ignore' });
    children.push(busy, idle);
    const w = await measureTrees({ busy: [busy.pid ?? -1], idle: [idle.pid ?? -1] }, 3000, undefined, 250);
    // A shared, loaded machine gives the spinner a small share: only its order against the sleeper is sure.
    expect(w.cpuS['busy'] ?? 0).toBeGreaterThan(0.02);
    expect(w.cpuS['idle'] ?? 0).toBeLessThan((w.cpuS['busy'] ?? 0) / 2);
    expect(w.peakPssMiB).toBeGreaterThan(1);
    expect(w.peakPssMiB).toBeLessThanOrEqual(w.peakRssMiB + 0.01);
    expect(pssKiB(busy.pid ?? -1, -1)).toBeGreaterThan(0);
  });

  it('ranks thread differences per second and drops the idle ones', () => {
    const a = new Map([
      ['renderer/Compositor', 1],
      ['main/node', 2],
    ]);
    const b = new Map([
      ['renderer/Compositor', 4],
      ['main/node', 2.001],
      ['ffmpeg/ffmpeg', 0.5],
    ]);
    expect(topThreadRates(a, b, 10)).toEqual({ 'renderer/Compositor': 0.3, 'ffmpeg/ffmpeg': 0.05 });
  });
});
