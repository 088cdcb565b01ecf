// probe 15.1 (terminal side): main's signaling client against a hostile store (a real ws
// server on 127.0.0.1 playing the store, or a peer abusing it). Every message is checked
// with the shared schemas before main sees it; a handler that throws closes that socket,
// which rejoins, and never reaches main's event loop.
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, test } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { SignalingClient, type SignalingProblem } from '../../../../src-main/call/signaling-client';
import { CLOSE, type ServerMessage } from '../../../../src-shared/signaling/protocol';

const VISIT = '6f1c1b8e-3f43-4c59-9b52-2a4a0c0f8a11';
const welcome = { type: 'welcome', visitId: VISIT, side: 'visitor', peerPresent: true };
const goodSignal = {
  type: 'signal',
  from: 'inmate',
  data: {
    kind: 'rtc',
    generation: 1,
    data: {
      type: 'candidate',
      candidate: { candidate: 'candidate:1 1 udp 2122260223 192.0.2.1 50000 typ host', sdpMid: '0', sdpMLineIndex: 0 },
    },
  },
};
const DEPTH = 6000;

/** What a hostile store (or a peer through a careless one) might send. */
const HOSTILE: (string | Buffer)[] = [
  `{"type":"signal","from":"inmate","data":${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}}`,
  `{"type":"signal","from":"inmate","data":{"kind":"rtc","generation":1,"data":${'{"a":'.repeat(DEPTH)}1${'}'.repeat(DEPTH)}}}`,
  '{"type":"signal","from":"inmate","data":{"kind":"rtc","generation":1,"data":{"type":"offer","sdp":"v=0","__proto__":{"polluted":true}}}}',
  '{"type":"signal","from":"inmate","data":{"kind":"rtc","generation":1,"data":"just a string"}}',
  '{"type":"signal","from":"inmate","data":{"kind":"control","control":{"type":"extend","minutes":1e999,"approvalRef":"x","by":{"name":"a","site":"b"},"at":"t"}}}',
  `{"type":"signal","from":"inmate","data":{"kind":"rtc","generation":1,"data":{"type":"offer","sdp":"${'x'.repeat(60_000)}"}}}`,
  '{"type":"error","code":"BAD_MESSAGE","message":"' + 'y'.repeat(5000) + '"}',
  '{"type":"teleport"}',
  '{not json',
  Buffer.from([0xde, 0xad, 0xbe, 0xef]),
];

interface FakeStore {
  wss: WebSocketServer;
  url: string;
  connections: WebSocket[];
  closeCodes: number[];
}

async function fakeStore(onConnection: (ws: WebSocket, n: number) => void): Promise<FakeStore> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, handleProtocols: (p) => [...p][0] ?? false });
  await once(wss, 'listening');
  const store: FakeStore = {
    wss,
    url: `http://127.0.0.1:${(wss.address() as AddressInfo).port}`,
    connections: [],
    closeCodes: [],
  };
  wss.on('connection', (ws) => {
    store.connections.push(ws);
    ws.on('close', (code) => store.closeCodes.push(code));
    onConnection(ws, store.connections.length);
  });
  return store;
}

const until = async (check: () => boolean, ms = 3000) => {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe("probe 15.1: the terminal's signaling client against a hostile store", () => {
  const cleanup: (() => void)[] = [];
  afterEach(() => {
    for (const c of cleanup.splice(0)) c();
  });

  test('deep, oversized, mistyped, polluting, non-JSON and binary messages are dropped; main sees only valid ones', async () => {
    const store = await fakeStore((ws) => {
      ws.send(JSON.stringify(welcome));
      for (const m of HOSTILE) ws.send(m, { binary: Buffer.isBuffer(m) });
      ws.send(JSON.stringify(goodSignal));
    });
    const seen: ServerMessage[] = [];
    const problems: SignalingProblem[] = [];
    const client = new SignalingClient({
      endpoint: { url: store.url, token: 't' },
      visitId: VISIT,
      onMessage: (m) => seen.push(m),
      onConnection: () => undefined,
      onProblem: (p) => problems.push(p),
    });
    cleanup.push(
      () => client.stop(),
      () => store.wss.close(),
    );
    client.start();
    await until(() => seen.some((m) => m.type === 'signal'));
    await new Promise((r) => setTimeout(r, 100));

    expect(seen.map((m) => m.type)).toEqual(['welcome', 'signal']);
    expect(seen[1]).toEqual(goodSignal);
    // Reported once per socket, not once per message (a flood must not flood the audit trail).
    expect(problems).toHaveLength(1);
    expect(problems[0]?.kind).toBe('dropped');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(store.connections).toHaveLength(1);
  });

  test("a handler that throws closes that socket (4500) and the client rejoins; main's process goes on", async () => {
    const store = await fakeStore((ws) => {
      ws.send(JSON.stringify(welcome));
      ws.send(JSON.stringify(goodSignal));
    });
    const problems: SignalingProblem[] = [];
    let signals = 0;
    const client = new SignalingClient({
      endpoint: { url: store.url, token: 't' },
      visitId: VISIT,
      backoff: { initialMs: 20, maxMs: 50 },
      onMessage: (m) => {
        if (m.type === 'signal' && ++signals === 1) throw new Error('handler bug');
      },
      onConnection: () => undefined,
      onProblem: (p) => problems.push(p),
    });
    cleanup.push(
      () => client.stop(),
      () => store.wss.close(),
    );
    client.start();
    await until(() => store.connections.length >= 2 && signals >= 2);
    expect(store.closeCodes[0]).toBe(CLOSE.INTERNAL);
    expect(problems).toEqual([{ kind: 'handler-failed', detail: 'Error: handler bug' }]);
  });

  test('a terminal revoked while connected (4410) stops for good', async () => {
    const store = await fakeStore((ws) => {
      ws.send(JSON.stringify(welcome));
      ws.close(CLOSE.REVOKED, '终端已被注销，连接已关闭');
    });
    const ups: { up: boolean; fatal: boolean; code?: number }[] = [];
    const client = new SignalingClient({
      endpoint: { url: store.url, token: 't' },
      visitId: VISIT,
      backoff: { initialMs: 10, maxMs: 20 },
      onMessage: () => undefined,
      onConnection: (up, d) => ups.push({ up, fatal: d.fatal, ...(d.code !== undefined ? { code: d.code } : {}) }),
    });
    cleanup.push(
      () => client.stop(),
      () => store.wss.close(),
    );
    client.start();
    await until(() => ups.length >= 2);
    await new Promise((r) => setTimeout(r, 150));
    expect(ups).toEqual([
      { up: true, fatal: false },
      { up: false, fatal: true, code: CLOSE.REVOKED },
    ]);
    expect(store.connections).toHaveLength(1);
  });
});
