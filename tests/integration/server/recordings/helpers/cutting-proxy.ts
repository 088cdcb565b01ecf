// A TCP proxy in front of the store that cuts every connection once the
// client has sent `cutAfter` bytes in total: a network cut at a chosen offset.
import net from 'node:net';

export interface CuttingProxy {
  url: string;
  /** Bytes forwarded from client to server. */
  forwarded(): number;
  close(): Promise<void>;
}

export async function startCuttingProxy(targetPort: number, cutAfter: number): Promise<CuttingProxy> {
  let forwarded = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(targetPort, '127.0.0.1');
    sockets.add(client).add(upstream);
    const cut = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('data', (chunk: Buffer) => {
      const room = cutAfter - forwarded;
      if (room <= 0) return cut();
      const part = chunk.length > room ? chunk.subarray(0, room) : chunk;
      forwarded += part.length;
      // The cut comes once the last allowed byte is handed to the kernel.
      upstream.write(part, () => {
        if (forwarded >= cutAfter) cut();
      });
    });
    upstream.on('data', (chunk: Buffer) => client.write(chunk));
    for (const s of [client, upstream]) {
      s.on('error', cut);
      s.on('close', () => {
        sockets.delete(s);
        cut();
      });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    forwarded: () => forwarded,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
