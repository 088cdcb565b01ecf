// npm run bench:rules — 100,000 rule decisions (decideVisit: zod validation +
// every rule) for inmates with five years of history, against a baseline run
// in the same process: the same 100,000 proposed visits for the same inmates
// with empty history (no visits, penalties, periods or suspensions). The
// ratio is the cost of five years of history. Also reported: the rules alone
// on pre-validated input (evaluateVisit), as the terminal would call them.
// Last line of output: one JSON object.
import { loadavg, cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { addDays, addMonths, fromDayNumber, toDayNumber } from '../../src-shared/calendar';
import { mod11_2CheckChar } from '../../src-shared/id-number';
import { decideVisit, evaluateVisit, parseDecisionInput } from '../../src-shared/regulation';
import type { DecisionInput, InmateInput, VisitRecordInput } from '../../src-shared/regulation';

const DECISIONS = 100_000;
const INMATES = 1_000;
const TODAY = '2026-11-28';

// Deterministic PRNG (mulberry32) so runs compare.
let seed = 20261128;
function rand(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
function at<T>(xs: readonly T[], i: number): T {
  const x = xs[i];
  if (x === undefined) throw new Error(`no item ${i}`);
  return x;
}

function idNumber(birth: string, seq: number): string {
  const body = `530102${birth.replaceAll('-', '')}${String(seq % 1000).padStart(3, '0')}`;
  return body + mod11_2CheckChar(body);
}

const start5y = addMonths(TODAY, -60);
const span = toDayNumber(TODAY) - toDayNumber(start5y);
const randomDateIn5y = () => fromDayNumber(toDayNumber(start5y) + Math.floor(rand() * span));

function inmateWithHistory(i: number, withHistory: boolean): { inmate: InmateInput; history: VisitRecordInput[] } {
  const inmate: InmateInput = {
    id: `inmate-${i}`, name: `罪犯${i}`, prisonId: 'prison-1', wardId: `ward-${i % 12}`,
    citizenship: { kind: 'chinese' }, birthDate: fromDayNumber(toDayNumber('1960-01-01') + Math.floor(rand() * 15000)),
  };
  const history: VisitRecordInput[] = [];
  if (!withHistory) return { inmate, history };
  for (let m = 0; m < 60; m++) {
    const date = addDays(addMonths(start5y, m), Math.floor(rand() * 27));
    const outcome = pick(['completed', 'completed', 'completed', 'forfeited', 'interrupted', 'terminated'] as const);
    history.push({ id: `v-${i}-${m}`, date, outcome, category: rand() < 0.1 ? 'special' : 'family' });
  }
  inmate.penalties = Array.from({ length: 8 }, () => ({ kind: pick(['warning', 'demerit', 'confinement'] as const), date: randomDateIn5y() }));
  inmate.statusPeriods = [
    { kind: 'entry-training', start: start5y, end: addMonths(start5y, 2) },
    ...Array.from({ length: 4 }, () => {
      const s = randomDateIn5y();
      return { kind: pick(['confinement', 'strict-training', 'serious-violation-investigation'] as const), start: s, end: addDays(s, 10) };
    }),
  ];
  inmate.suspensions = Array.from({ length: 2 }, () => {
    const s = randomDateIn5y();
    return { start: s, end: addMonths(s, 1 + Math.floor(rand() * 2)), reason: 'R17.1(8)' as const, decidedBy: '监狱长' };
  });
  return { inmate, history };
}

function buildInputs(withHistory: boolean): DecisionInput[] {
  seed = 20261128;
  const people = Array.from({ length: INMATES }, (_, i) => inmateWithHistory(i, withHistory));
  return Array.from({ length: DECISIONS }, (_, k) => {
    const p = at(people, k % INMATES);
    const date = addDays(TODAY, -Math.floor(rand() * 365));
    const visitors = Array.from({ length: 1 + Math.floor(rand() * 3) }, (_, n) => ({
      id: `rel-${k}-${n}`, name: `亲属${n}`,
      document: { kind: 'resident-id' as const, number: idNumber('1965-04-0' + String(n + 1), k) },
      role: { kind: 'family' as const, relationship: pick(['mother', 'father', 'spouse', 'son', 'elder-sister'] as const), proofs: ['household-register' as const] },
    }));
    return { inmate: p.inmate, history: p.history, visit: { id: `new-${k}`, inmateId: p.inmate.id, date, start: '09:00', minutes: 30, roomId: 'room-1', visitors } };
  });
}

// Wall-clock latency includes time the OS gives to other processes (this
// machine has 2 cores shared with other jobs), so each decision's CPU time
// (process.cpuUsage: user + system, this process, GC included) is reported too.
interface Figures { perSecond: number; p50Ms: number; p99Ms: number; maxMs: number; cpuP50Ms: number; cpuP99Ms: number }

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
  return { perSecond: Math.round(items.length / (total / 1000)), p50Ms: q(lat, 0.5), p99Ms: q(lat, 0.99), maxMs: q(lat, 1), cpuP50Ms: q(cpu, 0.5), cpuP99Ms: q(cpu, 0.99) };
}

const full = buildInputs(true);
const empty = buildInputs(false);
let allowed = 0;
const withHistory = measure(full, (x) => { if (decideVisit(x).outcome === 'allowed') allowed++; });
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
  baseline: { what: 'decideVisit, same visits, empty history', ...baseline },
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
