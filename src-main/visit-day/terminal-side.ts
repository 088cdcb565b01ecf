// Which side of the visit this terminal is (R13.1): the prison's room (inmate side) or the
// bureau's/office's room (the relatives' side). Kept in kv when the visit day starts, so
// readiness (called from the call module too) knows it without the configuration.
import type { Database } from 'better-sqlite3';
import { getKv, setKv } from '../store/kv';

const KEY = 'visitDay.siteKind';

export function rememberSiteKind(db: Database, kind: string, now: Date): void {
  if (getKv(db, KEY) !== kind) setKv(db, KEY, kind, now);
}

/** R11.2 applies at the prison's terminal only. */
export const isPrisonSide = (db: Database): boolean => getKv(db, KEY) === 'prison';
