// #20 item 3: tus upload locks over PostgreSQL advisory locks, as two store nodes hold them (two
// lockers, two sessions, one fresh database). The second waits while the holder is asked to let go
// (NOTIFY reaches the other node); a holder that does not let go gets the newcomer refused with 423;
// a holder's session that dies (its node killed) frees the lock at once and tells the holder.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { createFreshDatabase } from '../../../harness/store/databases';
import type { FreshDatabase } from '../../../harness/store/databases';
import { LOCK_REFUSED, PgUploadLocker, uploadLockKey } from '../../../src-server/recordings/pg-upload-locker';

describe('#20 tus upload locks on PostgreSQL advisory locks (two nodes)', () => {
  let fresh: FreshDatabase;
  let connectionString: string;
  const lockers: PgUploadLocker[] = [];
  const node = (acquireTimeoutMs = 2000, onSessionLost?: (err: Error) => void) => {
    const locker = new PgUploadLocker({ connectionString, acquireTimeoutMs, ...(onSessionLost ? { onSessionLost } : {}) });
    lockers.push(locker);
    return locker;
  };
  const signal = () => new AbortController().signal;

  beforeAll(async () => {
    fresh = await createFreshDatabase('postgres');
    connectionString = fresh.url;
  });
  afterEach(async () => {
    await Promise.all(lockers.splice(0).map((l) => l.close()));
  });
  afterAll(async () => {
    await fresh?.drop();
  });

  it('the second node waits; the holder is asked (across nodes) to let go, and once it does the second holds the upload', async () => {
    const [a, b] = [node(), node()];
    const held = a.newLock('upload-1');
    let asked = 0;
    await held.lock(signal(), () => {
      asked += 1;
      // The holder finishes its write at a resumable point, then unlocks (as a cut PATCH does).
      setTimeout(() => void held.unlock(), 150);
    });
    const started = Date.now();
    const second = b.newLock('upload-1');
    await second.lock(signal(), () => undefined);
    expect(asked).toBeGreaterThanOrEqual(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    // Other uploads are not held up meanwhile.
    await a.newLock('upload-2').lock(signal(), () => undefined);
    await second.unlock();
  });

  it('a holder that does not let go: the newcomer is refused with 423 after its wait, never let in beside it', async () => {
    const [a, b] = [node(), node(400)];
    await a.newLock('upload-3').lock(signal(), () => undefined);
    const started = Date.now();
    await expect(b.newLock('upload-3').lock(signal(), () => undefined)).rejects.toBe(LOCK_REFUSED);
    expect(LOCK_REFUSED.status_code).toBe(423);
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
  });

  it('within one node too: a second request for the same upload waits for the first (one session cannot re-enter)', async () => {
    const a = node(300);
    await a.newLock('upload-4').lock(signal(), () => undefined);
    await expect(a.newLock('upload-4').lock(signal(), () => undefined)).rejects.toBe(LOCK_REFUSED);
  });

  it("a node's session killed (kill -9 of the node, or its connection cut): the lock is free at once and the holder is told", async () => {
    const lost: Error[] = [];
    const a = node(2000, (err) => lost.push(err));
    const b = node();
    let released = 0;
    await a.newLock('upload-5').lock(signal(), () => void (released += 1));
    const admin = new pg.Client({ connectionString });
    await admin.connect();
    try {
      const holders = await admin.query<{ pid: number }>(
        `select pid from pg_locks where locktype = 'advisory' and granted and objsubid = 1
           and ((classid::bigint << 32) | objid::bigint) = $1::bigint`,
        [uploadLockKey('upload-5')],
      );
      expect(holders.rows).toHaveLength(1);
      await admin.query('select pg_terminate_backend($1)', [holders.rows[0]?.pid]);
    } finally {
      await admin.end();
    }
    const started = Date.now();
    await b.newLock('upload-5').lock(signal(), () => undefined);
    expect(Date.now() - started).toBeLessThan(1000);
    await expect.poll(() => released).toBe(1);
    expect(lost).toHaveLength(1);
    // The node opens a new session for its next lock.
    await a.newLock('upload-6').lock(signal(), () => undefined);
  });
});
