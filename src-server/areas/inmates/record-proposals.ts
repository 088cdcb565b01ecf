// R17.2: a suspension proposal reaches the store as an entry of a terminal's verified audit
// chain (call.suspensionProposed). It becomes a proposal row only when it can be one: the
// visit exists, the terminal is the prison-side terminal of that visit (the relatives' side
// and every other site have no say), and that terminal's chain shows the call started
// before the proposal. Anything else stays in the chain as it was sent, is not a proposal,
// and raises an alarm for the province. Called inside the ingest transaction.
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../db/schema';
import type { Engine } from '../../db/connect';
import { newId } from '../../ids';
import { raiseAlarm } from '../alarms/raise-alarm';
import { chainShowsCallStarted } from '../sync/call-started';

export const SUSPENSION_PROPOSED = 'call.suspensionProposed';

const text = (max: number) => z.string().max(max);
const payloadSchema = z.object({
  visitId: z.uuid(),
  months: z.number().int().min(1).max(3),
  code: text(20).nullable().optional(),
  reason: text(500).nullable().optional(),
  note: text(500).optional(),
  operator: text(100).optional(),
  supervisors: z.array(text(100)).max(10).optional(),
});

interface ChainEntry {
  readonly terminal_id: string;
  readonly chain_id: string;
  readonly seq: number;
  readonly at: string;
  readonly kind: string;
  readonly payload: string;
}

type Refusal = { code: string; message: string };

/** Lookups shared by the entries of one batch (a flood of entries costs a few queries, not a few per entry). */
class BatchLookups {
  private readonly visits = new Map<string, { room_id: string; inmate_id: string } | null>();
  private readonly rooms = new Map<string, string | null>();
  private readonly started = new Set<string>();
  readonly alarmed = new Set<string>();

  constructor(
    private readonly trx: Kysely<Database>,
    private readonly engine: Engine,
  ) {}

  async visit(id: string) {
    if (!this.visits.has(id))
      this.visits.set(
        id,
        (await this.trx.selectFrom('visits').select(['room_id', 'inmate_id']).where('id', '=', id).executeTakeFirst()) ?? null,
      );
    return this.visits.get(id) ?? null;
  }

  async roomOf(terminalId: string) {
    if (!this.rooms.has(terminalId))
      this.rooms.set(
        terminalId,
        (await this.trx.selectFrom('terminals').select('room_id').where('id', '=', terminalId).executeTakeFirst())?.room_id ??
          null,
      );
    return this.rooms.get(terminalId) ?? null;
  }

  /** A start found before one entry of a chain is before every later entry of it too. */
  async callStarted(e: ChainEntry, visitId: string) {
    const key = `${e.terminal_id} ${e.chain_id} ${visitId}`;
    if (this.started.has(key)) return true;
    const found = await chainShowsCallStarted(this.trx, this.engine, e.terminal_id, visitId, { chainId: e.chain_id, seq: e.seq });
    if (found) this.started.add(key);
    return found;
  }
}

async function refusalOf(look: BatchLookups, e: ChainEntry, visitId: string): Promise<Refusal | { inmateId: string }> {
  const visit = await look.visit(visitId);
  if (!visit) return { code: 'UNKNOWN_VISIT', message: '停止会见建议所指的会见不存在' };
  if ((await look.roomOf(e.terminal_id)) !== visit.room_id) {
    return { code: 'NOT_PRISON_SIDE', message: '停止会见建议只能由该次会见的监狱端终端提出（R17.2），本终端不是' };
  }
  if (!(await look.callStarted(e, visitId))) {
    return { code: 'CALL_NOT_STARTED', message: '该次会见在本终端尚未开始，不能提出停止会见建议（R17.2）' };
  }
  return { inmateId: visit.inmate_id };
}

export async function recordSuspensionProposals(
  trx: Kysely<Database>,
  engine: Engine,
  entries: readonly ChainEntry[],
  now: string,
): Promise<void> {
  const look = new BatchLookups(trx, engine);
  for (const e of entries) {
    if (e.kind !== SUSPENSION_PROPOSED) continue;
    let raw: unknown;
    try {
      raw = JSON.parse(e.payload);
    } catch {
      raw = null;
    }
    const parsed = payloadSchema.safeParse(raw);
    const visitId = parsed.success ? parsed.data.visitId : null;
    const checked: Refusal | { inmateId: string } =
      parsed.success && visitId !== null
        ? await refusalOf(look, e, visitId)
        : {
            code: 'MALFORMED',
            message: `停止会见建议内容不完整或格式错误（${parsed.error?.issues[0]?.path.join('.') ?? 'payload'}）`,
          };
    if ('code' in checked) {
      const key = `${checked.code} ${visitId ?? ''}`;
      if (look.alarmed.has(key)) continue;
      look.alarmed.add(key);
      await raiseAlarm(trx, now, {
        kind: 'suspension-proposal-refused',
        code: checked.code,
        message: checked.message,
        terminalId: e.terminal_id,
        visitId,
        detail: { chainId: e.chain_id, seq: e.seq, at: e.at },
      });
      continue;
    }
    const p = parsed.data;
    if (p === undefined) continue;
    await trx
      .insertInto('suspension_proposals')
      .values({
        id: newId(),
        terminal_id: e.terminal_id,
        chain_id: e.chain_id,
        seq: e.seq,
        visit_id: p.visitId,
        inmate_id: checked.inmateId,
        at: e.at,
        received_at: now,
        months: p.months,
        code: p.code ?? null,
        reason: p.reason ?? null,
        note: p.note ?? '',
        operator: p.operator ?? '',
        supervisors: JSON.stringify(p.supervisors ?? []),
      })
      .onConflict((oc) => oc.columns(['terminal_id', 'chain_id', 'seq']).doNothing())
      .execute();
  }
}
