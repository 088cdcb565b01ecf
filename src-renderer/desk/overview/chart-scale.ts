// Axis arithmetic for the overview's SVG charts: a "nice" top value (1, 2, 5 × 10^n) and
// evenly spaced ticks, so a count axis reads 0, 5, 10 rather than 0, 3.4, 6.8.
export function niceMax(max: number): number {
  if (!Number.isFinite(max) || max <= 0) return 1;
  const exp = Math.floor(Math.log10(max));
  const base = 10 ** exp;
  for (const step of [1, 2, 5, 10]) if (max <= step * base) return step * base;
  return 10 * base;
}

/** Integer ticks from 0 to niceMax(max), at most `count` + 1 of them. */
export function ticks(max: number, count = 4): number[] {
  const top = niceMax(max);
  const step = Math.max(1, Math.ceil(top / count));
  const out: number[] = [];
  for (let v = 0; v <= top; v += step) out.push(v);
  if (out[out.length - 1] !== top) out.push(top);
  return out;
}

/** Scales a value in [0, max] to [0, length] pixels. */
export const scale = (value: number, max: number, length: number): number => (max <= 0 ? 0 : (Math.max(0, value) / max) * length);
