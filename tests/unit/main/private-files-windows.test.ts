// Owner-only data on Windows (the terminal's folders, its database and its signing key): an
// ACL set with icacls, since NTFS ignores POSIX modes. Through the platform seam: win32 with a
// recorded icacls, so the commands and the reading of icacls' answer are checked on any system.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ensurePrivateDir, protectSecretFile, type FileHost } from '../../../src-main/store/private-files';
import { createWindowsAcl, currentAccount, type RunCommand } from '../../../src-main/store/private-files-windows';
import { useTempDirs } from './helpers/temp-dir';

const tempDir = useTempDirs('kiosk-acl-');
const ENV = { USERDOMAIN: 'YNJY01-ROOM1', USERNAME: 'kiosk' };
const INHERITED =
  'C:\\data NT AUTHORITY\\SYSTEM:(I)(OI)(CI)(F)\n       BUILTIN\\Users:(I)(OI)(CI)(RX)\n\nSuccessfully processed 1 files; Failed processing 0 files\n';
const OWNER_ONLY =
  'C:\\data YNJY01-ROOM1\\kiosk:(OI)(CI)(F)\n       NT AUTHORITY\\SYSTEM:(OI)(CI)(F)\n       BUILTIN\\Administrators:(OI)(CI)(F)\n\nSuccessfully processed 1 files; Failed processing 0 files\n';

/** icacls as Windows answers it: `icacls <path>` shows the ACL, anything else changes it. */
function recordedIcacls(shown: string | null, refuse = false) {
  const calls: Array<readonly string[]> = [];
  const run: RunCommand = (command, args) => {
    calls.push([command, ...args]);
    if (args.length === 1)
      return shown === null
        ? { status: 2, stdout: '', stderr: 'The system cannot find the file specified.' }
        : { status: 0, stdout: shown, stderr: '' };
    return refuse ? { status: 5, stdout: '', stderr: 'Access is denied.' } : { status: 0, stdout: 'processed file', stderr: '' };
  };
  const host: FileHost = { platform: 'win32', acl: () => createWindowsAcl(run, ENV) };
  return { calls, host };
}

const restrictCall = (path: string, full: string) => [
  'icacls',
  path,
  '/inheritance:r',
  '/grant:r',
  `YNJY01-ROOM1\\kiosk:${full}`,
  `*S-1-5-18:${full}`,
  `*S-1-5-32-544:${full}`,
];

describe('owner-only data on Windows: icacls through the platform seam', () => {
  test('a new data folder gets the owner-only ACL at once, inherited by what is made inside; not reported as tightened', () => {
    const { calls, host } = recordedIcacls(INHERITED);
    const dir = join(tempDir(), 'data');
    expect(ensurePrivateDir(dir, host)).toBe(false);
    expect(calls).toEqual([restrictCall(dir, '(OI)(CI)F')]);
  });

  test("an existing folder that still inherits its parent's entries is restricted and reported; an owner-only one is left alone", () => {
    const dir = tempDir();
    const open = recordedIcacls(INHERITED);
    expect(ensurePrivateDir(dir, open.host)).toBe(true);
    expect(open.calls).toEqual([['icacls', dir], restrictCall(dir, '(OI)(CI)F')]);
    const done = recordedIcacls(OWNER_ONLY);
    expect(ensurePrivateDir(dir, done.host)).toBe(false);
    expect(done.calls).toEqual([['icacls', dir]]);
  });

  test('the database and the signing key get their own owner-only ACL; a missing file is left alone', () => {
    const key = join(tempDir(), 'recording-signing-key.pem');
    writeFileSync(key, 'pem');
    const open = recordedIcacls(INHERITED);
    expect(protectSecretFile(key, open.host)).toBe(true);
    expect(open.calls).toEqual([['icacls', key], restrictCall(key, 'F')]);
    const missing = recordedIcacls(null);
    expect(protectSecretFile(join(tempDir(), 'terminal.db-wal'), missing.host)).toBe(false);
    expect(missing.calls).toHaveLength(1);
  });

  test('icacls refusing is an error in Chinese that names the path, not a silent pass', () => {
    const { host } = recordedIcacls(INHERITED, true);
    const dir = tempDir();
    expect(() => ensurePrivateDir(dir, host)).toThrow(
      new RegExp(`无法把 .*${dir.replace(/[\\/.]/g, '.')}.* 的访问权限限制为本账户（icacls：Access is denied.）`),
    );
  });

  test('the account is DOMAIN\\user where there is a domain, the user name otherwise', () => {
    expect(currentAccount(ENV)).toBe('YNJY01-ROOM1\\kiosk');
    expect(currentAccount({ USERNAME: 'kiosk' })).toBe('kiosk');
  });
});
