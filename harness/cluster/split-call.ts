// #20 item 5: a visit whose two simulated terminals (scripts/sim-terminal) sit on different store
// nodes behind HAProxy, the media up peer to peer; and what tells when signaling is back after the
// prison side's node is killed. Shared by the node-failure tests.
import type { ServerMessage } from '../../src-shared/signaling/protocol';
import { SimTerminal } from '../../scripts/sim-terminal/sim-terminal';
import { enrolTerminal, insertVisit } from '../store/sync-helpers';
import type { ClusterWorld } from './cluster-world';
import type { StoreNode } from './store-node';

export interface Seen {
  at: number;
  m: ServerMessage;
}
export type Side = 'prison' | 'bureau';

export interface SplitCall {
  visitId: string;
  prison: SimTerminal;
  bureau: SimTerminal;
  /** The node holding the prison terminal's signaling. */
  prisonNode: StoreNode;
  seen: Record<Side, Seen[]>;
  /** Every terminal started (joins retried included), for the caller's cleanup. */
  sims: SimTerminal[];
}

/** The nodes holding sessions now (an open WebSocket, a running request). */
export async function busyNodes(world: ClusterWorld): Promise<StoreNode[]> {
  const servers = await world.cluster.haproxy.servers();
  return world.cluster.nodes.filter((n) => (servers[n.spec.name]?.current ?? 0) > 0 && n.running);
}

async function until(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Enrols both rooms' terminals, schedules the visit, joins them on two different nodes, waits for frames. */
export async function startSplitCall(world: ClusterWorld): Promise<SplitCall> {
  const { admin, w, cluster } = world;
  const prisonToken = (await enrolTerminal(admin, w.tokens.prisonAAdmin, w.prisonA.roomId)).token;
  const bureauToken = (await enrolTerminal(admin, w.tokens.bureauAAdmin, w.bureauA.roomId)).token;
  const visitId = await insertVisit(admin.app.ctx.db, {
    roomId: w.prisonA.roomId,
    remoteRoomId: w.bureauA.roomId,
    date: '2026-03-02',
    startTime: '09:00',
  });
  const seen: Record<Side, Seen[]> = { prison: [], bureau: [] };
  const sims: SimTerminal[] = [];
  const sim = (who: Side, token: string, tint: { u: number; v: number }) => {
    const s = new SimTerminal({
      endpoint: { url: cluster.url, token },
      visitId,
      media: { tint, width: 160, height: 120, fps: 10 },
      onServerMessage: (m) => seen[who].push({ at: Date.now(), m }),
    });
    sims.push(s);
    return s;
  };
  try {
    const prison = sim('prison', prisonToken, { u: 60, v: 200 });
    await prison.join();
    await until('the prison terminal on a node', async () => (await busyNodes(world)).length === 1, 5000);
    const [prisonNode] = await busyNodes(world);
    if (prisonNode === undefined) throw new Error('no node holds the prison terminal');
    // Round robin sends the next connection to another node; should it not, join again.
    let bureau = sim('bureau', bureauToken, { u: 200, v: 60 });
    await bureau.join();
    for (let attempt = 0; ; attempt += 1) {
      await until(
        'the prison node still holding its terminal',
        async () => ((await cluster.haproxy.servers())[prisonNode.spec.name]?.current ?? 0) > 0,
        5000,
      );
      if ((await busyNodes(world)).length === 2) break;
      if (attempt === 3) throw new Error('the two terminals never sat on different nodes');
      bureau.stop();
      bureau = sim('bureau', bureauToken, { u: 200, v: 60 });
      await bureau.join();
    }
    return { visitId, prison, bureau, prisonNode, seen, sims };
  } catch (err) {
    for (const s of sims) s.stop();
    throw err;
  }
}

/** When a message matching `match` first reached `who` at or after `since`. */
export const seenAfter = (call: SplitCall, who: Side, since: number, match: (m: ServerMessage) => boolean) =>
  call.seen[who].find((s) => s.at >= since && match(s.m))?.at;

/**
 * When signaling is whole again after the prison node's kill at `killedAt`: the prison side welcomed
 * through another node and each side has a `ready` from the other; undefined while it is not.
 */
export function signalingBackAt(call: SplitCall, killedAt: number): number | undefined {
  const marks = [
    seenAfter(call, 'prison', killedAt, (m) => m.type === 'welcome'),
    seenAfter(call, 'prison', killedAt, (m) => m.type === 'ready' && m.from === 'visitor'),
    seenAfter(call, 'bureau', killedAt, (m) => m.type === 'presence' && m.state === 'joined'),
    seenAfter(call, 'bureau', killedAt, (m) => m.type === 'ready' && m.from === 'inmate'),
  ];
  return marks.every((t) => t !== undefined) ? Math.max(...(marks as number[])) : undefined;
}
