// probe 15 (bounded WebSocket fuzz): fast-check messages from an enrolled terminal to the
// real store on 127.0.0.1, one at a time, each awaited: malformed (non-JSON, binary, wrong
// types, unknown types), oversized, deeply nested, prototype-polluting and mutated real
// signals; then a flood. Each must get exactly one answer (an error, a pong, a close with a
// code) or be relayed, and what reaches the other terminal must pass the shared envelope
// schema. Afterwards /health answers and a real signal still relays. Counts are printed.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { CLOSE } from '../../../../src-shared/signaling/protocol';
import type { ServerMessage } from '../../../../src-shared/signaling/protocol';
import { peerEnvelopeSchema } from '../../../../src-shared/signaling/peer-envelope';
import { ENGINES } from '../../../../harness/store/databases';
import type { TestStore } from '../../../../harness/store/store';
import { buildWorld } from '../../../../harness/store/world';
import { enrolTerminal, insertVisit } from '../../../../harness/store/sync-helpers';
import type { EnrolledTerminal } from '../../../../harness/store/sync-helpers';
import { candidateSignal, connectPeer, offerSignal, startSignalingStore } from './signal-helpers';
import type { TestPeer } from './signal-helpers';

const MAX_MESSAGE_BYTES = 64 * 1024;
const RUNS = 300;
const FLOOD = 300;

type Frame = { text: string } | { binary: Uint8Array };

const control = {
  type: 'warn',
  code: 'R17.1',
  text: '请注意言行',
  by: { name: '张三', site: '甲监狱' },
  at: '2026-03-02T01:00:00.000Z',
};
const validMessages: unknown[] = [
  { type: 'signal', data: candidateSignal(1) },
  { type: 'signal', data: offerSignal(2) },
  { type: 'signal', data: { kind: 'rtc', generation: 1, data: { type: 'answer', sdp: 'v=0\r\n' } } },
  { type: 'signal', data: { kind: 'rtc', generation: 2, data: { type: 'renegotiate', renegotiate: true } } },
  {
    type: 'signal',
    data: {
      kind: 'rtc',
      generation: 2,
      data: { type: 'transceiverRequest', transceiverRequest: { kind: 'video', init: { direction: 'recvonly' } } },
    },
  },
  { type: 'signal', data: { kind: 'control', control } },
  { type: 'ready' },
  { type: 'ping', id: 1 },
];

const nest = (depth: number, open: string, close: string, inner: string) => open.repeat(depth) + inner + close.repeat(depth);
const wrap = (data: string) => `{"type":"signal","data":{"kind":"rtc","generation":1,"data":${data}}}`;

/** A JSON path into a value, and the value with something else put there. */
function mutate(value: unknown, choose: number, replacement: unknown): unknown {
  const copy = JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
  const holders: Record<string, unknown>[] = [];
  const walk = (v: unknown) => {
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      holders.push(v as Record<string, unknown>);
      for (const child of Object.values(v)) walk(child);
    }
  };
  walk(copy);
  const holder = holders[choose % holders.length] as Record<string, unknown>;
  const keys = Object.keys(holder);
  const key = keys[choose % keys.length] ?? 'x';
  holder[key] = replacement;
  return copy;
}

const frameArb: fc.Arbitrary<{ kind: string; frame: Frame }> = fc.oneof(
  // Not JSON at all.
  fc
    .string({ maxLength: 200 })
    .filter((s) => {
      try {
        JSON.parse(s);
        return false;
      } catch {
        return true;
      }
    })
    .map((s) => ({ kind: 'non-json', frame: { text: s } })),
  fc.uint8Array({ minLength: 1, maxLength: 300 }).map((b) => ({ kind: 'binary', frame: { binary: b } })),
  // JSON, but not a message: any value, unknown types, known types with anything inside.
  fc.jsonValue({ maxDepth: 4 }).map((v) => ({ kind: 'json-value', frame: { text: JSON.stringify(v) } })),
  fc
    .record({ type: fc.string({ maxLength: 20 }), data: fc.jsonValue({ maxDepth: 3 }) })
    .map((v) => ({ kind: 'unknown-type', frame: { text: JSON.stringify(v) } })),
  fc
    .record({
      type: fc.constantFrom('signal', 'ping', 'outcome'),
      data: fc.jsonValue({ maxDepth: 3 }),
      id: fc.jsonValue({ maxDepth: 2 }),
      outcome: fc.string({ maxLength: 5 }),
    })
    .map((v) => ({ kind: 'wrong-types', frame: { text: JSON.stringify(v) } })),
  // A real message with one field replaced by anything.
  fc
    .tuple(fc.constantFrom(...validMessages), fc.nat(), fc.jsonValue({ maxDepth: 3 }))
    .map(([m, n, r]) => ({ kind: 'mutated', frame: { text: JSON.stringify(mutate(m, n, r)) } })),
  // Real messages, to show they still pass among the rest.
  fc.constantFrom(...validMessages).map((m) => ({ kind: 'valid', frame: { text: JSON.stringify(m) } })),
  // Deep: arrays or objects, as data, as the WebRTC part, or as the whole message.
  fc.tuple(fc.integer({ min: 11, max: 7000 }), fc.constantFrom('array', 'object', 'whole')).map(([depth, shape]) => ({
    kind: 'deep',
    frame: {
      text:
        shape === 'array'
          ? wrap(nest(depth, '[', ']', '1'))
          : shape === 'object'
            ? wrap(nest(depth, '{"a":', '}', '1'))
            : nest(depth, '[', ']', ''),
    },
  })),
  // Prototype pollution in every place a key can go.
  fc
    .constantFrom(
      wrap('{"type":"offer","sdp":"v=0","__proto__":{"polluted":true}}'),
      '{"type":"signal","__proto__":{"data":{"kind":"control"}},"data":{"kind":"control","control":{"type":"reattach"}}}',
      '{"type":"ready","constructor":{"prototype":{"polluted":true}}}',
      '{"__proto__":{"type":"ready"}}',
      '{"type":"signal","data":{"kind":"rtc","generation":1,"data":{"type":"candidate","candidate":{"candidate":"","__proto__":{"polluted":true}}}}}',
      '{"type":"signal","data":{"kind":"control","control":{"type":"hold","by":{"name":"a","site":"b","constructor":{"prototype":{"polluted":true}}},"at":"t"}}}',
    )
    .map((text) => ({ kind: 'prototype', frame: { text } })),
  // Numbers JSON.parse turns into Infinity, or SDP/candidates over their limits.
  fc
    .constantFrom(
      '{"type":"ping","id":1e999}',
      '{"type":"signal","data":{"kind":"rtc","generation":1e999,"data":{"type":"renegotiate","renegotiate":true}}}',
      '{"type":"signal","data":{"kind":"control","control":{"type":"clock","elapsedMs":1e999,"allowedMs":-1e999}}}',
      wrap(`{"type":"candidate","candidate":{"candidate":"${'c'.repeat(2000)}","sdpMid":"0","sdpMLineIndex":0}}`),
      wrap(`{"type":"offer","sdp":"${'s'.repeat(50_000)}"}`),
    )
    .map((text) => ({ kind: 'limits', frame: { text } })),
  // Larger than the socket's limit: the sender is closed (1009).
  fc
    .integer({ min: MAX_MESSAGE_BYTES + 1, max: 2 * MAX_MESSAGE_BYTES })
    .map((n) => ({ kind: 'oversized', frame: { text: wrap(`{"type":"offer","sdp":"${'o'.repeat(n)}"}`) } })),
);

describe.each(ENGINES)('probe 15: bounded WebSocket fuzz of the signaling relay [%s]', (engine) => {
  let store: TestStore;
  let prison: EnrolledTerminal;
  let bureau: EnrolledTerminal;
  let visitId: string;
  const sockets: TestPeer[] = [];

  const join = async (terminal: EnrolledTerminal) => {
    const peer = connectPeer(store.url, visitId, { token: terminal.token });
    sockets.push(peer);
    await peer.next((m) => m.type === 'welcome');
    return peer;
  };

  beforeAll(async () => {
    store = await startSignalingStore(engine, { maxMessageBytes: MAX_MESSAGE_BYTES, heartbeatMs: 5_000 });
    const w = await buildWorld(store);
    prison = await enrolTerminal(store, w.tokens.prisonAAdmin, w.prisonA.roomId);
    bureau = await enrolTerminal(store, w.tokens.bureauAAdmin, w.bureauA.roomId);
    visitId = await insertVisit(store.app.ctx.db, { roomId: w.prisonA.roomId, remoteRoomId: w.bureauA.roomId });
  });
  afterAll(async () => {
    for (const s of sockets) s.ws.terminate();
    await store?.stop();
  });

  it('every bad message is answered or closes its socket with a code; only valid envelopes reach the peer; the store stays up', async () => {
    const started = Date.now();
    const counts = {
      tried: 0,
      errors: 0,
      pongs: 0,
      closed: 0,
      relayed: 0,
      relayedInvalid: 0,
      unanswered: 0,
      flood: 0,
      floodErrors: 0,
    };
    const byKind: Record<string, number> = {};
    const closeCodes: Record<string, number> = {};
    const relayedRaw: string[] = [];
    let a = await join(prison);
    const b = await join(bureau);
    await a.next((m) => m.type === 'presence' && m.state === 'joined').catch(() => null);
    b.ws.on('message', (data) => relayedRaw.push(data.toString()));

    const outcomeOf = async (
      peer: TestPeer,
      fromA: number,
      fromB: number,
    ): Promise<'error' | 'pong' | 'relayed' | 'closed' | 'none'> => {
      const deadline = Date.now() + 2000;
      let closed = false;
      void peer.closed.then(() => (closed = true));
      for (;;) {
        const newA = peer.messages.slice(fromA);
        const newB = b.messages.slice(fromB).filter((m) => m.type !== 'presence');
        if (newA.some((m) => m.type === 'error')) return 'error';
        if (newA.some((m) => m.type === 'pong')) return 'pong';
        if (newB.length > 0) return 'relayed';
        if (closed) return 'closed';
        if (Date.now() > deadline) return 'none';
        await new Promise((r) => setTimeout(r, 2));
      }
    };

    await fc.assert(
      fc.asyncProperty(frameArb, async ({ kind, frame }) => {
        counts.tried += 1;
        byKind[kind] = (byKind[kind] ?? 0) + 1;
        const fromA = a.messages.length;
        const fromB = b.messages.length;
        if ('binary' in frame) a.ws.send(frame.binary, { binary: true });
        else a.ws.send(frame.text);
        const outcome = await outcomeOf(a, fromA, fromB);
        if (outcome === 'none') counts.unanswered += 1;
        if (outcome === 'error') counts.errors += 1;
        if (outcome === 'pong') counts.pongs += 1;
        if (outcome === 'relayed') {
          counts.relayed += 1;
          for (const m of b.messages.slice(fromB)) {
            if (m.type === 'signal' && !peerEnvelopeSchema.safeParse(m.data).success) counts.relayedInvalid += 1;
          }
        }
        if (outcome === 'closed') {
          counts.closed += 1;
          const { code } = await a.closed;
          closeCodes[String(code)] = (closeCodes[String(code)] ?? 0) + 1;
          a = await join(prison);
        }
        // Only real messages may be relayed; the rest must be refused.
        if (kind !== 'valid' && kind !== 'mutated')
          expect(outcome, `${kind}: ${'text' in frame ? frame.text.slice(0, 120) : 'binary'}`).not.toBe('relayed');
        expect(outcome, `${kind} got no answer`).not.toBe('none');
      }),
      { numRuns: RUNS, seed: 15_2026, endOnFailure: true },
    );

    // A flood: garbage as fast as the socket takes it; every one is answered (or the socket is closed with a code).
    const floodFrom = a.messages.length;
    for (let i = 0; i < FLOOD; i++)
      a.ws.send(i % 3 === 0 ? `{"type":"signal","data":${nest(50, '[', ']', '')}}` : i % 3 === 1 ? 'nope' : '{"type":"pong"}');
    counts.flood = FLOOD;
    const floodDeadline = Date.now() + 10_000;
    while (
      a.messages.slice(floodFrom).filter((m) => m.type === 'error').length < FLOOD &&
      a.ws.readyState === WebSocket.OPEN &&
      Date.now() < floodDeadline
    ) {
      await new Promise((r) => setTimeout(r, 10));
    }
    counts.floodErrors = a.messages.slice(floodFrom).filter((m) => m.type === 'error').length;
    expect(counts.floodErrors === FLOOD || a.ws.readyState !== WebSocket.OPEN).toBe(true);

    // Still up: /health, and a real signal between two fresh sockets.
    expect((await store.call('GET', '/health')).status).toBe(200);
    for (const s of sockets.splice(0)) s.ws.terminate();
    await new Promise((r) => setTimeout(r, 50));
    const a2 = await join(prison);
    const b2 = await join(bureau);
    a2.send({ type: 'signal', data: candidateSignal(99) });
    expect(await b2.next((m: ServerMessage) => m.type === 'signal')).toEqual({
      type: 'signal',
      from: 'inmate',
      data: candidateSignal(99),
    });

    expect(counts.relayedInvalid).toBe(0);
    expect(counts.unanswered).toBe(0);
    expect(relayedRaw.some((raw) => raw.includes('__proto__') || raw.includes('constructor'))).toBe(false);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(
      Object.keys(closeCodes).every((code) => [CLOSE.TOO_BIG, CLOSE.TRY_AGAIN_LATER].includes(Number(code) as 1009 | 1013)),
    ).toBe(true);
    console.log(`[signaling-fuzz ${engine}] ${JSON.stringify({ ...counts, byKind, closeCodes, ms: Date.now() - started })}`);
  }, 60_000);
});
