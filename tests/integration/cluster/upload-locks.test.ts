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
  /** A node that keeps a lock keepMs after its request; `letGo` lists what it stopped holding, in order. */
  const keepingNode = (keepMs: number, letGo: string[], onSessionLost?: (err: Error) => void) => {
    const locker = new PgUploadLocker({
      connectionString,
      acquireTimeoutMs: 2000,
      keepMs,
      onLetGo: (id) => letGo.push(id),
      ...(onSessionLost ? { onSessionLost } : {}),
    });
    lockers.push(locker);
    return locker;
  };
  /** Sessions holding the upload's advisory lock now (pg_locks). */
  const lockHolders = async (id: string): Promise<number[]> => {
    const admin = new pg.Client({ connectionString });
    await admin.connect();
    try {
      const rows = await admin.query<{ pid: number }>(
        `select pid from pg_locks where locktype = 'advisory' and granted and objsubid = 1
           and ((classid::bigint << 32) | objid::bigint) = $1::bigint`,
        [uploadLockKey(id)],
      );
      return rows.rows.map((r) => r.pid);
    } finally {
      await admin.end();
    }
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

  it('#20 kept lock: after its request the node keeps the upload, takes it again without PostgreSQL, and lets go (told) after keepMs', async () => {
    const letGo: string[] = [];
    const a = keepingNode(600, letGo);
    const first = a.newLock('kept-1');
    await first.lock(signal(), () => undefined);
    await first.unlock();
    // Still held by a's session, though no request runs: nobody else can write the upload meanwhile.
    const [pid] = await lockHolders('kept-1');
    expect(pid).toBeDefined();
    expect(letGo).toEqual([]);
    const second = a.newLock('kept-1');
    await second.lock(signal(), () => undefined);
    expect(await lockHolders('kept-1')).toEqual([pid]);
    await second.unlock();
    // keepMs after the last request: let go, the listener told, PostgreSQL's lock freed.
    await expect.poll(() => letGo, { timeout: 3000 }).toEqual(['kept-1']);
    await expect.poll(() => lockHolders('kept-1')).toEqual([]);
  });

  it('#20 kept lock: another node asking gets it at once, and the keeper is told it let go before the newcomer holds it', async () => {
    const order: string[] = [];
    const a = keepingNode(60_000, order);
    const b = node();
    const held = a.newLock('kept-2');
    await held.lock(signal(), () => undefined);
    await held.unlock();
    const started = Date.now();
    await b.newLock('kept-2').lock(signal(), () => undefined);
    order.push('b holds');
    expect(order).toEqual(['kept-2', 'b holds']);
    // Not the 60 s it would keep it: asked through NOTIFY, it let go straight away.
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('#20 kept lock: a request asked to let go while it runs (the terminal resumed elsewhere) lets go when it ends, not kept', async () => {
    const letGo: string[] = [];
    const a = keepingNode(60_000, letGo);
    const b = node();
    const running = a.newLock('kept-3');
    await running.lock(signal(), () => void setTimeout(() => void running.unlock(), 100));
    await b.newLock('kept-3').lock(signal(), () => undefined);
    expect(letGo).toEqual(['kept-3']);
  });

  it("#20 kept lock: the keeper's session killed: the lock is free and the keeper is told (its state of the upload is void)", async () => {
    const letGo: string[] = [];
    const lost: Error[] = [];
    const a = keepingNode(60_000, letGo, (err) => lost.push(err));
    const held = a.newLock('kept-4');
    await held.lock(signal(), () => undefined);
    await held.unlock();
    const admin = new pg.Client({ connectionString });
    await admin.connect();
    try {
      await admin.query('select pg_terminate_backend($1)', [(await lockHolders('kept-4'))[0]]);
    } finally {
      await admin.end();
    }
    await expect.poll(() => letGo).toEqual(['kept-4']);
    expect(lost).toHaveLength(1);
    // Taken again later: through a new session, from PostgreSQL.
    const again = a.newLock('kept-4');
    await again.lock(signal(), () => undefined);
    expect(await lockHolders('kept-4')).toHaveLength(1);
  });
});
