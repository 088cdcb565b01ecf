// npm run bench:rules — 100,000 rule decisions (decideVisit: zod validation +
// every rule) for inmates with five years of history, against a baseline run
// in the same process: the same 100,000 proposed visits for the same inmates
// with empty history (no visits, penalties, periods or suspensions). The
// ratio is the cost of five years of history. Also reported: the rules alone
// on pre-validated input (evaluateVisit), as the terminal would call them.
// Last line of output: one JSON object.
import { loadavg, cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { decideVisit, evaluateVisit, parseDecisionInput } from '../../src-shared/regulation';
import { at, buildInputSets, DECISIONS, INMATES } from './rules-inputs';

// Wall-clock latency includes time the OS gives to other processes (this
// machine has 2 cores shared with other jobs), so each decision's CPU time
// (process.cpuUsage: user + system, this process, GC included) is reported too.
interface Figures {
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  cpuP50Ms: number;
  cpuP99Ms: number;
}

function measure<T>(items: readonly T[], run: (x: T) => unknown): Figures {
  for (let i = 0; i < Math.min(5000, items.length); i++) run(at(items, i)); // warm-up (JIT)
  const lat = new Float64Array(items.length);
  const cpu = new Float64Array(items.length);
  let total = 0;
  for (let i = 0; i < items.length; i++) {
    const c = process.cpuUsage();
    const s = performance.now();
    run(at(items, i));
    const e = performance.now();
    const d = process.cpuUsage(c);
    lat[i] = e - s;
    cpu[i] = (d.user + d.system) / 1000;
    total += e - s;
  }
  lat.sort();
  cpu.sort();
  const q = (a: Float64Array, p: number) => Number((a[Math.min(a.length - 1, Math.floor(p * a.length))] ?? 0).toFixed(4));
  return {
    perSecond: Math.round(items.length / (total / 1000)),
    p50Ms: q(lat, 0.5),
    p99Ms: q(lat, 0.99),
    maxMs: q(lat, 1),
    cpuP50Ms: q(cpu, 0.5),
    cpuP99Ms: q(cpu, 0.99),
  };
}

const { full, empty } = buildInputSets();
// The baseline's premise: the very same visit objects, only the inmates' history differs.
const sameVisits =
  full.length === empty.length && full.every((x, i) => x.visit === empty[i]?.visit && x.inmate.id === empty[i]?.inmate.id);
if (!sameVisits) throw new Error('bench:rules: the baseline does not decide the same visits');
let allowed = 0;
const withHistory = measure(full, (x) => {
  if (decideVisit(x).outcome === 'allowed') allowed++;
});
const baseline = measure(empty, (x) => decideVisit(x));
const parsed = full.map(parseDecisionInput);
const rulesOnly = measure(parsed, (x) => evaluateVisit(x));

const result = {
  bench: 'rules',
  decisions: DECISIONS,
  inmates: INMATES,
  historyPerInmate: { visits: 60, penalties: 8, statusPeriods: 5, suspensions: 2, years: 5 },
  allowedShare: Number((allowed / DECISIONS).toFixed(3)),
  decideVisit: withHistory,
  baseline: { what: 'decideVisit, same visits, empty history', sameVisits, ...baseline },
  rulesOnlyPrevalidated: rulesOnly,
  ratio: {
    p50VsBaseline: Number((withHistory.p50Ms / baseline.p50Ms).toFixed(2)),
    p99VsBaseline: Number((withHistory.p99Ms / baseline.p99Ms).toFixed(2)),
    throughputVsBaseline: Number((withHistory.perSecond / baseline.perSecond).toFixed(2)),
    cpuP99VsBaseline: Number((withHistory.cpuP99Ms / baseline.cpuP99Ms).toFixed(2)),
  },
  p99UnderOneMs: { wall: withHistory.p99Ms < 1, cpu: withHistory.cpuP99Ms < 1 },
  machine: { cores: cpus().length, loadAverage1m: Number((loadavg()[0] ?? 0).toFixed(2)) },
  node: process.version,
};
console.log(JSON.stringify(result));
