// After recovery, what the central store holds for one terminal, read straight from its
// SQLite file: every event exactly once (by terminal id + sequence) and
// every recording file stored once, confirmed, with bytes matching the terminal's hash.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database, { type Database as Db } from 'better-sqlite3';

export interface Mismatch {
  readonly problems: string[];
}

const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

/** Empty when the store holds exactly what the terminal has; otherwise the problems, in words. */
export function compareWithCentral(local: Db, terminalId: string, central: { file: string; dataDir: string }): string[] {
  const problems: string[] = [];
  const store = new Database(central.file, { readonly: true, fileMustExist: true });
  try {
    const localSeqs = local
      .prepare('SELECT seq, hash FROM audit_log WHERE terminal_id = ? ORDER BY seq')
      .all(terminalId) as Array<{ seq: number; hash: string }>;
    const stored = store
      .prepare('SELECT seq, hash FROM terminal_events WHERE terminal_id = ? ORDER BY seq')
      .all(terminalId) as Array<{ seq: number; hash: string }>;
    const counts = store
      .prepare('SELECT seq, COUNT(*) AS n FROM terminal_events WHERE terminal_id = ? GROUP BY seq HAVING n > 1')
      .all(terminalId);
    if (counts.length > 0) problems.push(`duplicated seqs: ${JSON.stringify(counts)}`);
    if (stored.length !== localSeqs.length) problems.push(`events: store ${stored.length}, terminal ${localSeqs.length}`);
    const byHash = new Map(stored.map((e) => [e.seq, e.hash]));
    const missing = localSeqs.filter((e) => byHash.get(e.seq) !== e.hash).slice(0, 5);
    if (missing.length > 0) problems.push(`missing or different: ${JSON.stringify(missing.map((m) => m.seq))}`);

    const files = local
      .prepare(
        'SELECT u.recording_id, r.visit_id, u.file, u.sha256, u.state FROM sync_uploads u JOIN recordings r USING (recording_id)',
      )
      .all() as Array<{ recording_id: string; visit_id: string; file: string; sha256: string; state: string }>;
    for (const f of files) {
      if (f.state !== 'confirmed') problems.push(`${f.recording_id}/${f.file} is ${f.state} locally`);
      const rows = store
        .prepare(
          "SELECT id, stored_sha256 FROM recordings_received WHERE terminal_id = ? AND visit_id = ? AND filename = ? AND status = 'confirmed'",
        )
        .all(terminalId, f.visit_id, f.file) as Array<{ id: string; stored_sha256: string | null }>;
      if (rows.length !== 1) {
        problems.push(`${f.recording_id}/${f.file}: ${rows.length} confirmed copies centrally`);
        continue;
      }
      const row = rows[0] as { id: string; stored_sha256: string | null };
      if (row.stored_sha256 !== f.sha256) problems.push(`${f.file}: stored hash ${row.stored_sha256} ≠ ${f.sha256}`);
      const onDisk = sha(readFileSync(join(central.dataDir, 'recordings', row.id)));
      if (onDisk !== f.sha256) problems.push(`${f.file}: bytes on the store's disk hash to ${onDisk}`);
    }
    const unconfirmed = local
      .prepare('SELECT COUNT(*) AS n FROM recordings WHERE hash_confirmed_at IS NULL AND deleted_at IS NULL')
      .get() as { n: number };
    if (unconfirmed.n > 0) problems.push(`${unconfirmed.n} recordings without hash confirmation`);
  } finally {
    store.close();
  }
  return problems;
}
