// What "unchanged" means for a database: its schema, its user_version and every row.
import Database from 'better-sqlite3';

export function snapshotDatabase(path: string): { version: number; schema: unknown[]; rows: Record<string, unknown[]> } {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const schema = db
      .prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name")
      .all();
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
      .all() as Array<{ name: string }>;
    const rows = Object.fromEntries(tables.map(({ name }) => [name, db.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).all()]));
    return { version: db.pragma('user_version', { simple: true }) as number, schema, rows };
  } finally {
    db.close();
  }
}
