// admin.enrol: trades the one-time code an administrator issued centrally for
// this terminal's credential. The terminal keeps its configured id: its audit
// chain already hashes that id (R26.1), so the store must know it by the same one. The
// rule for the id is one, shared with the store: src-shared/sync/terminal-id.ts.
import type { Database } from 'better-sqlite3';
import { createPublicKey } from 'node:crypto';
import { join } from 'node:path';
import { appendAudit } from '../audit/audit-log';
import type { TerminalConfig } from '../config/schema';
import { ServiceError } from '../../src-shared/ipc/result';
import { isTerminalId, TERMINAL_ID_RULE } from '../../src-shared/sync/terminal-id';
import { loadOrCreateSigningKey, SIGNING_KEY_FILE } from '../recording/manifest/signing-key';
import { writeCredential } from './credential';
import { createStoreHttp, type FetchLike } from '../central-store/store-http';
import { terminalEndpoints } from '../../src-shared/store-api/endpoints/terminals';

export interface EnrolOutcome {
  readonly terminalId: string;
  readonly roomId: string;
  readonly enrolledAt: string;
}

/**
 * The public half of the key that signs this terminal's recording manifests, sent with
 * the enrolment so the store can check every manifest against it (the key is created
 * here when the terminal has not recorded yet).
 */
function manifestPublicKey(config: TerminalConfig): { pem: string; keyId: string } {
  const key = loadOrCreateSigningKey(join(config.dataDir, SIGNING_KEY_FILE));
  return { pem: createPublicKey(key.privateKey).export({ type: 'spki', format: 'pem' }).toString(), keyId: key.keyId };
}

export async function enrolTerminal(
  db: Database,
  config: TerminalConfig,
  code: string,
  now: Date,
  fetchImpl: FetchLike = (i, init) => fetch(i, init),
): Promise<EnrolOutcome> {
  if (!isTerminalId(config.terminalId))
    throw new ServiceError(
      'INVALID_ARGUMENT',
      `终端编号“${config.terminalId.slice(0, 80)}”无法向中心库注册：${TERMINAL_ID_RULE}`,
    );
  const publicKey = manifestPublicKey(config);
  const http = createStoreHttp({ baseUrl: config.centralStoreUrl, timeoutMs: 30_000, fetch: fetchImpl });
  const sent = await http.send(terminalEndpoints.enrol, {
    body: {
      code,
      name: `${config.site.name} ${config.room.name}`.slice(0, 100),
      terminalId: config.terminalId,
      publicKeyPem: publicKey.pem,
    },
  });
  if (sent.kind === 'unreached' && sent.status === null) throw new ServiceError('INTERNAL', '无法连接中心库，请检查网络后重试');
  const status = sent.status ?? 0;
  const answer = sent.kind === 'answer' && status === 201 ? terminalEndpoints.enrol.response.safeParse(sent.body) : null;
  const body = answer?.success ? answer.data : null;
  if (!body?.secret || !body.terminalId) {
    const message = sent.kind === 'answer' ? sent.error.message : null;
    throw new ServiceError('INVALID_ARGUMENT', `注册失败：${message ?? `中心库返回 HTTP ${status}`}`);
  }
  const enrolledAt = now.toISOString();
  writeCredential(config.dataDir, {
    terminalId: body.terminalId,
    secret: body.secret,
    roomId: body.roomId,
    organisationId: body.organisationId,
    centralStoreUrl: config.centralStoreUrl,
    enrolledAt,
  });
  appendAudit(
    db,
    config.terminalId,
    {
      kind: 'terminal.enrolled',
      payload: { roomId: body.roomId, centralStoreUrl: config.centralStoreUrl, manifestKeyId: publicKey.keyId },
    },
    now,
  );
  return { terminalId: body.terminalId, roomId: body.roomId, enrolledAt };
}
