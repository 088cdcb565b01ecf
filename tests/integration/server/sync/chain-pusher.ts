// Pushes entries on terminals' audit chains as the terminal does (hashed with its own
// function, consecutive seqs from each terminal's head), for suites that need a chain to
// say something: a call started, a visit ended, a suspension proposed.
import { hashAuditEvent } from '../../../../src-main/audit/audit-log';
import type { TestStore } from '../../../../harness/store/store';
import { batch, GENESIS, type EnrolledTerminal } from '../../../../harness/store/sync-helpers';

export interface ChainEntryInput {
  kind: string;
  payload: Record<string, unknown>;
  /** The terminal's time of the entry; the store's clock when absent. */
  at?: string;
  actor?: string;
}

export class ChainPusher {
  private readonly heads = new Map<string, { seq: number; hash: string }>();

  constructor(private readonly store: TestStore) {}

  /** Pushes the entries as one batch; answers the store's reply. */
  async push(t: EnrolledTerminal, entries: readonly ChainEntryInput[]): Promise<{ status: number; body: unknown }> {
    const head = this.heads.get(t.terminalId) ?? { seq: 0, hash: GENESIS };
    let { seq, hash } = head;
    const events = entries.map((e) => {
      seq += 1;
      const fields = {
        terminalId: t.terminalId,
        seq,
        at: e.at ?? this.store.clock.now().toISOString(),
        kind: e.kind,
        actor: e.actor ?? 'system',
      };
      const next = hashAuditEvent(hash, { ...fields, payload: e.payload });
      const event = { ...fields, payload: e.payload, prevHash: hash, hash: next };
      hash = next;
      return event;
    });
    const res = await this.store.call('POST', '/api/sync/events', { token: t.token, body: batch(t.terminalId, events) });
    if (res.status === 200) this.heads.set(t.terminalId, { seq, hash });
    return res;
  }
}
