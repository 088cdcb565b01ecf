// Which terminals a rollout reaches, and which of several builds is newest. A percentage picks
// terminals by a stable hash of the terminal's id (SHA-256, first 32 bits, mod 100): the same
// terminals at every ask, and raising the percentage only adds terminals.
import { createHash } from 'node:crypto';

export type RolloutReach =
  { kind: 'terminals'; terminalIds: readonly string[] } | { kind: 'percentage'; percent: number } | { kind: 'all' };

/** 0–99, the same for a terminal id forever. */
export function rolloutBucket(terminalId: string): number {
  return createHash('sha256').update(terminalId, 'utf8').digest().readUInt32BE(0) % 100;
}

export function reaches(rollout: RolloutReach, terminalId: string): boolean {
  switch (rollout.kind) {
    case 'all':
      return true;
    case 'terminals':
      return rollout.terminalIds.includes(terminalId);
    case 'percentage':
      return rolloutBucket(terminalId) < rollout.percent;
  }
}

const PARTS = /^(\d+)\.(\d+)\.(\d+)(?:-(.+))?$/;

/** semver order of two versions (BUILD_VERSION shapes): negative, 0 or positive. */
export function compareVersions(a: string, b: string): number {
  const pa = PARTS.exec(a);
  const pb = PARTS.exec(b);
  if (!pa || !pb) return a.localeCompare(b);
  for (let i = 1; i <= 3; i++) {
    const d = Number(pa[i]) - Number(pb[i]);
    if (d !== 0) return d;
  }
  const [ra, rb] = [pa[4], pb[4]];
  if (ra === rb) return 0;
  // A release is newer than its pre-releases.
  if (ra === undefined) return 1;
  if (rb === undefined) return -1;
  return comparePrerelease(ra, rb);
}

function comparePrerelease(a: string, b: string): number {
  const xs = a.split('.');
  const ys = b.split('.');
  for (let i = 0; i < Math.max(xs.length, ys.length); i++) {
    const [x, y] = [xs[i], ys[i]];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const [nx, ny] = [/^\d+$/.test(x), /^\d+$/.test(y)];
    if (nx && ny && Number(x) !== Number(y)) return Number(x) - Number(y);
    if (nx !== ny) return nx ? -1 : 1;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}
