// Shared by the sync and signaling suites: terminals enrolled through the API,
// visits in the `visits` table agreed with applications/scheduling (item 5),
// and audit chains hashed exactly as the terminal hashes them (src-main).
import type { Kysely } from 'kysely';
import { randomUUID } from 'node:crypto';
import { hashAuditEvent } from '../../src-main/audit/audit-log';
import type { Database, VisitStatus } from '../../src-server/db/schema';
import { nextChangeSeq } from '../../src-server/areas/sync/change-seq';
import type { TestStore } from './store';
import { insertApprovedVisit } from './approved-visit';

export const GENESIS = '0'.repeat(64);

export interface EnrolledTerminal {
  terminalId: string;
  roomId: string;
  token: string;
}

export async function enrolTerminal(
  store: Pick<TestStore, 'call'>,
  adminToken: string,
  roomId: string,
  /** The terminal's Ed25519 public key (PEM), as a current terminal sends it; none: an older release's enrolment. */
  publicKeyPem?: string,
): Promise<EnrolledTerminal> {
  const code = await store.call('POST', '/api/terminals/enrolment-codes', { token: adminToken, body: { roomId } });
  if (code.status !== 201) throw new Error(`enrolment code: ${code.status} ${JSON.stringify(code.body)}`);
  const enrolled = await store.call('POST', '/api/terminals/enrol', {
    body: { code: code.body.code, name: '会见终端', ...(publicKeyPem !== undefined ? { publicKeyPem } : {}) },
  });
  if (enrolled.status !== 201) throw new Error(`enrol: ${enrolled.status} ${JSON.stringify(enrolled.body)}`);
  const session = await store.call('POST', '/api/terminals/session', {
    body: { terminalId: enrolled.body.terminalId, secret: enrolled.body.secret },
  });
  if (session.status !== 200) throw new Error(`session: ${session.status}`);
  return { terminalId: enrolled.body.terminalId, roomId, token: session.body.token };
}

export interface VisitInput {
  roomId: string;
  remoteRoomId: string;
  date?: string;
  startTime?: string;
  minutes?: number;
  status?: VisitStatus;
}

/** The prison and ward a prison-side room belongs to (a room sits at a prison or in one of its wards). */
async function prisonOfRoom(db: Kysely<Database>, roomId: string): Promise<{ prisonId: string; wardId: string }> {
  const room = await db
    .selectFrom('rooms')
    .innerJoin('organisations', 'organisations.id', 'rooms.organisation_id')
    .select(['organisations.id', 'organisations.kind', 'organisations.parent_id'])
    .where('rooms.id', '=', roomId)
    .executeTakeFirstOrThrow();
  if (room.kind === 'ward' && room.parent_id !== null) return { prisonId: room.parent_id, wardId: room.id };
  const ward = await db
    .selectFrom('organisations')
    .select('id')
    .where('parent_id', '=', room.id)
    .where('kind', '=', 'ward')
    .executeTakeFirstOrThrow();
  return { prisonId: room.id, wardId: ward.id };
}

/**
 * A visit in item 5's `visits` table (migration 0004), written directly with
 * the parents its foreign keys need (an inmate, an approved application), and
 * with updated_seq from nextChangeSeq in the same transaction, as item 5 books.
 * Only the agreed columns (src-server/areas/sync/visit-feed.ts) matter to sync and signaling.
 */
export async function insertVisit(db: Kysely<Database>, input: VisitInput): Promise<string> {
  const id = randomUUID();
  const now = '2026-03-02T01:00:00.000Z';
  const { prisonId, wardId } = await prisonOfRoom(db, input.roomId);
  const remote = await db
    .selectFrom('rooms')
    .select('organisation_id')
    .where('id', '=', input.remoteRoomId)
    .executeTakeFirstOrThrow();
  const admin = await db.selectFrom('staff').select('id').orderBy('created_at').executeTakeFirstOrThrow();
  await db.transaction().execute(async (trx) => {
    await insertApprovedVisit(trx, {
      visitId: id,
      prisonId,
      wardId,
      partnerId: remote.organisation_id,
      createdBy: admin.id,
      roomId: input.roomId,
      remoteRoomId: input.remoteRoomId,
      date: input.date ?? '2026-03-10',
      startTime: input.startTime ?? '09:00',
      minutes: input.minutes ?? 30,
      status: input.status ?? 'scheduled',
      inmateNumber: `T${id.slice(0, 8)}`,
      inmateName: '测试罪犯',
      now,
      receivedOn: '2026-03-02',
    });
  });
  return id;
}

export async function updateVisitStatus(db: Kysely<Database>, id: string, status: VisitStatus): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('visits')
      .set({ status, updated_seq: await nextChangeSeq(trx) })
      .where('id', '=', id)
      .execute();
  });
}

export interface WireEvent {
  seq: number;
  at: string;
  kind: string;
  actor: string;
  payload: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

/** `count` events continuing a chain after (fromSeq - 1, prevHash), hashed by the terminal's own function. */
export function chainEvents(terminalId: string, fromSeq: number, count: number, prevHash = GENESIS): WireEvent[] {
  const events: WireEvent[] = [];
  let prev = prevHash;
  for (let i = 0; i < count; i++) {
    const seq = fromSeq + i;
    const fields = {
      terminalId,
      seq,
      at: new Date(Date.UTC(2026, 2, 2, 1, 0, seq)).toISOString(),
      kind: 'visit.note',
      actor: 'system',
    };
    const payload = { n: seq, text: `事件 ${seq}`, nested: { b: [1, 2.5, null], a: true } };
    const hash = hashAuditEvent(prev, { ...fields, payload });
    events.push({ ...fields, payload, prevHash: prev, hash });
    prev = hash;
  }
  return events;
}

/** A push body; events may be deliberately malformed, hence unknown[]. */
export const batch = (terminalId: string, events: readonly unknown[], extra: Record<string, unknown> = {}) => ({
  terminalId,
  fromSeq: (events[0] as { seq?: number } | undefined)?.seq ?? 1,
  events,
  ...extra,
});

/** arr[i], failing the test if it is missing (noUncheckedIndexedAccess without `!`). */
export function nth<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new Error(`no item at ${index}`);
  return item;
}

export async function storedEventCount(db: Kysely<Database>, terminalId?: string): Promise<number> {
  let q = db.selectFrom('terminal_events').select((eb) => eb.fn.countAll().as('n'));
  if (terminalId !== undefined) q = q.where('terminal_id', '=', terminalId);
  return Number((await q.executeTakeFirstOrThrow()).n);
}
