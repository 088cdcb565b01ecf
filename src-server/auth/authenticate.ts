// Bearer-token authentication and role checks, as onRequest hooks a route
// lists in its options. Tokens are opaque; only their SHA-256 is stored.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { forbidden, unauthenticated } from '../http/api-error';
import type { AppContext } from '../context';
import { nowIso } from '../clock';
import type { StaffRole } from '../db/schema';
import type { Caller, StaffCaller, TerminalCaller } from './caller';
import { sha256Hex } from './secrets';

function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (header === undefined) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match?.[1] ?? null;
}

/** The caller behind a token, or null if the token is unknown, expired, revoked, or its owner disabled. */
export async function resolveCaller(ctx: AppContext, token: string): Promise<Caller | null> {
  const tokenHash = sha256Hex(token);
  const now = nowIso(ctx.clock);
  // A terminal's session and the terminal in one query: a terminal authenticates every request
  // of a drained backlog (issue #22 item 3), a staff member far less often.
  const session = await ctx.db
    .selectFrom('sessions')
    .leftJoin('terminals', 'terminals.id', 'sessions.terminal_id')
    .leftJoin('rooms', 'rooms.id', 'terminals.room_id')
    .select([
      'sessions.staff_id',
      'sessions.terminal_id',
      'terminals.id as terminal_row_id',
      'terminals.room_id',
      'terminals.revoked_at as terminal_revoked_at',
      'rooms.organisation_id as room_organisation_id',
    ])
    .where('sessions.token_hash', '=', tokenHash)
    .where('sessions.revoked_at', 'is', null)
    .where('sessions.expires_at', '>', now)
    .executeTakeFirst();
  if (!session) return null;

  if (session.staff_id !== null) {
    const staff = await ctx.db
      .selectFrom('staff')
      .innerJoin('organisations', 'organisations.id', 'staff.organisation_id')
      .select(['staff.id', 'staff.username', 'staff.organisation_id', 'staff.active', 'organisations.kind'])
      .where('staff.id', '=', session.staff_id)
      .executeTakeFirst();
    if (!staff || staff.active !== 1) return null;
    const roles = await ctx.db.selectFrom('staff_roles').select('role').where('staff_id', '=', staff.id).execute();
    return {
      kind: 'staff',
      staffId: staff.id,
      username: staff.username,
      organisationId: staff.organisation_id,
      organisationKind: staff.kind,
      roles: roles.map((r) => r.role),
      tokenHash,
    };
  }
  if (session.terminal_id !== null) {
    const { terminal_row_id: id, room_id: roomId, room_organisation_id: organisationId } = session;
    // No terminal row or no room (a join found none), or a revoked terminal: not a caller.
    if (id === null || roomId === null || organisationId === null || session.terminal_revoked_at !== null) return null;
    return { kind: 'terminal', terminalId: id, roomId, organisationId, tokenHash };
  }
  return null;
}

type Hook = (request: FastifyRequest, reply: FastifyReply) => Promise<void>;

/** Any authenticated caller, staff or terminal. */
export function requireCaller(ctx: AppContext): Hook {
  return async (request) => {
    const token = bearerToken(request);
    if (token === null) throw unauthenticated('缺少登录凭证（Authorization: Bearer …）');
    const caller = await resolveCaller(ctx, token);
    if (caller === null) throw unauthenticated();
    request.caller = caller;
  };
}

/** A staff member holding at least one of the roles (any role when none is named). */
export function requireStaff(ctx: AppContext, ...roles: StaffRole[]): Hook {
  const authenticate = requireCaller(ctx);
  return async (request, reply) => {
    await authenticate(request, reply);
    const caller = request.caller;
    if (caller?.kind !== 'staff') throw forbidden('此操作仅限工作人员');
    if (roles.length > 0 && !roles.some((r) => caller.roles.includes(r))) {
      throw forbidden(`此操作需要以下角色之一：${roles.map(roleLabel).join('、')}`);
    }
  };
}

/** A room terminal. */
export function requireTerminal(ctx: AppContext): Hook {
  const authenticate = requireCaller(ctx);
  return async (request, reply) => {
    await authenticate(request, reply);
    if (request.caller?.kind !== 'terminal') throw forbidden('此操作仅限会见室终端');
  };
}

export function staffCaller(request: FastifyRequest): StaffCaller {
  const caller = request.caller;
  if (caller?.kind !== 'staff') throw forbidden('此操作仅限工作人员');
  return caller;
}

export function terminalCaller(request: FastifyRequest): TerminalCaller {
  const caller = request.caller;
  if (caller?.kind !== 'terminal') throw forbidden('此操作仅限会见室终端');
  return caller;
}

export const ROLE_LABELS: Record<StaffRole, string> = {
  administrator: '管理员',
  reviewer: '审核人员',
  warden: '监狱长',
  supervisor: '省厅监督人员',
};

export const roleLabel = (role: StaffRole): string => ROLE_LABELS[role];
