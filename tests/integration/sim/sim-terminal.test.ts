// R24.1; R27.1 for the refusals: two simulated terminals in Node complete a call
// through the real central store's signaling (127.0.0.1:0, real SQLite, real
// terminal tokens and admission) and each decodes the other's generated picture
// (told apart by its tint) and hears its tone.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { SimTerminal } from '../../../scripts/sim-terminal/sim-terminal';
import { buildWorld } from '../../../harness/store/world';
import type { TestStore } from '../../../harness/store/store';
import { startSignalingStore } from '../server/signaling/signal-helpers';
import { enrolTerminal, insertVisit } from '../../../harness/store/sync-helpers';

let store: TestStore;
let prisonToken: string;
let bureauToken: string;
let strangerToken: string;
let visitId: string;
const started: SimTerminal[] = [];

const PRISON_TINT = { u: 60, v: 200 };
const BUREAU_TINT = { u: 200, v: 60 };

function sim(token: string, tint: { u: number; v: number }): SimTerminal {
  const t = new SimTerminal({ endpoint: { url: store.url, token }, visitId, media: { tint, width: 320, height: 240, fps: 15 } });
  started.push(t);
  return t;
}

beforeAll(async () => {
  store = await startSignalingStore('sqlite', { heartbeatMs: 5_000 });
  const w = await buildWorld(store);
  prisonToken = (await enrolTerminal(store, w.tokens.prisonAAdmin, w.prisonA.roomId)).token;
  bureauToken = (await enrolTerminal(store, w.tokens.bureauAAdmin, w.bureauA.roomId)).token;
  strangerToken = (await enrolTerminal(store, w.tokens.bureauBAdmin, w.bureauB.roomId)).token;
  visitId = await insertVisit(store.app.ctx.db, { roomId: w.prisonA.roomId, remoteRoomId: w.bureauA.roomId });
}, 60_000);

afterAll(async () => {
  for (const t of started.splice(0)) t.stop();
  await store?.stop();
});

describe('R24.1 simulated terminals', () => {
  test("R24.1 two sim terminals join through the real signaling, connect, and each decodes the other's frames and audio", async () => {
    const prison = sim(prisonToken, PRISON_TINT);
    const bureau = sim(bureauToken, BUREAU_TINT);
    await prison.join();
    await bureau.join();
    const [p, b] = await Promise.all([prison.receivedFrames(10, 30_000), bureau.receivedFrames(10, 30_000)]);

    expect(p.side).toBe('inmate');
    expect(b.side).toBe('visitor');
    for (const f of [p, b]) {
      expect(f.bothReadyAt).not.toBeNull();
      expect(f.connectedAt).not.toBeNull();
      expect(f.firstFrame?.width).toBe(320);
      expect(f.firstFrame?.height).toBe(240);
      expect(f.errors).toEqual([]);
    }
    // Each sees the other's tint, not its own (codec rounding allowed).
    const near = (seen: { u: number; v: number } | undefined, want: { u: number; v: number }) => {
      expect(Math.abs((seen?.u ?? 0) - want.u)).toBeLessThanOrEqual(8);
      expect(Math.abs((seen?.v ?? 0) - want.v)).toBeLessThanOrEqual(8);
    };
    near(p.firstFrame?.tint, BUREAU_TINT);
    near(b.firstFrame?.tint, PRISON_TINT);
    // The tone arrives too (10 ms chunks).
    await expect
      .poll(() => Math.min(prison.snapshot().audioChunksReceived, bureau.snapshot().audioChunksReceived), { timeout: 10_000 })
      .toBeGreaterThan(20);
    prison.stop();
    bureau.stop();
  }, 60_000);

  test("R27.1 a terminal of neither room of the visit, or a bad token, is refused with the store's zh-CN reason and never connects", async () => {
    const stranger = sim(strangerToken, PRISON_TINT);
    await expect(stranger.join(5_000)).rejects.toThrow(/不属于该会见的会见室/);
    const forged = sim('not-a-real-token', PRISON_TINT);
    await expect(forged.join(5_000)).rejects.toThrow(/登录凭证/);
    for (const t of [stranger, forged]) {
      expect(t.snapshot().joinedAt).toBeNull();
      t.stop();
    }
  }, 20_000);
});
