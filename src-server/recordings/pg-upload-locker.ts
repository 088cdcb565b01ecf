// tus upload locks shared by every store node on the same PostgreSQL (#20 item 3): the in-memory
// locker of @tus/server only excludes requests of one process, so two nodes could write the same
// upload at once. Here a lock is a session-level advisory lock on a 64-bit hash of the upload id,
// held on one connection per node (PostgreSQL frees all of them when the node dies: kill -9 of a
// node never leaves an upload locked). Within the node a map keeps one holder per id, since a
// session may take its own advisory lock again.
// tus semantics are kept across nodes: a newer request for a locked upload (the terminal resuming
// after a half-open connection) asks the holder to let go, with NOTIFY to every node, and waits
// for it; a holder that does not let go in time gets the newcomer refused with 423 (tus clients retry).
import { createHash } from 'node:crypto';
import pg from 'pg';
import type { Lock, Locker, RequestRelease } from '@tus/server';

const CHANNEL = 'tus_upload_release';
const POLL_MS = 50;
const POLL_MAX_MS = 250;
const RENOTIFY_MS = 1000;

/** A tus error (status_code and body are what @tus/server answers with). */
export const LOCK_REFUSED = { status_code: 423, body: '该上传正由另一请求写入，请稍后续传\n' };

export interface PgUploadLockerOptions {
  connectionString: string;
  /** How long a request waits for the holder to let go before it is refused (tus's own default: 30 s). */
  acquireTimeoutMs?: number;
  /** Told when the lock session is lost (PostgreSQL restarted): the locks held are void. */
  onSessionLost?: (err: Error) => void;
  /** How long a lock is kept after its request ends (0: let go at once). Meanwhile the next request
   *  for the upload through this node takes it without asking PostgreSQL, and the node may keep the
   *  upload's state in memory: nobody else can have written it. Another node asking gets it at once. */
  keepMs?: number;
  /** Told each time this node stops holding an upload (let go, asked away, session lost, closed). */
  onLetGo?: (id: string) => void;
}

interface Holder {
  requestRelease: RequestRelease;
  session: pg.Client;
  /** Kept after its request ended (keepMs); the timer lets it go. */
  kept: NodeJS.Timeout | undefined;
  /** Another request asked for it while it was in use: let go, not keep, when that request ends. */
  asked: boolean;
}

/** The advisory-lock key of an upload: 8 bytes of SHA-256, as a signed bigint's text. */
export function uploadLockKey(id: string): string {
  return createHash('sha256').update(`tus-upload:${id}`).digest().readBigInt64BE(0).toString();
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });

export class PgUploadLocker implements Locker {
  private readonly holders = new Map<string, Holder>();
  private connecting: Promise<pg.Client> | undefined;
  /** The open session, once connected. */
  private current: pg.Client | undefined;
  private closed = false;
  readonly acquireTimeoutMs: number;
  private readonly keepMs: number;

  constructor(private readonly options: PgUploadLockerOptions) {
    this.acquireTimeoutMs = options.acquireTimeoutMs ?? 30_000;
    this.keepMs = options.keepMs ?? 0;
  }

  /** Forgets a holder (it is no longer ours) and tells the listener. */
  private drop(id: string, holder: Holder): void {
    if (this.holders.get(id) !== holder) return;
    clearTimeout(holder.kept);
    this.holders.delete(id);
    this.options.onLetGo?.(id);
  }

  /** Ends a kept lock: forgotten first (the node's state of the upload with it), then unlocked. */
  private async letGo(id: string, holder: Holder): Promise<void> {
    if (this.holders.get(id) !== holder) return;
    this.drop(id, holder);
    if (this.current !== undefined && this.current === holder.session)
      await holder.session.query('select pg_advisory_unlock($1::bigint)', [uploadLockKey(id)]);
  }

  newLock(id: string): Lock {
    return new PgUploadLock(id, this);
  }

  /** The node's lock session, opened on first use and again after it was lost. */
  session(): Promise<pg.Client> {
    if (this.closed) return Promise.reject(new Error('upload locker closed'));
    this.connecting ??= this.connect().catch((err: unknown) => {
      this.connecting = undefined;
      throw err;
    });
    return this.connecting;
  }

  private async connect(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: this.options.connectionString, connectionTimeoutMillis: 5000 });
    const lost = (err: Error) => {
      if (this.current !== client) return;
      this.current = undefined;
      this.connecting = undefined;
      // Every lock of this session is gone: its holders stop writing (their terminals resume).
      for (const [id, holder] of this.holders) {
        if (holder.session !== client) continue;
        const inUse = holder.kept === undefined;
        this.drop(id, holder);
        if (inUse) void Promise.resolve(holder.requestRelease()).catch(() => undefined);
      }
      if (!this.closed) this.options.onSessionLost?.(err);
    };
    client.on('error', lost);
    client.on('end', () => lost(new Error('upload lock session ended')));
    client.on('notification', (message) => {
      if (message.channel !== CHANNEL || message.payload === undefined) return;
      const id = message.payload;
      const holder = this.holders.get(id);
      if (!holder) return;
      if (holder.kept !== undefined) void this.letGo(id, holder).catch(() => undefined);
      else {
        holder.asked = true;
        void Promise.resolve(holder.requestRelease()).catch(() => undefined);
      }
    });
    await client.connect();
    await client.query(`LISTEN ${CHANNEL}`);
    this.current = client;
    return client;
  }

  /** One attempt: true when this request now holds the upload. */
  async tryAcquire(id: string, requestRelease: RequestRelease): Promise<boolean> {
    const local = this.holders.get(id);
    if (local && local.kept !== undefined && local.session === this.current) {
      // Kept since this node's last request for it: still ours, nobody else wrote it.
      clearTimeout(local.kept);
      local.kept = undefined;
      local.requestRelease = requestRelease;
      return true;
    }
    if (local) {
      // Another request of this node holds it: ask it directly, as the in-memory locker does.
      await local.requestRelease();
      return false;
    }
    const session = await this.session();
    // Claimed before the query, so a second request of this node cannot re-enter the session's lock.
    const holder: Holder = { requestRelease, session, kept: undefined, asked: false };
    this.holders.set(id, holder);
    try {
      const result = await session.query<{ ok: boolean }>('select pg_try_advisory_lock($1::bigint) as ok', [uploadLockKey(id)]);
      if (result.rows[0]?.ok === true && this.holders.get(id) === holder) return true;
    } catch (err) {
      this.drop(id, holder);
      throw err;
    }
    this.drop(id, holder);
    return false;
  }

  /** Asks whichever node holds the upload to let go. */
  async askRelease(id: string): Promise<void> {
    const session = await this.session();
    await session.query('select pg_notify($1, $2)', [CHANNEL, id]);
  }

  async release(id: string, requestRelease: RequestRelease): Promise<void> {
    const holder = this.holders.get(id);
    // Already void (the session was lost) or taken over: nothing of ours to release.
    if (!holder || holder.requestRelease !== requestRelease || holder.kept !== undefined) return;
    if (this.keepMs > 0 && !holder.asked && !this.closed && holder.session === this.current) {
      holder.kept = setTimeout(() => void this.letGo(id, holder).catch(() => undefined), this.keepMs);
      holder.kept.unref();
      return;
    }
    await this.letGo(id, holder);
  }

  /** Ends the session, which frees whatever locks remain. */
  async close(): Promise<void> {
    this.closed = true;
    const connecting = this.connecting;
    this.connecting = undefined;
    this.current = undefined;
    for (const [id, holder] of [...this.holders]) this.drop(id, holder);
    if (connecting) await (await connecting.catch(() => undefined))?.end();
  }
}

class PgUploadLock implements Lock {
  private requestRelease: RequestRelease | undefined;

  constructor(
    private readonly id: string,
    private readonly locker: PgUploadLocker,
  ) {}

  async lock(signal: AbortSignal, requestRelease: RequestRelease): Promise<void> {
    const deadline = Date.now() + this.locker.acquireTimeoutMs;
    let pause = POLL_MS;
    let notifiedAt = 0;
    for (;;) {
      if (signal.aborted) throw LOCK_REFUSED;
      if (await this.locker.tryAcquire(this.id, requestRelease)) {
        this.requestRelease = requestRelease;
        return;
      }
      if (Date.now() - notifiedAt >= RENOTIFY_MS) {
        notifiedAt = Date.now();
        await this.locker.askRelease(this.id);
      }
      const left = deadline - Date.now();
      if (left <= 0) throw LOCK_REFUSED;
      await sleep(Math.min(pause, left), signal);
      pause = Math.min(pause * 2, POLL_MAX_MS);
    }
  }

  async unlock(): Promise<void> {
    const requestRelease = this.requestRelease;
    this.requestRelease = undefined;
    if (requestRelease) await this.locker.release(this.id, requestRelease);
  }
}
