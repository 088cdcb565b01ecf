// The TURN relay the call e2e tests send ALL media through (iceTransportPolicy 'relay',
// handed out by the central store): Debian's coturn (harness/net/coturn, the relay the
// province runs, #23), reached through the impairment proxy (harness/net/impair-proxy) the
// test controls: cutting it drops every packet between the terminals and coturn, so the
// media stops for real, as when a cable is pulled; restoring it lets ICE restarts and new
// peer connections heal the call (R18.1). coturn itself keeps running throughout.
import { startCoturn } from '../../../harness/net/coturn';
import { startImpairProxy } from '../../../harness/net/impair-proxy';
import { OPEN_LINK } from '../../../harness/net/link-impairment';
import { mintTurnCredential } from '../../../src-server/signaling/turn-credentials';
import type { IceConfig } from '../../../src-shared/signaling/protocol';

export interface TurnRelay {
  /** The port the terminals are told (the proxy's). */
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

export async function startTurnRelay(): Promise<TurnRelay> {
  const coturn = await startCoturn();
  const proxy = await startImpairProxy({ target: { host: coturn.host, port: coturn.port } });
  // One credential for the whole file (an hour), minted as the store mints a visit's.
  const server = mintTurnCredential(coturn.turnSecret([`turn:127.0.0.1:${proxy.port}?transport=udp`], 3600), 'e2e', Date.now());
  let cutOff = false;
  return {
    port: proxy.port,
    ice: { iceServers: [server], iceTransportPolicy: 'relay' },
    get cutOff() {
      return cutOff;
    },
    cut() {
      cutOff = true;
      proxy.set({ ...OPEN_LINK, down: true });
    },
    restore() {
      cutOff = false;
      proxy.set(OPEN_LINK);
    },
    async stop() {
      await proxy.close();
      await coturn.stop();
    },
  };
}
