// The terminal audit chain's hash, computed exactly as the terminal does
// (src-main/audit/audit-log.ts):
//   hash = SHA-256( prevHash ‖ canonical_json({terminalId, seq, at, kind, actor, payload}) )
// prevHash as lowercase hex (GENESIS_HASH before seq 1), ‖ plain string
// concatenation hashed as UTF-8, canonical JSON from src-shared — the one function both sides use.
import { createHash, hash } from 'node:crypto';
import { canonicalJson, canonicalJsonAt } from '../../../src-shared/audit/canonical-json';

export const GENESIS_HASH = '0'.repeat(64);

export interface ChainEventFields {
  terminalId: string;
  seq: number;
  at: string;
  kind: string;
  actor: string;
  payload: unknown;
}

/**
 * The canonical JSON that is hashed (after prevHash) and, cut out of it, the payload's own
 * canonical JSON (what terminal_events.payload stores).
 */
export function chainEventParts(event: ChainEventFields): { body: string; payload: string } {
  const parts = writtenInOrder(event);
  if (parts !== null) return parts;
  const body = chainEventBodyOf(event);
  return { body, payload: payloadOfChainEventBody(body) };
}

/** The canonical JSON that is hashed (after prevHash). */
export function chainEventBody(event: ChainEventFields): string {
  return writtenInOrder(event)?.body ?? chainEventBodyOf(event);
}

/**
 * The keys sort as actor, at, kind, payload, seq, terminalId, so the body is written in that
 * order around the payload, which is written once (issue 22.4: no sort of the six keys, no
 * second pass to cut the payload out). null for a field canonicalJson would treat otherwise
 * (an undefined actor is left out, a non-finite seq refused): canonicalJson of the whole
 * object decides those.
 */
function writtenInOrder(event: ChainEventFields): { body: string; payload: string } | null {
  const { terminalId, seq, at, kind, actor, payload } = event;
  const plain =
    typeof terminalId === 'string' &&
    typeof at === 'string' &&
    typeof kind === 'string' &&
    typeof actor === 'string' &&
    typeof seq === 'number' &&
    Number.isFinite(seq) &&
    payload !== undefined;
  if (!plain) return null;
  // Depth 1 and `$.payload`: the same limits and error places as inside the whole object.
  const canonicalPayload = canonicalJsonAt(payload, '$.payload', 1);
  const body =
    `{"actor":${JSON.stringify(actor)},"at":${JSON.stringify(at)},"kind":${JSON.stringify(kind)},` +
    `"payload":${canonicalPayload},"seq":${JSON.stringify(seq)},"terminalId":${JSON.stringify(terminalId)}}`;
  return { body, payload: canonicalPayload };
}

function chainEventBodyOf(event: ChainEventFields): string {
  return canonicalJson({
    terminalId: event.terminalId,
    seq: event.seq,
    at: event.at,
    kind: event.kind,
    actor: event.actor,
    payload: event.payload,
  });
}

/** One-shot SHA-256 where Node has it (20.12+; about twice as fast for a short input), else a Hash object. */
const sha256Hex: (data: string) => string =
  typeof hash === 'function'
    ? (data) => hash('sha256', data, 'hex')
    : (data) => createHash('sha256').update(data, 'utf8').digest('hex');

export const sha256OfChainLink = (prevHash: string, body: string): string => sha256Hex(prevHash + body);

export function chainEventHash(prevHash: string, event: ChainEventFields): string {
  return sha256OfChainLink(prevHash, chainEventBody(event));
}

/**
 * The payload's canonical JSON, cut out of the body:
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
