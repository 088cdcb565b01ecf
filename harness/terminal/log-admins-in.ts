// R25.1: two administrators of the terminal's site logged in, as the login screen does:
// their accounts are written as a sync would (test-sized argon2id hashes) and each logs in
// through the real auth service. Tests that call privileged IPC methods start from here.
import argon2 from 'argon2';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { STORE_FILE_NAME } from '../../src-main/terminal';
import type { Terminal } from '../../src-main/terminal-types';

export const TEST_ADMINS = [
  { staffId: 'S-ADM-1', username: 'adm.zhao', name: '赵管理', password: 'Zhao-Adm-2026' },
  { staffId: 'S-ADM-2', username: 'adm.qian', name: '钱管理', password: 'Qian-Adm-2026' },
] as const;

/** Writes TEST_ADMINS as the site's accounts, as a sync would (e.g. for a login through a screen). */
export async function seedTestAdmins(dataDir: string, siteId: string): Promise<void> {
  const db = new Database(join(dataDir, STORE_FILE_NAME));
  try {
    db.pragma('busy_timeout = 5000');
    const insert = db.prepare(
      `INSERT OR REPLACE INTO staff_credentials (staff_id, site_id, username, name, password_hash, active, updated_at)
       VALUES (?, ?, ?, ?, ?, 1, '2025-05-01T00:00:00.000Z')`,
    );
    for (const a of TEST_ADMINS) {
      const hash = await argon2.hash(a.password, { type: argon2.argon2id, memoryCost: 4096, timeCost: 2, parallelism: 1 });
      insert.run(a.staffId, siteId, a.username, a.name, hash);
    }
  } finally {
    db.close();
  }
}

export async function logTwoAdminsIn(terminal: Terminal, dataDir: string, siteId: string): Promise<void> {
  await seedTestAdmins(dataDir, siteId);
  for (const a of TEST_ADMINS) {
    const r = await terminal.services.auth.login({ username: a.username, password: a.password });
    if (!r.accepted) throw new Error(`login of ${a.username} refused: ${r.refusal.message}`);
  }
}
