// Who writes a recording's folder (R13.1 crash safety). A live recorder holds a lock file
// naming its process, so a second recorder, another terminal process on the same data
// folder, or the start-up recovery never writes the same folder at the same time; and it
// names the ffmpeg it runs, so that after a kill -9 of the terminal the next start can wait
// for the orphaned ffmpeg (it finishes its open segment on EOF) before touching the
// segments. Small files in the folder rather than columns: the recording's state stays in
// the store, this is only about processes, and a crash leaves both exactly as they were.
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { RecorderError } from '../errors';
import { identify, isProcessIdentity, isRunning, type ProcessIdentity } from '../ffmpeg/process-identity';

export const LOCK_FILE = 'recorder.lock';
export const FFMPEG_PID_FILE = 'ffmpeg.pid.json';

/** Folders claimed by a recorder of THIS process (a pid check cannot tell them apart). */
const heldHere = new Set<string>();

interface LockContent {
  /** null where a process cannot be identified (no /proc): such a lock is never honoured. */
  readonly owner: ProcessIdentity | null;
  readonly pid: number;
  readonly purpose: 'recording' | 'recovery';
  readonly at: string;
}

export type FolderOwner =
  | { readonly kind: 'none' }
  /** A recorder of this process is writing it. */
  | { readonly kind: 'here' }
  /** Another live process holds it. */
  | { readonly kind: 'elsewhere'; readonly pid: number; readonly purpose: string }
  /** The holder is gone (crash): the folder may be taken over. */
  | { readonly kind: 'stale'; readonly pid: number };

export interface FolderClaim {
  readonly dir: string;
  /**
   * Records the ffmpeg now writing the folder (called right after each spawn). Returns why
   * the note could not be written (a full disk), or null: the note only helps a later
   * recovery, so failing to write it must never stop the recording.
   */
  noteFfmpeg(pid: number | undefined): string | null;
  /** Removes the lock and the ffmpeg note; the folder is free again. */
  release(): void;
}

const readJson = (path: string): unknown => {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as unknown;
  } catch {
    return null; // missing, or cut short by a crash mid-write: nothing to honour
  }
};

export function folderOwner(dir: string): FolderOwner {
  if (heldHere.has(resolve(dir))) return { kind: 'here' };
  const lock = readJson(join(dir, LOCK_FILE)) as Partial<LockContent> | null;
  if (!lock || typeof lock.pid !== 'number') return { kind: 'none' };
  if (isProcessIdentity(lock.owner) && lock.owner.pid !== process.pid && isRunning(lock.owner)) {
    return { kind: 'elsewhere', pid: lock.pid, purpose: String(lock.purpose) };
  }
  return { kind: 'stale', pid: lock.pid };
}

/**
 * Claims the folder, or throws when a live recorder (here or in another process) holds
 * it. A stale lock (its process is gone) is taken over.
 */
export function claimFolder(dir: string, purpose: LockContent['purpose']): FolderClaim {
  const key = resolve(dir);
  const owner = folderOwner(dir);
  if (owner.kind === 'here' || owner.kind === 'elsewhere') {
    throw new RecorderError(
      `录像文件夹 ${dir} 正由另一个录像程序使用，不能同时写入`,
      owner.kind === 'elsewhere' ? `进程 ${owner.pid}（${owner.purpose}）` : '本进程',
    );
  }
  const lockPath = join(dir, LOCK_FILE);
  if (owner.kind === 'stale') rmSync(lockPath, { force: true });
  const content: LockContent = { owner: identify(process.pid), pid: process.pid, purpose, at: new Date().toISOString() };
  try {
    // 'wx': of two processes taking over the same stale lock, only one creates it.
    writeFileSync(lockPath, JSON.stringify(content), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST')
      throw new RecorderError(`录像文件夹 ${dir} 刚被另一个录像程序占用，不能同时写入`);
    throw error;
  }
  heldHere.add(key);
  let released = false;
  return {
    dir,
    noteFfmpeg(pid) {
      const id = identify(pid);
      if (!id || released) return null;
      const path = join(dir, FFMPEG_PID_FILE);
      try {
        // Written whole then renamed: a crash mid-write never leaves half a pid.
        writeFileSync(`${path}.tmp`, JSON.stringify(id), { mode: 0o600 });
        renameSync(`${path}.tmp`, path);
        return null;
      } catch (error) {
        rmSync(`${path}.tmp`, { force: true });
        return error instanceof Error ? error.message : String(error);
      }
    },
    release() {
      if (released) return;
      released = true;
      rmSync(join(dir, FFMPEG_PID_FILE), { force: true });
      rmSync(lockPath, { force: true });
      heldHere.delete(key);
    },
  };
}

/** The ffmpeg a crashed recorder (or recovery) last ran on this folder, as it noted it. */
export function notedFfmpeg(dir: string): ProcessIdentity | null {
  const value = readJson(join(dir, FFMPEG_PID_FILE));
  return isProcessIdentity(value) ? value : null;
}
