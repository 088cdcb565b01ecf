// A TURN server in the test process (node-turn, pure JS, UDP on 127.0.0.1) that the
// terminals' media must go through (iceTransportPolicy 'relay', handed out by the
// central store), reached through a small UDP forwarder the test controls: cutting the
// forwarder drops every packet between the terminals and the TURN server, so the media
// stops for real, as when a cable is pulled; restoring it lets ICE restarts and new peer
// connections heal the call (R18.1). The TURN server itself keeps running throughout.
import { createSocket, type Socket } from 'node:dgram';
import Turn from 'node-turn';
import type { IceConfig } from '../../../src-shared/signaling/protocol';

export interface TurnRelay {
  /** The port the terminals are told (the forwarder's). */
  readonly port: number;
  /** What the central store hands the terminals: this relay only, media relayed. */
  readonly ice: IceConfig;
  readonly cutOff: boolean;
  /** Drops every packet from now on (both ways). */
  cut(): void;
  /** Forwards again. */
  restore(): void;
  stop(): Promise<void>;
}

async function bound(port = 0): Promise<Socket> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(port, '127.0.0.1', () => resolve());
  });
  return socket;
}

export async function startTurnRelay(): Promise<TurnRelay> {
  // The TURN server's own port: found free, then handed to node-turn.
  const probe = await bound();
  const turnPort = probe.address().port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  const username = 'kiosk';
  const credential = `pw-${turnPort}`;
  const turn = new Turn({
    listeningPort: turnPort,
    listeningIps: ['127.0.0.1'],
    relayIps: ['127.0.0.1'],
    authMech: 'long-term',
    credentials: { [username]: credential },
    realm: 'visitation.test',
    debugLevel: 'OFF',
  });
  turn.start();

  // The forwarder: one upstream socket per terminal address, like a NAT, so the TURN server sees distinct clients.
  const front = await bound();
  const upstream = new Map<string, Socket>();
  let cutOff = false;
  front.on('message', (data, from) => {
    if (cutOff) return;
    const key = `${from.address}:${from.port}`;
    let up = upstream.get(key);
    if (!up) {
      up = createSocket('udp4');
      upstream.set(key, up);
      up.on('message', (reply) => {
        if (!cutOff) front.send(reply, from.port, from.address);
      });
      up.on('error', () => undefined);
      up.bind(0, '127.0.0.1');
    }
    up.send(data, turnPort, '127.0.0.1');
  });
  const port = front.address().port;
  return {
    port,
    ice: { iceServers: [{ urls: `turn:127.0.0.1:${port}?transport=udp`, username, credential }], iceTransportPolicy: 'relay' },
    get cutOff() {
      return cutOff;
    },
    cut() {
      cutOff = true;
    },
    restore() {
      cutOff = false;
    },
    async stop() {
      cutOff = true;
      for (const s of upstream.values()) s.close();
      await new Promise<void>((resolve) => front.close(() => resolve()));
      turn.stop();
    },
  };
}
