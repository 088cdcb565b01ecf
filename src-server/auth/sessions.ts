// Bearer-token sessions for staff and terminals: a random token is handed out
// once; the database keeps its SHA-256 and the expiry (TOKEN_TTL_MINUTES).
import type { AppContext } from '../context';
import { isoAfter, nowIso } from '../clock';
import { newToken, sha256Hex } from './secrets';

export interface IssuedToken {
  token: string;
  expiresAt: string;
}

export async function issueToken(ctx: AppContext, owner: { staffId: string } | { terminalId: string }): Promise<IssuedToken> {
  const token = newToken();
  const expiresAt = isoAfter(ctx.clock, ctx.config.tokenTtlMinutes);
  await ctx.db
    .insertInto('sessions')
    .values({
      token_hash: sha256Hex(token),
      staff_id: 'staffId' in owner ? owner.staffId : null,
      terminal_id: 'terminalId' in owner ? owner.terminalId : null,
      created_at: nowIso(ctx.clock),
      expires_at: expiresAt,
      revoked_at: null,
    })
    .execute();
  return { token, expiresAt };
}

export async function revokeToken(ctx: AppContext, tokenHash: string): Promise<void> {
  await ctx.db
    .updateTable('sessions')
    .set({ revoked_at: nowIso(ctx.clock) })
    .where('token_hash', '=', tokenHash)
    .execute();
}
