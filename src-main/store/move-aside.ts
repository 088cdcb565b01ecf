// Moves a damaged database out of the way, with its -wal/-shm/-journal companions, so a
// technician can still examine it and a fresh store never reuses damaged pages.
import { existsSync, renameSync } from 'node:fs';

const COMPANIONS = ['', '-wal', '-shm', '-journal'] as const;

/** `2025-05-04T08-30-00-000Z`: sortable, and legal in Windows file names. */
const stamp = (at: Date): string => at.toISOString().replace(/[:.]/g, '-');

export function moveAside(path: string, at: Date): string {
  const base = `${path}.corrupt-${stamp(at)}`;
  let target = base;
  for (let n = 2; COMPANIONS.some((suffix) => existsSync(target + suffix)); n++) target = `${base}-${n}`;
  // The main file first: if that fails nothing has moved and the caller reports it.
  for (const suffix of COMPANIONS) {
    if (existsSync(path + suffix)) renameSync(path + suffix, target + suffix);
  }
  return target;
}
