// Owner-only files: the terminal's database holds visitors' ID numbers and the
// administrators' password hashes, its recordings the visits themselves. On POSIX folders are
// 0700 (their content is then unreachable whatever its own mode), files 0600. On Windows,
// which has no POSIX modes, the folders and the two secrets (the database, the signing key)
// get an owner-only ACL (private-files-windows.ts). What an older install left more open is
// tightened at start, and reported so it is on record.
import { chmodSync, mkdirSync, statSync } from 'node:fs';
import { createWindowsAcl, type WindowsAcl } from './private-files-windows';

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;
const POSIX = process.platform !== 'win32';

/** The platform seam: tests pass win32 with a recorded icacls. */
export interface FileHost {
  readonly platform: NodeJS.Platform;
  readonly acl: () => WindowsAcl;
}

let hostAcl: WindowsAcl | null = null;
const HOST: FileHost = { platform: process.platform, acl: () => (hostAcl ??= createWindowsAcl()) };

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
export function ensurePrivateDir(path: string, host: FileHost = HOST): boolean {
  const made = mkdirSync(path, { recursive: true, mode: PRIVATE_DIR_MODE }) !== undefined;
  if (host.platform === 'win32') {
    const acl = host.acl();
    // A new folder inherits its parent's ACL: restricted at once, but nothing was open yet.
    if (made) acl.restrict(path, 'dir');
    else if (acl.inherits(path) === true) {
      acl.restrict(path, 'dir');
      return true;
    }
    return false;
  }
  // A new folder is 0700 already; one an older release made may be 0755.
  return tighten(path, PRIVATE_DIR_MODE);
}

/**
 * The database and the signing key: owner-only whatever the folder they are in (a key copied
 * by hand, a data folder an installer left open). POSIX: as tightenFile; Windows: an explicit
 * owner-only ACL on the file. True when it was open to others; a missing file is left alone.
 */
export function protectSecretFile(path: string, host: FileHost = HOST): boolean {
  if (host.platform !== 'win32') return tighten(path, PRIVATE_FILE_MODE);
  const acl = host.acl();
  if (acl.inherits(path) !== true) return false;
  acl.restrict(path, 'file');
  return true;
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
