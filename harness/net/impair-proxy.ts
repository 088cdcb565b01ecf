// A userspace UDP impairment proxy (issue #23 item 2) standing between the terminals and the
// TURN relay: the terminals are told its address; each terminal address that sends to it
// gets its own upstream socket (as a NAT gives it) and its own link, one ImpairedLink per
// direction, so each terminal's path to the relay is impaired on its own. The profile can
// change during a call (`set`), e.g. a 5-second outage in the middle of a county WAN.
import { createSocket, type Socket } from 'node:dgram';
import { ImpairedLink, OPEN_LINK, seededRandom, type LinkCounters, type LinkSettings } from './link-impairment';

export interface ImpairProxy {
  readonly host: string;
  /** The port the clients send to. */
  readonly port: number;
  /** Applies `settings` to every link (present and future), both directions. */
  set(settings: LinkSettings): void;
  readonly settings: LinkSettings;
  /** The counters of each client's link: up = client → target, down = target → client. */
  counters(): { client: string; up: LinkCounters; down: LinkCounters }[];
  close(): Promise<void>;
}

export interface ImpairProxyOptions {
  target: { host: string; port: number };
  /** Where the proxy listens (default 127.0.0.1, a free port). */
  host?: string;
  port?: number;
  /** For repeatable runs: the PRNG's seed (loss and jitter). */
  seed?: number;
  settings?: LinkSettings;
}

interface Client {
  upstream: Socket;
  up: ImpairedLink;
  down: ImpairedLink;
}

const bind = (socket: Socket, port: number, host: string) =>
  new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(port, host, () => {
      socket.off('error', reject);
      resolve();
    });
  });

export async function startImpairProxy(options: ImpairProxyOptions): Promise<ImpairProxy> {
  const host = options.host ?? '127.0.0.1';
  const random = options.seed === undefined ? Math.random : seededRandom(options.seed);
  let settings = options.settings ?? OPEN_LINK;
  const front = createSocket('udp4');
  await bind(front, options.port ?? 0, host);
  // Sockets on loopback at a few Mbit/s: room for the bursts a keyframe makes.
  front.setRecvBufferSize(4 * 1024 * 1024);
  front.setSendBufferSize(4 * 1024 * 1024);
  const clients = new Map<string, Client>();
  let closed = false;

  front.on('message', (data, from) => {
    if (closed) return;
    const key = `${from.address}:${from.port}`;
    let client = clients.get(key);
    if (!client) {
      const upstream = createSocket('udp4');
      const up = new ImpairedLink((d) => upstream.send(d, options.target.port, options.target.host), random);
      const down = new ImpairedLink((d) => front.send(d, from.port, from.address), random);
      up.set(settings);
      down.set(settings);
      upstream.on('message', (reply) => down.push(reply));
      upstream.on('error', () => undefined);
      upstream.bind(0, host);
      client = { upstream, up, down };
      clients.set(key, client);
    }
    client.up.push(data);
  });
  front.on('error', () => undefined);

  return {
    host,
    port: front.address().port,
    get settings() {
      return settings;
    },
    set(next) {
      settings = next;
      for (const c of clients.values()) {
        c.up.set(next);
        c.down.set(next);
      }
    },
    counters: () => [...clients].map(([client, c]) => ({ client, up: { ...c.up.counters }, down: { ...c.down.counters } })),
    async close() {
      closed = true;
      for (const c of clients.values()) {
        c.up.close();
        c.down.close();
        c.upstream.close();
      }
      clients.clear();
      await new Promise<void>((resolve) => front.close(() => resolve()));
    },
  };
}
