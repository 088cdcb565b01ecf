// The terminal audit chain's hash, computed exactly as the terminal does
// (src-main/audit/audit-log.ts):
//   hash = SHA-256( prevHash ‖ canonical_json({terminalId, seq, at, kind, actor, payload}) )
// prevHash as lowercase hex (GENESIS_HASH before seq 1), ‖ plain string
// concatenation hashed as UTF-8, canonical JSON from src-shared — the one function both sides use.
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../../src-shared/audit/canonical-json';

export const GENESIS_HASH = '0'.repeat(64);

export interface ChainEventFields {
  terminalId: string;
  seq: number;
  at: string;
  kind: string;
  actor: string;
  payload: unknown;
}

/** The canonical JSON that is hashed (after prevHash). */
export function chainEventBody(event: ChainEventFields): string {
  return canonicalJson({
    terminalId: event.terminalId,
    seq: event.seq,
    at: event.at,
    kind: event.kind,
    actor: event.actor,
    payload: event.payload,
  });
}

export const sha256OfChainLink = (prevHash: string, body: string): string =>
  createHash('sha256')
    .update(prevHash + body, 'utf8')
    .digest('hex');

export function chainEventHash(prevHash: string, event: ChainEventFields): string {
  return sha256OfChainLink(prevHash, chainEventBody(event));
}

/**
 * The payload's canonical JSON, cut out of the body instead of computed twice:
 * keys sort as actor, at, kind, payload, seq, terminalId, so the payload runs
 * from the first `,"payload":` (the strings before it are escaped and cannot
 * contain one) to the last `,"seq":` (only a number and a UUID follow it).
 */
export function payloadOfChainEventBody(body: string): string {
  const start = body.indexOf(',"payload":');
  const end = body.lastIndexOf(',"seq":');
  if (start < 0 || end < start) throw new Error('not a chain event body');
  return body.slice(start + ',"payload":'.length, end);
}
