// Opens a real terminal (prison fixture) on a temporary data folder, plus a second,
// independent connection to its store for seeding rows and counting them from outside.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openTerminal, STORE_FILE_NAME } from '../../../../src-main/terminal';
import type { Terminal } from '../../../../src-main/terminal-types';

export const PRISON_CONFIG = fileURLToPath(new URL('../../../../harness/fixtures/terminal-config/prison.json', import.meta.url));
export const BUREAU_CONFIG = fileURLToPath(new URL('../../../../harness/fixtures/terminal-config/bureau.json', import.meta.url));

export interface TestTerminal {
  terminal: Terminal;
  /** A second connection to the same file (WAL allows it), as another process would have. */
  db: Database.Database;
  storePath: string;
  close(): void;
}

export async function openTestTerminal(dataDir: string, configPath = PRISON_CONFIG, now?: () => Date): Promise<TestTerminal> {
  const terminal = await openTerminal({ configPath, dataDir, ...(now ? { now } : {}) });
  const storePath = join(dataDir, STORE_FILE_NAME);
  const db = new Database(storePath);
  db.pragma('busy_timeout = 5000');
  return {
    terminal,
    db,
    storePath,
    close() {
      db.close();
      terminal.close();
    },
  };
}

export function seedVisits(db: Database.Database): void {
  const visit = db.prepare(
    `INSERT INTO visits (visit_id, date, start_time, minutes, inmate_name, visitor_count, status, details, updated_at)
     VALUES (?, ?, ?, 30, ?, ?, ?, '{}', '2025-05-01T00:00:00.000Z')`,
  );
  visit.run('V-0930', '2025-05-04', '09:30', '张三', 2, 'scheduled');
  visit.run('V-0900', '2025-05-04', '09:00', '李四', 3, 'checking-in');
  visit.run('V-OTHER', '2025-05-05', '09:00', '王五', 1, 'scheduled');
  const checkin = db.prepare('INSERT INTO checkins (visit_id, document_number, name, checked_in_at) VALUES (?, ?, ?, ?)');
  checkin.run('V-0900', '530102199001011234', '李小明', '2025-05-04T00:35:00.000Z');
  checkin.run('V-0900', '53010219851231002X', '李小红', '2025-05-04T00:31:00.000Z');
  db.prepare(
    "INSERT INTO recordings (recording_id, visit_id, state, started_at, bytes) VALUES ('R1', 'V-0900', 'sealed', '2025-05-04T01:00:00.000Z', 1048576)",
  ).run();
}
