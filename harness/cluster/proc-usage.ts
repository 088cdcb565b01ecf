// Resident memory and CPU time of a process, read from /proc (Linux): the cluster's resource
// use that `npm run cluster` and the bench report (nodes, HAProxy, Ceph).
import fs from 'node:fs';

const CLOCK_TICKS = 100; // USER_HZ on Linux

export interface ProcUsage {
  rssMb: number;
  /** User plus system CPU seconds since the process started. */
  cpuSeconds: number;
}

export function procUsage(pid: number | undefined): ProcUsage {
  if (pid === undefined) return { rssMb: 0, cpuSeconds: 0 };
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const rss = /VmRSS:\s+(\d+)/.exec(status);
    // Fields after the command's closing parenthesis: utime is the 12th, stime the 13th.
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11] ?? 0) + Number(fields[12] ?? 0);
    return { rssMb: rss ? Number(rss[1]) / 1024 : 0, cpuSeconds: ticks / CLOCK_TICKS };
  } catch {
    return { rssMb: 0, cpuSeconds: 0 };
  }
}

export const sumUsage = (all: readonly ProcUsage[]): ProcUsage =>
  all.reduce((a, b) => ({ rssMb: a.rssMb + b.rssMb, cpuSeconds: a.cpuSeconds + b.cpuSeconds }), { rssMb: 0, cpuSeconds: 0 });
