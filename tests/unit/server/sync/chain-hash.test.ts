// The central store hashes terminal audit events exactly as the terminal does (R26.1).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hashAuditEvent } from '../../../../src-main/audit/audit-log';
import { canonicalJson } from '../../../../src-shared/audit/canonical-json';
import { chainEventBody, chainEventHash, payloadOfChainEventBody } from '../../../../src-server/areas/audit/chain-hash';

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
});
