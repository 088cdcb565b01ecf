// bench:rules' inputs: inmates with five years of history and the visits proposed for
// them, drawn once from a seeded PRNG; the baseline is the same visits for the same inmates
// with that history left out, so the two runs differ in nothing else.
import { addDays, addMonths, fromDayNumber, toDayNumber } from '../../src-shared/calendar';
import { mod11_2CheckChar } from '../../src-shared/id-number';
import { suspensionLastDay } from '../../src-shared/regulation';
import type { DecisionInput, InmateInput, VisitRecordInput } from '../../src-shared/regulation';

export const DECISIONS = 100_000;
export const INMATES = 1_000;
const TODAY = '2026-11-28';

/** Deterministic PRNG (mulberry32) so runs compare. */
function prng(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function at<T>(xs: readonly T[], i: number): T {
  const x = xs[i];
  if (x === undefined) throw new Error(`no item ${i}`);
  return x;
}

function idNumber(birth: string, seq: number): string {
  const body = `530102${birth.replaceAll('-', '')}${String(seq % 1000).padStart(3, '0')}`;
  return body + mod11_2CheckChar(body);
}

interface Person {
  inmate: InmateInput;
  history: VisitRecordInput[];
  bare: InmateInput;
}

function drawPerson(i: number, rand: () => number): Person {
  const pick = <T>(xs: readonly T[]): T => at(xs, Math.floor(rand() * xs.length));
  const start5y = addMonths(TODAY, -60);
  const span = toDayNumber(TODAY) - toDayNumber(start5y);
  const randomDateIn5y = () => fromDayNumber(toDayNumber(start5y) + Math.floor(rand() * span));
  const bare: InmateInput = {
    id: `inmate-${i}`,
    name: `罪犯${i}`,
    prisonId: 'prison-1',
    wardId: `ward-${i % 12}`,
    citizenship: { kind: 'chinese' },
    birthDate: fromDayNumber(toDayNumber('1960-01-01') + Math.floor(rand() * 15000)),
  };
  const history: VisitRecordInput[] = [];
  for (let m = 0; m < 60; m++) {
    const date = addDays(addMonths(start5y, m), Math.floor(rand() * 27));
    const outcome = pick(['completed', 'completed', 'completed', 'forfeited', 'interrupted', 'terminated'] as const);
    history.push({ id: `v-${i}-${m}`, date, outcome, category: rand() < 0.1 ? 'special' : 'family' });
  }
  const inmate: InmateInput = {
    ...bare,
    penalties: Array.from({ length: 8 }, () => ({
      kind: pick(['warning', 'demerit', 'confinement'] as const),
      date: randomDateIn5y(),
    })),
    statusPeriods: [
      { kind: 'entry-training', start: start5y, end: addMonths(start5y, 2) },
      ...Array.from({ length: 4 }, () => {
        const s = randomDateIn5y();
        return {
          kind: pick(['confinement', 'strict-training', 'serious-violation-investigation'] as const),
          start: s,
          end: addDays(s, 10),
        };
      }),
    ],
    suspensions: Array.from({ length: 2 }, () => {
      const s = randomDateIn5y();
      return {
        start: s,
        end: suspensionLastDay(s, 1 + Math.floor(rand() * 2)),
        reason: 'R17.1(8)' as const,
        decidedBy: '监狱长',
      };
    }),
  };
  return { inmate, history, bare };
}

/** The measured set (full history) and the baseline (no history), over one draw of the same visits. */
export function buildInputSets(o: { seed?: number; decisions?: number; inmates?: number } = {}): {
  full: DecisionInput[];
  empty: DecisionInput[];
} {
  const rand = prng(o.seed ?? 20261128);
  const inmates = o.inmates ?? INMATES;
  const pick = <T>(xs: readonly T[]): T => at(xs, Math.floor(rand() * xs.length));
  const people = Array.from({ length: inmates }, (_, i) => drawPerson(i, rand));
  const visits = Array.from({ length: o.decisions ?? DECISIONS }, (_, k) => {
    const p = at(people, k % inmates);
    const date = addDays(TODAY, -Math.floor(rand() * 365));
    const visitors = Array.from({ length: 1 + Math.floor(rand() * 3) }, (_, n) => ({
      id: `rel-${k}-${n}`,
      name: `亲属${n}`,
      document: { kind: 'resident-id' as const, number: idNumber('1965-04-0' + String(n + 1), k) },
      role: {
        kind: 'family' as const,
        relationship: pick(['mother', 'father', 'spouse', 'son', 'elder-sister'] as const),
        proofs: ['household-register' as const],
      },
    }));
    return {
      person: p,
      visit: { id: `new-${k}`, inmateId: p.inmate.id, date, start: '09:00', minutes: 30, roomId: 'room-1', visitors },
    };
  });
  return {
    full: visits.map(({ person, visit }) => ({ inmate: person.inmate, history: person.history, visit })),
    empty: visits.map(({ person, visit }) => ({ inmate: person.bare, history: [], visit })),
  };
}
