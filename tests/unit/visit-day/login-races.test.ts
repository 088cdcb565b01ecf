// Probe 15.2 on the terminal: parallel wrong offline logins (argon2 runs
// asynchronously between reading and writing the failure count) must each count
// on the real local SQLite store, and the account must lock.
import type Database from 'better-sqlite3';
import { describe, expect, test } from 'vitest';
import { MAX_FAILED_LOGINS } from '../../../src-main/visit-day';
import { STAFF } from '../../../harness/fixtures/visit-day/day-snapshot';
import { useDayTerminals } from './helpers';

const open = useDayTerminals();

const credentials = (db: Database.Database, staffId: string) =>
  db.prepare('SELECT failed_logins, locked_until FROM staff_credentials WHERE staff_id = ?').get(staffId) as {
    failed_logins: number;
    locked_until: string | null;
  };

describe('probe 15.2: offline login lock-out under parallel guesses', () => {
  test('probe 15.2: 20 parallel wrong passwords lock the account; the right one is refused afterwards', async () => {
    const { terminal, db } = await open();
    const auth = terminal.services.auth;
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => auth.login({ username: STAFF.he.username, password: `wrong-${i}` })),
    );
    expect(answers.every((a) => !a.accepted)).toBe(true);
    expect(credentials(db, 'S-HE').locked_until).not.toBeNull();
    expect(await auth.login({ username: STAFF.he.username, password: STAFF.he.password })).toMatchObject({
      accepted: false,
      refusal: { code: 'locked-out' },
    });
    expect(db.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE kind = 'auth.lockedOut'").get()).toEqual({ n: 1 });
  });

  test(`probe 15.2: the count is exact: ${MAX_FAILED_LOGINS - 1} parallel wrong passwords count ${MAX_FAILED_LOGINS - 1}`, async () => {
    const { terminal, db } = await open();
    const auth = terminal.services.auth;
    await Promise.all(
      Array.from({ length: MAX_FAILED_LOGINS - 1 }, (_, i) =>
        auth.login({ username: STAFF.li.username, password: `wrong-${i}` }),
      ),
    );
    expect(credentials(db, 'S-LI')).toEqual({ failed_logins: MAX_FAILED_LOGINS - 1, locked_until: null });
  });
});
