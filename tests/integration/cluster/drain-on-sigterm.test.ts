// Issue #20 item 3: a store node (`src-server/main.ts`, a real process through tsx) drains on
// SIGTERM. /ready says not-ready at once while the node still serves; after the notice the
// listener takes no new connection, the signaling sockets are closed with 4503 (reconnect at
// once) and the terminals find each other again through the other node; a request whose body
// is still arriving finishes; the process exits 0.
import { spawn } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFreshDatabase } from '../../../harness/store/databases';
import type { FreshDatabase } from '../../../harness/store/databases';
import { ADMIN_PASSWORD, ADMIN_USERNAME } from '../../../harness/store/store';
import type { TestStore } from '../../../harness/store/store';
import { buildWorld } from '../../../harness/store/world';
import type { World } from '../../../harness/store/world';
import { enrolTerminal, insertVisit } from '../../../harness/store/sync-helpers';
import { CLOSE } from '../../../src-shared/signaling/protocol';
import { candidateSignal, connectPeer, startSignalingNode } from '../server/signaling/signal-helpers';

const ROOT = path.resolve(__dirname, '../../..');
const NOTICE_MS = 1500;

interface Spawned {
  address: string;
  exited: Promise<number | null>;
  output: () => string;
  signal(s: NodeJS.Signals): void;
  kill(): void;
}

async function spawnNode(fresh: FreshDatabase): Promise<Spawned> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src-server/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: '0',
      DATA_DIR: fresh.dataDir,
      DATABASE_URL: fresh.url,
      LOG_LEVEL: 'info',
      DRAIN_NOTICE_MS: String(NOTICE_MS),
      DRAIN_GRACE_MS: '8000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const deadline = Date.now() + 60_000;
  let address: string | undefined;
  while (address === undefined) {
    address = /中心库已启动：(http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`store did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    address,
    exited,
    output: () => output,
    signal: (s) => child.kill(s),
    kill: () => {
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}

/** A login whose body is sent in two parts: in flight until `finish()`. */
function slowLogin(address: string, body: string) {
  const url = new URL('/api/auth/login', address);
  const bytes = Buffer.from(body);
  const req = http.request({
    host: url.hostname,
    port: url.port,
    path: url.pathname,
    method: 'POST',
    headers: { 'content-type': 'application/json', 'content-length': bytes.length },
  });
  const answered = new Promise<{ status: number; body: string }>((resolve, reject) => {
    req.on('response', (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
  });
  req.write(bytes.subarray(0, 10));
  return { answered, finish: () => req.end(bytes.subarray(10)) };
}

const refused = (address: string) =>
  fetch(`${address}/health`).then(
    () => false,
    () => true,
  );

describe('issue #20 item 3: a store node drains on SIGTERM', () => {
  let fresh: FreshDatabase;
  let other: TestStore;
  let w: World;
  let visitId: string;
  let prison: string;
  let bureau: string;

  beforeAll(async () => {
    fresh = await createFreshDatabase('postgres');
    // The node that stays (it creates the first administrator), on the real clock as the spawned node is.
    other = await startSignalingNode(fresh, { bus: 'postgres', heartbeatMs: 5000 }, () => new Date());
    w = await buildWorld(other);
    prison = (await enrolTerminal(other, w.tokens.prisonAAdmin, w.prisonA.roomId)).token;
    bureau = (await enrolTerminal(other, w.tokens.bureauAAdmin, w.bureauA.roomId)).token;
    visitId = await insertVisit(other.app.ctx.db, {
      roomId: w.prisonA.roomId,
      remoteRoomId: w.bureauA.roomId,
      date: '2026-03-02',
      startTime: '09:00',
    });
  }, 60_000);
  afterAll(async () => {
    await other?.stop();
    await fresh?.drop();
  });

  it('not-ready first, then no new connections, sockets told 4503, the request in flight finishes, exit 0', async () => {
    const node = await spawnNode(fresh);
    try {
      expect((await fetch(`${node.address}/ready`)).status).toBe(200);
      const a = connectPeer(node.address, visitId, { token: prison });
      await a.next((m) => m.type === 'welcome', 5000);
      const b = connectPeer(node.address, visitId, { token: bureau });
      await b.next((m) => m.type === 'welcome', 5000);
      await a.next((m) => m.type === 'presence' && m.state === 'joined', 3000);
      const login = slowLogin(node.address, JSON.stringify({ username: ADMIN_USERNAME, password: ADMIN_PASSWORD }));
      const aClosed = a.closed.then((c) => ({ ...c, at: Date.now() }));

      const termAt = Date.now();
      node.signal('SIGTERM');
      // Not ready at once, while still serving: the load balancer sees it and sends nothing more.
      let ready: Response | undefined;
      while (a.ws.readyState === a.ws.OPEN) {
        ready = await fetch(`${node.address}/ready`);
        if (ready.status === 503) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(ready?.status).toBe(503);
      expect(await ready?.json()).toMatchObject({ status: 'not-ready', message: '本节点正在停止' });
      expect((await fetch(`${node.address}/health`)).status).toBe(200);
      // Still serving, the sockets still open: the notice comes before anything closes.
      expect(a.ws.readyState).toBe(a.ws.OPEN);

      // After the notice: the sockets are told to reconnect at once, and the listener is shut.
      const closed = await aClosed;
      expect(closed.code).toBe(CLOSE.NODE_DRAINING);
      expect(closed.at - termAt).toBeGreaterThanOrEqual(NOTICE_MS - 50);
      expect((await b.closed).code).toBe(CLOSE.NODE_DRAINING);
      expect(await refused(node.address)).toBe(true);

      // Through the other node (as the load balancer would send them) the pair goes on.
      const a2 = connectPeer(other.url, visitId, { token: prison });
      await a2.next((m) => m.type === 'welcome', 5000);
      const b2 = connectPeer(other.url, visitId, { token: bureau });
      expect(await b2.next((m) => m.type === 'welcome', 5000)).toMatchObject({ peerPresent: true });
      a2.send({ type: 'signal', data: candidateSignal(7) });
      expect(await b2.next((m) => m.type === 'signal', 3000)).toMatchObject({ from: 'inmate', data: candidateSignal(7) });
      a2.ws.close();
      b2.ws.close();

      // The request that was arriving when SIGTERM came is answered in full.
      expect(node.output()).not.toContain('shutdown complete');
      login.finish();
      const answer = await login.answered;
      expect(answer.status, answer.body).toBe(200);
      expect(JSON.parse(answer.body)).toHaveProperty('token');
      const code = await node.exited;
      if (code !== 0) console.log(node.output());
      expect(code).toBe(0);
      expect(node.output()).toContain('"result":"drained"');
    } finally {
      node.kill();
    }
  }, 60_000);
});
