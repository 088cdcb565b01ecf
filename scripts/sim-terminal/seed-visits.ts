// Visits for simulated terminals, written straight into a central store's database
// (set-up for benchmarks, not the thing measured): a prison with a ward, a bureau,
// `pairs` rooms on each side with one enrolled terminal and a bearer token each,
// and one approved visit per pair of rooms (or, with oneRoomPair, all visits between
// the same two rooms, as a day of one kiosk pair). Each visit through harness/store/approved-visit.ts.
import { randomUUID } from 'node:crypto';
import type { CentralStore } from '../../src-server/server';
import { newToken, sha256Hex } from '../../src-server/auth/secrets';
import { insertApprovedVisit } from '../../harness/store/approved-visit';

export interface SeededVisit {
  visitId: string;
  /** The prison (inmate side) terminal's token. */
  inmateToken: string;
  /** The bureau (visitor side) terminal's token. */
  visitorToken: string;
}

export async function seedSimVisits(
  app: CentralStore,
  pairs: number,
  options: { oneRoomPair?: boolean } = {},
): Promise<SeededVisit[]> {
  const db = app.ctx.db;
  const now = new Date().toISOString();
  const expires = new Date(Date.now() + 6 * 3600_000).toISOString();
  const province = await db.selectFrom('organisations').select('id').where('kind', '=', 'province').executeTakeFirstOrThrow();
  const admin = await db.selectFrom('staff').select('id').executeTakeFirstOrThrow();
  const prisonId = randomUUID();
  const wardId = randomUUID();
  const bureauId = randomUUID();
  const seeded: SeededVisit[] = [];
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('organisations')
      .values([
        {
          id: prisonId,
          kind: 'prison',
          parent_id: province.id,
          code: `SP-${prisonId.slice(0, 6)}`,
          name: '模拟监狱',
          created_at: now,
        },
        { id: wardId, kind: 'ward', parent_id: prisonId, code: `SW-${wardId.slice(0, 6)}`, name: '模拟监区', created_at: now },
        {
          id: bureauId,
          kind: 'bureau',
          parent_id: province.id,
          code: `SB-${bureauId.slice(0, 6)}`,
          name: '模拟司法局',
          created_at: now,
        },
      ])
      .execute();
    const terminal = async (org: string, i: number): Promise<{ roomId: string; token: string }> => {
      const roomId = randomUUID();
      const terminalId = randomUUID();
      const token = newToken();
      await trx
        .insertInto('rooms')
        .values({ id: roomId, organisation_id: org, name: `模拟会见室 ${i}`, created_at: now })
        .execute();
      await trx
        .insertInto('terminals')
        .values({
          id: terminalId,
          room_id: roomId,
          name: `模拟终端 ${i}`,
          secret_hash: sha256Hex(newToken()),
          public_key_pem: null,
          enrolled_at: now,
          revoked_at: null,
        })
        .execute();
      await trx
        .insertInto('sessions')
        .values({
          token_hash: sha256Hex(token),
          staff_id: null,
          terminal_id: terminalId,
          created_at: now,
          expires_at: expires,
          revoked_at: null,
        })
        .execute();
      return { roomId, token };
    };
    if (options.oneRoomPair && pairs > 50)
      throw new Error('oneRoomPair: at most 50 visits (one room pair, 20-minute slots in a day)');
    const startOf = (i: number) => {
      const minutes = 6 * 60 + i * 20;
      return options.oneRoomPair
        ? `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`
        : '09:00';
    };
    const shared = options.oneRoomPair ? { inmate: await terminal(wardId, 0), visitor: await terminal(bureauId, 0) } : null;
    for (let i = 0; i < pairs; i += 1) {
      const inmateSide = shared?.inmate ?? (await terminal(wardId, i));
      const visitorSide = shared?.visitor ?? (await terminal(bureauId, i));
      const visitId = await insertApprovedVisit(trx, {
        prisonId,
        wardId,
        partnerId: bureauId,
        createdBy: admin.id,
        roomId: inmateSide.roomId,
        remoteRoomId: visitorSide.roomId,
        date: now.slice(0, 10),
        startTime: startOf(i),
        minutes: 15,
        inmateNumber: `S${i}`,
        inmateName: '模拟罪犯',
        now,
      });
      seeded.push({ visitId, inmateToken: inmateSide.token, visitorToken: visitorSide.token });
    }
  });
  return seeded;
}
