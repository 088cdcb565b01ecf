// What the terminal was installing when it quit for an update, kept in its data folder, so
// that the next start can say whether the install took: the new version runs (installed), or
// the old one still does (failed: the installer did not complete and the old version stayed).
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { UpdateState } from './status';

export const PENDING_INSTALL_FILE = 'update-pending.json';

export interface PendingInstall {
  readonly version: string;
  readonly fromVersion: string;
  readonly at: string;
}

export function writePendingInstall(dataDir: string, pending: PendingInstall): void {
  writeFileSync(join(dataDir, PENDING_INSTALL_FILE), JSON.stringify(pending), { mode: 0o600 });
}

/** Reads and removes the record; null when there is none or it is unreadable. */
export function takePendingInstall(dataDir: string): PendingInstall | null {
  const file = join(dataDir, PENDING_INSTALL_FILE);
  if (!existsSync(file)) return null;
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<PendingInstall>;
    if (typeof parsed.version !== 'string' || typeof parsed.fromVersion !== 'string' || typeof parsed.at !== 'string')
      return null;
    return { version: parsed.version, fromVersion: parsed.fromVersion, at: parsed.at };
  } catch {
    return null;
  } finally {
    rmSync(file, { force: true });
  }
}

/** The outcome of the install the record describes, judged by the version now running. Pure. */
export function outcomeAfterRestart(
  pending: PendingInstall,
  runningVersion: string,
): { state: UpdateState; error: string | null } {
  if (runningVersion === pending.version) return { state: 'installed', error: null };
  return { state: 'failed', error: `安装 ${pending.version} 未生效，仍运行 ${runningVersion}` };
}
