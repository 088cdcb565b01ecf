// Owner-only files on POSIX for the store's own data: its SQLite file (staff password
// hashes, inmates' and visitors' records), the data folder and the received recordings.
// Folders 0700, files 0600; what an older install left open is tightened at start and
// reported. Windows has no POSIX modes: the data folder's ACL does this there (README).
import fs from 'node:fs';

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;
const POSIX = process.platform !== 'win32';

function tighten(file: string, mode: number): boolean {
  if (!POSIX) return false;
  let current: number;
  try {
    current = fs.statSync(file).mode & 0o777;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
  if ((current & 0o077) === 0) return false;
  fs.chmodSync(file, mode);
  return true;
}

/** Creates the folder (parents as needed) owner-only, or tightens an existing one; true when it was tightened. */
export function ensurePrivateDir(dir: string): boolean {
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  return tighten(dir, PRIVATE_DIR_MODE);
}

/** Makes an existing file owner-only; true when others could read it. A missing file is left alone. */
export function tightenFile(file: string): boolean {
  return tighten(file, PRIVATE_FILE_MODE);
}

/** Creates an empty file 0600 unless it exists. */
export function createPrivateFile(file: string): void {
  try {
    fs.closeSync(fs.openSync(file, 'wx', PRIVATE_FILE_MODE));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}
