// The central store hashes terminal audit events exactly as the terminal does (R26.1).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hashAuditEvent } from '../../../../src-main/audit/audit-log';
import { CanonicalJsonError, canonicalJson } from '../../../../src-shared/audit/canonical-json';
import {
  chainEventBody,
  chainEventHash,
  chainEventParts,
  payloadOfChainEventBody,
} from '../../../../src-server/areas/audit/chain-hash';

const payloads = fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 6 });
const fields = fc.record({
  terminalId: fc.uuid(),
  seq: fc.integer({ min: 1, max: 2_000_000_000 }),
  at: fc.date({ min: new Date('2020-01-01'), max: new Date('2040-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
  kind: fc.constantFrom('visit.started', 'staff.login', 'recording.segmentSealed'),
  actor: fc.string({ minLength: 1, maxLength: 100 }),
});

describe('audit chain hash (server side)', () => {
  it("equals the terminal's hash for any event", () => {
    fc.assert(
      fc.property(fields, payloads, fc.stringMatching(/^[0-9a-f]{64}$/), (f, payload, prev) => {
        expect(chainEventHash(prev, { ...f, payload })).toBe(hashAuditEvent(prev, { ...f, payload }));
      }),
      { numRuns: 300 },
    );
  });

  it('cuts out exactly canonicalJson(payload), whatever the strings contain', () => {
    const tricky = fc.constantFrom(',"payload":', ',"seq":', '"}', '\\', '名字');
    fc.assert(
      fc.property(fields, payloads, tricky, (f, payload, s) => {
        const withTricks = { ...payload, [s]: { seq: s, payload: [s] } };
        const body = chainEventBody({ ...f, actor: f.actor + s, payload: withTricks });
        expect(payloadOfChainEventBody(body)).toBe(canonicalJson(withTricks));
      }),
      { numRuns: 300 },
    );
  });

  it('writes the body around the payload in key order: the same bytes as canonicalJson of the whole event (issue 22.4)', () => {
    fc.assert(
      fc.property(fields, payloads, (f, payload) => {
        const parts = chainEventParts({ ...f, payload });
        expect(parts.body).toBe(canonicalJson({ ...f, payload }));
        expect(parts.payload).toBe(canonicalJson(payload));
      }),
      { numRuns: 500 },
    );
  });

  it('a field canonicalJson leaves out or refuses is decided by canonicalJson of the whole event', () => {
    const f = { terminalId: 't', seq: 1, at: '2026-01-01T00:00:00.000Z', kind: 'visit.note', actor: 'system' };
    const withoutActor = { ...f, actor: undefined as unknown as string, payload: { a: 1 } };
    expect(chainEventBody(withoutActor)).toBe(canonicalJson(withoutActor));
    expect(chainEventParts(withoutActor).payload).toBe('{"a":1}');
    expect(() => chainEventBody({ ...f, seq: Number.NaN, payload: {} })).toThrow(CanonicalJsonError);
    // A refusal inside the payload names the place from the event's root, as before.
    let thrown: unknown;
    try {
      chainEventParts({ ...f, payload: { x: [1, Infinity] } });
    } catch (err) {
      thrown = err;
    }
    expect((thrown as CanonicalJsonError).at).toBe('$.payload.x[1]');
  });
});
