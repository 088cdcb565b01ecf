// Issue #20 item 3 (terminal side): a store node draining closes the signaling socket with
// 4503; main's signaling client knocks again at once (the load balancer sends it to another
// node) instead of waiting out its back-off, which it still keeps for other closes.
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, test } from 'vitest';
import { WebSocketServer } from 'ws';
import { DRAIN_RECONNECT_SPREAD_MS, SignalingClient } from '../../../../src-main/call/signaling-client';
import { CLOSE } from '../../../../src-shared/signaling/protocol';

const VISIT = '6f1c1b8e-3f43-4c59-9b52-2a4a0c0f8a11';
const BACKOFF = { initialMs: 3000, maxMs: 3000 };

/** A store whose first socket is closed with `code` after the welcome; answers the times sockets arrive. */
async function storeClosingWith(code: number) {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, handleProtocols: (p) => [...p][0] ?? false });
  await once(wss, 'listening');
  const arrivals: number[] = [];
  wss.on('connection', (ws) => {
    arrivals.push(Date.now());
    ws.send(JSON.stringify({ type: 'welcome', visitId: VISIT, side: 'visitor', peerPresent: false }));
    if (arrivals.length === 1) setTimeout(() => ws.close(code, 'closing'), 50);
  });
  return { wss, url: `http://127.0.0.1:${(wss.address() as AddressInfo).port}`, arrivals };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('issue #20 item 3: the terminal reconnects at once when its store node drains', () => {
  const cleanup: (() => void)[] = [];
  afterEach(() => {
    for (const c of cleanup.splice(0)) c();
  });

  const run = async (code: number) => {
    const store = await storeClosingWith(code);
    const closes: number[] = [];
    const client = new SignalingClient({
      endpoint: { url: store.url, token: 't' },
      visitId: VISIT,
      onMessage: () => undefined,
      onConnection: (up, detail) => {
        if (!up && detail.code !== undefined) closes.push(Date.now());
      },
      backoff: BACKOFF,
    });
    cleanup.push(() => {
      client.stop();
      store.wss.close();
    });
    client.start();
    return { store, closes };
  };

  test('4503: the next connection comes within the spread, not after the 3 s back-off', async () => {
    const { store, closes } = await run(CLOSE.NODE_DRAINING);
    const deadline = Date.now() + 2000;
    while (store.arrivals.length < 2 && Date.now() < deadline) await sleep(10);
    expect(store.arrivals).toHaveLength(2);
    expect((store.arrivals[1] as number) - (closes[0] as number)).toBeLessThan(DRAIN_RECONNECT_SPREAD_MS + 150);
  });

  test('1001 (any other close): the back-off holds', async () => {
    const { store, closes } = await run(CLOSE.GOING_AWAY);
    await sleep(1000);
    expect(closes).toHaveLength(1);
    expect(store.arrivals).toHaveLength(1);
  });
});
