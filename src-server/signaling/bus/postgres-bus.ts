// Issue #20 item 2: the signal bus over PostgreSQL LISTEN/NOTIFY, on the database the
// store already uses. One connection listens (one channel per visit with a socket on
// this node), one publishes: NOTIFYs from one session arrive in commit order. A
// NOTIFY payload must stay under 8000 bytes while a terminal may send 64 KiB
// (SIGNALING_DEFAULTS.maxMessageBytes), so larger envelopes go as numbered chunks in
// ONE statement (one transaction: all arrive, together and in order) and are put
// back together here.
import { createHash, randomUUID } from 'node:crypto';
import pg from 'pg';
import type { FastifyBaseLogger } from 'fastify';
import { HandlerTable } from './signal-bus';
import type { BusEnvelope, BusHandler, SignalBus } from './signal-bus';

/** Bytes of envelope per NOTIFY; the server's limit is 8000 including the chunk header. */
export const NOTIFY_CHUNK_BYTES = 7000;

const channelOf = (visitId: string): string => `sig_${createHash('sha256').update(visitId).digest('hex').slice(0, 40)}`;

/** Splits on code points so no chunk ends inside a UTF-8 sequence. */
export function chunkText(text: string, maxBytes: number): string[] {
  const parts: string[] = [];
  let current = '';
  let bytes = 0;
  for (const ch of text) {
    const size = Buffer.byteLength(ch);
    if (bytes + size > maxBytes) {
      parts.push(current);
      current = '';
      bytes = 0;
    }
    current += ch;
    bytes += size;
  }
  parts.push(current);
  return parts;
}

export class PostgresBus implements SignalBus {
  readonly kind = 'postgres';
  private readonly handlers = new HandlerTable();
  private readonly visitOfChannel = new Map<string, string>();
  private readonly partial = new Map<string, string[]>();
  private listener!: pg.Client;
  private publisher!: pg.Client;
  /** The current connections are up (a new promise after a reconnect); null until first used. */
  private started: Promise<void> | null = null;
  private reconnecting = false;
  private closing = false;
  private chunkIds = 0;
  /** One query at a time per connection (pg queues otherwise, which it deprecates); keeps call order. */
  private readonly queues = new Map<'listener' | 'publisher', Promise<unknown>>();
  private readonly node = randomUUID().slice(0, 8);

  constructor(
    private readonly connectionString: string,
    private readonly log?: FastifyBaseLogger,
    private readonly reconnectMs = 1000,
  ) {}

  /** Connects on first use: a node that never relays across nodes holds no extra connections. */
  private ready(): Promise<void> {
    if (this.started === null) this.connect();
    return this.started ?? Promise.reject(new Error('signal bus not connected'));
  }

  /** New connections, listening again on every channel this node holds. */
  private connect(): void {
    const listener = new pg.Client({ connectionString: this.connectionString, application_name: 'signal-bus-listen' });
    const publisher = new pg.Client({ connectionString: this.connectionString, application_name: 'signal-bus-notify' });
    this.listener = listener;
    this.publisher = publisher;
    // Only the current connections count: the old ones end when replaced.
    const current = () => this.listener === listener && this.publisher === publisher;
    for (const client of [listener, publisher]) {
      client.on('error', (err) => {
        this.log?.error({ err }, 'signal bus (PostgreSQL): connection failed');
        if (current()) this.lost();
      });
      client.on('end', () => current() && this.lost());
    }
    listener.on('notification', (n) => this.receive(n.channel, n.payload ?? ''));
    const started = Promise.all([listener.connect(), publisher.connect()]).then(async () => {
      // What was published while the connection was down is lost (NOTIFY keeps nothing); from here on it flows.
      for (const channel of this.visitOfChannel.keys())
        if (this.handlers.has(this.visitOfChannel.get(channel) ?? '')) await listener.query(`LISTEN ${channel}`);
    });
    // Seen by the first subscribe/publish; never an unhandled rejection.
    started.catch(() => this.lost());
    this.started = started;
  }

  /** A connection died (PostgreSQL restarted, a network cut): both are replaced after a pause. */
  private lost(): void {
    if (this.closing || this.reconnecting) return;
    this.reconnecting = true;
    for (const client of [this.listener, this.publisher]) client.end().catch(() => undefined);
    // Queries from now on wait for the new connections.
    const resumed = new Promise<void>((resolve, reject) =>
      setTimeout(() => {
        this.reconnecting = false;
        if (this.closing) return reject(new Error('signal bus closed'));
        this.queues.clear();
        this.connect();
        this.ready().then(resolve, reject);
      }, this.reconnectMs).unref(),
    );
    resumed.catch(() => undefined);
    this.started = resumed;
  }

  private run(which: 'listener' | 'publisher', text: string, values?: unknown[]): Promise<unknown> {
    const next = (this.queues.get(which) ?? Promise.resolve())
      .then(() => this.ready())
      .then(() => this[which].query(text, values));
    this.queues.set(
      which,
      next.catch(() => undefined),
    );
    return next;
  }

  private receive(channel: string, payload: string): void {
    const visitId = this.visitOfChannel.get(channel);
    if (visitId === undefined) return;
    let text: string | null = payload.slice(2);
    if (payload.startsWith('c|')) text = this.reassemble(payload.slice(2));
    if (text === null) return;
    try {
      this.handlers.dispatch(visitId, JSON.parse(text) as BusEnvelope);
    } catch (err) {
      this.log?.error({ err, channel }, 'signal bus (PostgreSQL): bad notification dropped');
    }
  }

  /** `id|index|count|part`; the whole text once the last part is in. */
  private reassemble(rest: string): string | null {
    const [id = '', index = '', count = ''] = rest.split('|', 3);
    const part = rest.slice(id.length + index.length + count.length + 3);
    const parts = this.partial.get(id) ?? [];
    parts[Number(index)] = part;
    this.partial.set(id, parts);
    if (Number(index) !== Number(count) - 1) return null;
    this.partial.delete(id);
    return parts.join('');
  }

  /** Notifications not yet sent; they leave together, in call order, when the statement before them is done. */
  private batch: { channels: string[]; payloads: string[]; done: Promise<void> } | null = null;
  private publishing: Promise<unknown> = Promise.resolve();

  publish(visitId: string, envelope: BusEnvelope): Promise<void> {
    const channel = channelOf(visitId);
    const text = JSON.stringify(envelope);
    let payloads = [`w|${text}`];
    if (Buffer.byteLength(text) > NOTIFY_CHUNK_BYTES) {
      const id = `${this.node}.${(this.chunkIds += 1)}`;
      payloads = chunkText(text, NOTIFY_CHUNK_BYTES).map((p, i, all) => `c|${id}|${i}|${all.length}|${p}`);
    }
    if (this.batch === null) {
      // One round trip per batch, not per message: a node's visits share this connection.
      const batch: { channels: string[]; payloads: string[]; done: Promise<void> } = {
        channels: [],
        payloads: [],
        done: this.publishing.then(async () => {
          if (this.batch === batch) this.batch = null;
          // One statement, so one transaction: its NOTIFYs are delivered together and in this order.
          await this.run(
            'publisher',
            'SELECT pg_notify(n.c, n.p) FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS n(c, p, i) ORDER BY n.i',
            [batch.channels, batch.payloads],
          );
        }),
      };
      this.batch = batch;
      this.publishing = batch.done.catch(() => undefined);
    }
    for (const payload of payloads) {
      this.batch.channels.push(channel);
      this.batch.payloads.push(payload);
    }
    return this.batch.done;
  }

  async subscribe(visitId: string, handler: BusHandler): Promise<() => Promise<void>> {
    await this.ready();
    const channel = channelOf(visitId);
    this.visitOfChannel.set(channel, visitId);
    if (this.handlers.add(visitId, handler)) await this.run('listener', `LISTEN ${channel}`);
    return async () => {
      if (!this.handlers.remove(visitId, handler)) return;
      this.visitOfChannel.delete(channel);
      await this.run('listener', `UNLISTEN ${channel}`);
    };
  }

  async close(): Promise<void> {
    this.handlers.clear();
    this.closing = true;
    if (this.started === null) return;
    await Promise.allSettled([this.listener.end(), this.publisher.end()]);
  }
}
