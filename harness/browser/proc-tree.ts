// CPU time and resident memory of process trees, read from /proc (Linux): what one terminal
// (its Chromium, its main process, the recorder's ffmpeg) costs, for bench:visit and
// bench:recording's soak.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

const TICK = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
const PAGE_KIB = (Number(execFileSync('getconf', ['PAGESIZE'], { encoding: 'utf8' }).trim()) || 4096) / 1024;

export interface ProcRow {
  ppid: number;
  comm: string;
  /** utime + stime, seconds. */
  cpuS: number;
  rssKiB: number;
}

/** Every live process, from /proc/<pid>/stat. */
export function processTable(): Map<number, ProcRow> {
  const table = new Map<number, ProcRow>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      // Fields after the command's closing parenthesis: utime 14th, stime 15th, rss 24th of stat.
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      table.set(Number(name), {
        ppid: Number(f[1]),
        comm,
        cpuS: (Number(f[11]) + Number(f[12])) / TICK,
        rssKiB: Number(f[21]) * PAGE_KIB,
      });
    } catch {
      // exited meanwhile
    }
  }
  return table;
}

/**
 * Proportional set size (KiB): each shared page counted once across the processes that map
 * it. Chromium's processes share much of their memory, so a sum of RSS counts it many times;
 * a sum of PSS is what the tree really holds. RSS when smaps_rollup is unreadable.
 */
export function pssKiB(pid: number, fallbackKiB: number): number {
  try {
    const m = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
    return m ? Number(m[1]) : fallbackKiB;
  } catch {
    return fallbackKiB;
  }
}

/** The roots and every live process below them. */
export function treeOf(table: Map<number, ProcRow>, roots: Iterable<number>): Set<number> {
  const tree = new Set([...roots].filter((pid) => table.has(pid)));
  for (let grew = true; grew;) {
    grew = false;
    for (const [pid, p] of table)
      if (!tree.has(pid) && tree.has(p.ppid)) {
        tree.add(pid);
        grew = true;
      }
  }
  return tree;
}

/** The Chromium browser process whose command line carries `tag` (e.g. --bench-tag=x). */
export function chromiumTagged(tag: string): number {
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const cmd = readFileSync(`/proc/${name}/cmdline`, 'utf8');
      if (cmd.includes(tag) && !cmd.includes('--type=')) return Number(name);
    } catch {
      // exited meanwhile
    }
  }
  throw new Error(`no Chromium tagged ${tag}`);
}

export interface TreeWindow {
  /** CPU seconds per role over the window (a process born inside it counts from 0). */
  cpuS: Record<string, number>;
  /** Highest sum of RSS over the window's samples, MiB (shared pages counted in each process). */
  peakRssMiB: number;
  /** Highest sum of PSS (shared pages shared out): the memory the tree really needs, MiB. */
  peakPssMiB: number;
  seconds: number;
}

/**
 * Samples the trees every `everyMs` for `ms`; `roles` maps a role name to its roots, and
 * `classify` may move a process to another role (e.g. ffmpeg below main). One process
 * counts in the first role whose tree holds it.
 */
export async function measureTrees(
  roles: Record<string, number[]>,
  ms: number,
  classify: (pid: number, row: ProcRow, role: string) => string = (_p, _r, role) => role,
  everyMs = 1000,
): Promise<TreeWindow> {
  const snapshot = () => {
    const table = processTable();
    const rows = new Map<number, { role: string; row: ProcRow }>();
    for (const [role, roots] of Object.entries(roles))
      for (const pid of treeOf(table, roots)) {
        const row = table.get(pid);
        if (row && !rows.has(pid)) rows.set(pid, { role: classify(pid, row, role), row });
      }
    return rows;
  };
  const first = snapshot();
  const t0 = performance.now();
  let peakKiB = 0;
  let peakPss = 0;
  // A process that exits inside the window keeps its last CPU reading.
  const lastCpu = new Map<number, { role: string; cpuS: number }>();
  while (performance.now() - t0 < ms) {
    await new Promise((r) => setTimeout(r, Math.min(everyMs, Math.max(0, ms - (performance.now() - t0)))));
    let kib = 0;
    let pss = 0;
    for (const [pid, { role, row }] of snapshot()) {
      kib += row.rssKiB;
      pss += pssKiB(pid, row.rssKiB);
      lastCpu.set(pid, { role, cpuS: row.cpuS });
    }
    peakKiB = Math.max(peakKiB, kib);
    peakPss = Math.max(peakPss, pss);
  }
  const seconds = (performance.now() - t0) / 1000;
  const cpuS: Record<string, number> = {};
  for (const [pid, { role, cpuS: c }] of lastCpu)
    cpuS[role] = (cpuS[role] ?? 0) + Math.max(0, c - (first.get(pid)?.row.cpuS ?? 0));
  return { cpuS, peakRssMiB: peakKiB / 1024, peakPssMiB: peakPss / 1024, seconds };
}

/**
 * CPU seconds per "process type / thread name" (e.g. renderer/ThreadPoolForeg, main/node,
 * ffmpeg/ffmpeg) of the given processes, for where the time goes. `mainPid`: the terminal's
 * main process, named "main".
 */
export function threadCpu(pids: Iterable<number>, mainPid?: number): Map<string, number> {
  const out = new Map<string, number>();
  for (const pid of pids) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      const kind = /--type=([\w-]+)/.exec(cmd)?.[1] ?? (cmd.includes('ffmpeg') ? 'ffmpeg' : pid === mainPid ? 'main' : 'browser');
      for (const tid of readdirSync(`/proc/${pid}/task`)) {
        const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
        const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replace(/\d+$/, '');
        const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        const key = `${kind}/${name}`;
        out.set(key, (out.get(key) ?? 0) + (Number(f[11]) + Number(f[12])) / TICK);
      }
    } catch {
      // exited meanwhile
    }
  }
  return out;
}

/** The `n` largest differences b − a, as core-equivalents over `seconds`. */
export function topThreadRates(a: Map<string, number>, b: Map<string, number>, seconds: number, n = 10): Record<string, number> {
  const rows = [...b].map(([k, v]) => [k, Math.round(((v - (a.get(k) ?? 0)) / seconds) * 1000) / 1000] as const);
  return Object.fromEntries(
    rows
      .filter(([, v]) => v >= 0.005)
      .sort((x, y) => y[1] - x[1])
      .slice(0, n),
  );
}
