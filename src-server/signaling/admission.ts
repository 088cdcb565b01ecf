// Who may join a visit's signaling room: a terminal, by its bearer token, whose
// room is one of the visit's two rooms. Everything else is refused with a close
// code and a short zh-CN reason (close reasons are at most 123 bytes).
import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import type { AppContext } from '../context';
import { resolveCaller } from '../auth/authenticate';
import { findVisitRooms } from '../areas/sync/visit-feed';
import { BEARER_SUBPROTOCOL_PREFIX, CLOSE } from '../../src-shared/signaling/protocol';
import type { SignalSide } from '../../src-shared/signaling/protocol';

export type Admission =
  | { ok: true; visitId: string; side: SignalSide; terminalId: string; roomId: string; visitStatus: string }
  | { ok: false; code: number; reason: string };

const uuid = z.uuid();

/** `Authorization: Bearer <token>`, else a `bearer.<token>` subprotocol. */
export function signalToken(request: IncomingMessage): string | null {
  const header = request.headers.authorization;
  const fromHeader = header === undefined ? undefined : /^Bearer\s+(\S+)$/i.exec(header)?.[1];
  if (fromHeader !== undefined) return fromHeader;
  const offered = request.headers['sec-websocket-protocol'];
  if (offered === undefined) return null;
  const bearer = offered
    .split(',')
    .map((p) => p.trim())
    .find((p) => p.startsWith(BEARER_SUBPROTOCOL_PREFIX));
  const token = bearer?.slice(BEARER_SUBPROTOCOL_PREFIX.length);
  return token === undefined || token === '' ? null : token;
}

export async function admit(ctx: AppContext, request: IncomingMessage, visitId: string): Promise<Admission> {
  const token = signalToken(request);
  if (token === null) return { ok: false, code: CLOSE.UNAUTHENTICATED, reason: '缺少登录凭证' };
  const caller = await resolveCaller(ctx, token);
  if (caller === null) return { ok: false, code: CLOSE.UNAUTHENTICATED, reason: '登录凭证无效或已过期' };
  if (caller.kind !== 'terminal') return { ok: false, code: CLOSE.FORBIDDEN, reason: '仅限会见室终端' };
  if (!uuid.safeParse(visitId).success) return { ok: false, code: CLOSE.BAD_REQUEST, reason: '会见编号格式错误' };
  const visit = await findVisitRooms(ctx.db, visitId);
  if (visit === null) return { ok: false, code: CLOSE.NOT_FOUND, reason: '会见不存在' };
  const side: SignalSide | null =
    visit.room_id === caller.roomId ? 'inmate' : visit.remote_room_id === caller.roomId ? 'visitor' : null;
  if (side === null) return { ok: false, code: CLOSE.FORBIDDEN, reason: '本终端不属于该会见的会见室' };
  return { ok: true, visitId, side, terminalId: caller.terminalId, roomId: caller.roomId, visitStatus: visit.status };
}
