// probe 15.1: one enrolled terminal's `signal` whose data is a 12 KB array nested 6,000
// deep used to throw inside the store's ws message handler (JSON.stringify overflowed
// the stack) and end the whole process. The store runs in a child process here, so
// such a crash shows as a dead child instead of taking the test runner down.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startChild } from '../../../../harness/sync/child-process';
import type { Child } from '../../../../harness/sync/child-process';
import { candidateSignal, connectPeer } from './signal-helpers';
import type { TestPeer } from './signal-helpers';

interface Ready {
  url: string;
  prison: string;
  bureau: string;
  visitId: string;
  dataDir: string;
}

const DEPTH = 6000;

describe('probe 15.1: a 6,000-deep signal does not stop the store', () => {
  let child: Child<Ready>;
  const peers: TestPeer[] = [];

  beforeAll(async () => {
    child = await startChild<Ready>(path.join(__dirname, 'store-child.ts'), []);
  }, 90_000);
  afterAll(async () => {
    for (const p of peers) p.ws.terminate();
    await child?.kill();
    if (child?.ready.dataDir) fs.rmSync(child.ready.dataDir, { recursive: true, force: true });
  });

  it('the sender is told BAD_MESSAGE naming the depth, the peer gets nothing, the process lives and still relays', async () => {
    const { url, visitId } = child.ready;
    const a = connectPeer(url, visitId, { token: child.ready.prison });
    const b = connectPeer(url, visitId, { token: child.ready.bureau });
    peers.push(a, b);
    await a.next((m) => m.type === 'welcome', 10_000);
    await b.next((m) => m.type === 'welcome', 10_000);

    const deep = `{"type":"signal","data":${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}}`;
    expect(deep.length).toBeGreaterThan(12_000);
    a.send(deep);
    // The same inside a well-formed envelope, where a schema that let `data` through would have to walk it.
    a.send(`{"type":"signal","data":{"kind":"rtc","generation":1,"data":${'{"x":'.repeat(DEPTH)}1${'}'.repeat(DEPTH)}}}`);

    // On the old code the process had exited by now (RangeError in the message handler).
    await new Promise((r) => setTimeout(r, 300));
    expect(child.process.exitCode, 'the store process exited').toBeNull();
    const first = await a.next((m) => m.type === 'error', 5000);
    expect(first).toMatchObject({ type: 'error', code: 'BAD_MESSAGE', message: expect.stringContaining('嵌套过深') });
    expect(await a.next((m) => m.type === 'error', 5000)).toMatchObject({ code: 'BAD_MESSAGE' });

    // Still alive: the process, /health, and the relay between the two terminals.
    await new Promise((r) => setTimeout(r, 200));
    expect(child.process.exitCode).toBeNull();
    expect((await fetch(`${url}/health`)).status).toBe(200);
    expect(a.ws.readyState).toBe(WebSocket.OPEN);
    a.send({ type: 'signal', data: candidateSignal(7) });
    expect(await b.next((m) => m.type === 'signal', 5000)).toEqual({ type: 'signal', from: 'inmate', data: candidateSignal(7) });
    expect(b.messages.filter((m) => m.type === 'signal')).toHaveLength(1);
  }, 30_000);
});
