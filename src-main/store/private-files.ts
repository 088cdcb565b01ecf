// Owner-only files on POSIX: the terminal's database holds visitors' ID numbers and the
// administrators' password hashes, its recordings the visits themselves. Folders are
// 0700 (their content is then unreachable whatever its own mode), files 0600. What an
// older install left more open is tightened at start, and reported so it is on record.
// Windows has no POSIX modes: there the installer's ACL on the data folder does this (README).
import { chmodSync, mkdirSync, statSync } from 'node:fs';

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;
const POSIX = process.platform !== 'win32';

function tighten(path: string, mode: number): boolean {
  if (!POSIX) return false;
  let current: number;
  try {
    current = statSync(path).mode & 0o777;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
  if ((current & 0o077) === 0) return false;
  chmodSync(path, mode);
  return true;
}

/** Creates the folder (parents as needed) owner-only, or tightens an existing one; true when it was tightened. */
export function ensurePrivateDir(path: string): boolean {
  mkdirSync(path, { recursive: true, mode: PRIVATE_DIR_MODE });
  // A new folder is 0700 already; one an older release made may be 0755.
  return tighten(path, PRIVATE_DIR_MODE);
}

/** Makes an existing file owner-only; true when it was readable by others. A missing file is left alone. */
export function tightenFile(path: string): boolean {
  return tighten(path, PRIVATE_FILE_MODE);
}

/**
 * New files of this process and of the processes it starts (ffmpeg writes the segments)
 * are created owner-only. Called once at the terminal's start.
 */
export function restrictUmask(): void {
  if (POSIX) process.umask(0o077);
}
