// R26.1: the central store refused this terminal's audit chain. The alarm stands until an
// administrator clears it: meanwhile nothing more is pushed and no recording is deleted
// here (R13.1). Raising and clearing it are entries of the chain themselves.
import type { Database } from 'better-sqlite3';
import { appendAudit } from '../audit/audit-log';
import { getKv, KV, setKv } from '../store/kv';
import { SYNC_KV } from './kv-keys';

/** Who pressed a console button: the actor of the audit entry and every administrator present. */
export interface Attribution {
  readonly actor: string;
  readonly admins: readonly string[];
}

/** The standing alarm's message, or null. */
export const chainAlarm = (db: Database): string | null => getKv(db, SYNC_KV.alarm);

export function raiseChainAlarm(db: Database, terminalId: string, refusal: string, at: Date): void {
  const message = `中心库拒收本终端的审计链：${refusal}。已停止上传审计记录和删除本地录像，请管理员核查后解除告警`;
  db.transaction(() => {
    setKv(db, SYNC_KV.alarm, message, at);
    setKv(db, KV.syncLastError, message, at);
    appendAudit(db, terminalId, { kind: 'sync.chainRejected', payload: { message: refusal } }, at);
  })();
}

/** An administrator resolved the refusal; false when no alarm stood. */
export function clearChainAlarm(db: Database, terminalId: string, by: Attribution | undefined, at: Date): boolean {
  const alarm = chainAlarm(db);
  if (alarm === null) return false;
  db.transaction(() => {
    setKv(db, SYNC_KV.alarm, null, at);
    setKv(db, KV.syncLastError, null, at);
    appendAudit(
      db,
      terminalId,
      { kind: 'sync.alarmCleared', actor: by?.actor ?? 'system', payload: { alarm, admins: [...(by?.admins ?? [])] } },
      at,
    );
  })();
  return true;
}
