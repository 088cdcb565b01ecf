// Owner-only on Windows, where NTFS ignores POSIX modes: an ACL without the entries inherited
// from the parent folder, granting Full control only to the account the terminal runs as,
// SYSTEM and Administrators (by SID: group names are localised). A folder's grant carries
// (OI)(CI), so what is made inside later (the database's -wal and -shm, the recordings, the
// logs) inherits exactly that. Set with icacls, which every Windows since Vista has.
import { spawnSync } from 'node:child_process';
import { userInfo } from 'node:os';

export type RunCommand = (command: string, args: readonly string[]) => { status: number | null; stdout: string; stderr: string };

const runCommand: RunCommand = (command, args) => {
  const result = spawnSync(command, args, { encoding: 'utf8', windowsHide: true, timeout: 120_000 });
  return { status: result.status, stdout: result.stdout ?? '', stderr: result.stderr || result.error?.message || '' };
};

export interface WindowsAcl {
  /** true: the path still takes entries from its parent (others may reach it); null: no such path. */
  inherits(path: string): boolean | null;
  /** Replaces the ACL with the owner-only one; throws (zh-CN) when icacls refuses. */
  restrict(path: string, kind: 'dir' | 'file'): void;
}

/** SYSTEM and BUILTIN\Administrators, named by SID so that a Chinese Windows understands them too. */
const SYSTEM_SID = '*S-1-5-18';
const ADMINISTRATORS_SID = '*S-1-5-32-544';

/** The account the terminal runs as, as icacls wants it: DOMAIN\user where there is a domain. */
export function currentAccount(env: NodeJS.ProcessEnv = process.env): string {
  const user = env.USERNAME || userInfo().username;
  return env.USERDOMAIN ? `${env.USERDOMAIN}\\${user}` : user;
}

export function createWindowsAcl(run: RunCommand = runCommand, env: NodeJS.ProcessEnv = process.env): WindowsAcl {
  return {
    inherits(path) {
      const shown = run('icacls', [path]);
      if (shown.status !== 0) return null;
      // icacls marks an inherited entry "(I)"; the owner-only ACL has none.
      return /\(I\)/.test(shown.stdout);
    },
    restrict(path, kind) {
      const full = kind === 'dir' ? '(OI)(CI)F' : 'F';
      const grants = [currentAccount(env), SYSTEM_SID, ADMINISTRATORS_SID].map((who) => `${who}:${full}`);
      const result = run('icacls', [path, '/inheritance:r', '/grant:r', ...grants]);
      if (result.status !== 0)
        throw new Error(
          `无法把 ${path} 的访问权限限制为本账户（icacls：${(result.stderr || result.stdout).trim().slice(0, 300)}）`,
        );
    },
  };
}
