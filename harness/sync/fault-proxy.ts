// A TCP proxy between the terminal and the central store that misbehaves on command:
// refuse connections, cut them after a number of bytes in either
// direction (a cut after the store answered = a reply lost after the commit), or stall
// them (bytes swallowed, the socket left open, so only the client's timeout ends it).
// A cut or stall fires once, then the line is healthy again; `down` lasts until changed.
// The target port can change: the store restarted elsewhere on the same data folder.
import net from 'node:net';

export type Fault =
  | { readonly kind: 'none' }
  | { readonly kind: 'down' }
  | { readonly kind: 'cutUp'; readonly after: number }
  | { readonly kind: 'cutDown'; readonly after: number }
  | { readonly kind: 'stall'; readonly after: number };

export interface FaultProxy {
  readonly url: string;
  setFault(fault: Fault): void;
  /** The armed fault has fired (cut or stall happened). */
  fired(): boolean;
  setTarget(port: number): void;
  /** Bytes forwarded terminal → store since the start (all connections). */
  upBytes(): number;
  /** Called with the running total after every forwarded terminal → store chunk. */
  onUp(listener: ((total: number) => void) | null): void;
  /** Destroys every open connection (a cable pulled). */
  cutAll(): void;
  close(): Promise<void>;
}

export async function startFaultProxy(targetPort: number): Promise<FaultProxy> {
  let target = targetPort;
  let fault: Fault = { kind: 'none' };
  let armedUp = 0;
  let armedDown = 0;
  let didFire = false;
  let up = 0;
  let listener: ((total: number) => void) | null = null;
  const pairs = new Set<{ client: net.Socket; upstream: net.Socket; stalled: boolean }>();

  const fire = (): void => {
    didFire = true;
  };

  const server = net.createServer((client) => {
    if (fault.kind === 'down') {
      client.destroy();
      return;
    }
    const upstream = net.connect(target, '127.0.0.1');
    const pair = { client, upstream, stalled: false };
    pairs.add(pair);
    const cut = (): void => {
      client.destroy();
      upstream.destroy();
      pairs.delete(pair);
    };
    client.on('data', (chunk: Buffer) => {
      if (pair.stalled) return;
      let part = chunk;
      const f = fault;
      if (!didFire && (f.kind === 'cutUp' || f.kind === 'stall')) {
        const room = f.after - armedUp;
        if (room <= 0) {
          fire();
          if (f.kind === 'stall') pair.stalled = true;
          else cut();
          return;
        }
        if (part.length > room) part = part.subarray(0, room);
        armedUp += part.length;
      }
      up += part.length;
      upstream.write(part, () => {
        if (!didFire && (f.kind === 'cutUp' || f.kind === 'stall') && armedUp >= f.after) {
          fire();
          if (f.kind === 'stall') pair.stalled = true;
          else cut();
        }
      });
      listener?.(up);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (pair.stalled) return;
      const f = fault;
      if (!didFire && f.kind === 'cutDown') {
        const room = f.after - armedDown;
        if (chunk.length >= room) {
          fire();
          if (room > 0) client.write(chunk.subarray(0, room), cut);
          else cut();
          return;
        }
        armedDown += chunk.length;
      }
      client.write(chunk);
    });
    for (const s of [client, upstream]) {
      s.on('error', cut);
      s.on('close', cut);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as net.AddressInfo;

  const cutAll = (): void => {
    for (const p of pairs) {
      p.client.destroy();
      p.upstream.destroy();
    }
    pairs.clear();
  };

  return {
    url: `http://127.0.0.1:${address.port}`,
    setFault(next) {
      // Stalled connections of the previous fault end now (the client may still wait on them).
      for (const p of pairs) {
        if (!p.stalled) continue;
        p.client.destroy();
        p.upstream.destroy();
        pairs.delete(p);
      }
      fault = next;
      armedUp = 0;
      armedDown = 0;
      didFire = false;
    },
    fired: () => didFire,
    setTarget(port) {
      target = port;
    },
    upBytes: () => up,
    onUp(l) {
      listener = l;
    },
    cutAll,
    close: () =>
      new Promise<void>((resolve) => {
        cutAll();
        server.close(() => resolve());
      }),
  };
}
