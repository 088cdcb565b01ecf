// What a terminal reported and the store refused, kept for the province (GET /api/alarms):
// a visit's outcome outside its window or before its call started, a suspension proposal
// from a terminal that is not the prison side of that visit, a recording's manifest not signed
// with the key its terminal enrolled with. Written in the caller's
// transaction, so an alarm and the chain entry that caused it are stored together. The same
// refusal repeated (a terminal re-sending its outcome after each reconnect) is one alarm.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { newId } from '../../ids';

export type AlarmKind = 'visit-outcome-refused' | 'suspension-proposal-refused' | 'manifest-signature-refused';

export interface Alarm {
  kind: AlarmKind;
  code: string;
  /** zh-CN, for the province's staff. */
  message: string;
  terminalId: string;
  visitId: string | null;
  detail: Record<string, unknown>;
}

export async function raiseAlarm(trx: Kysely<Database>, at: string, alarm: Alarm): Promise<void> {
  const repeat = await trx
    .selectFrom('alarms')
    .select('id')
    .where('kind', '=', alarm.kind)
    .where('code', '=', alarm.code)
    .where('terminal_id', '=', alarm.terminalId)
    .where('visit_id', alarm.visitId === null ? 'is' : '=', alarm.visitId)
    .executeTakeFirst();
  if (repeat) return;
  const room = await trx
    .selectFrom('terminals')
    .innerJoin('rooms', 'rooms.id', 'terminals.room_id')
    .select('rooms.organisation_id')
    .where('terminals.id', '=', alarm.terminalId)
    .executeTakeFirst();
  await trx
    .insertInto('alarms')
    .values({
      id: newId(),
      at,
      kind: alarm.kind,
      code: alarm.code,
      message: alarm.message,
      terminal_id: alarm.terminalId,
      organisation_id: room?.organisation_id ?? null,
      visit_id: alarm.visitId,
      detail: JSON.stringify(alarm.detail),
    })
    .execute();
}
