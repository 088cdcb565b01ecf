// Who writes each table of the terminal's local store, read from the source itself: a
// table is written from one folder of src-main, and the visit, the outbox and the
// recordings from one module each (a second writer would bypass the transition table or
// the upload bookkeeping). A new writer elsewhere fails here, naming the file.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, test } from 'vitest';

const ROOT = join(process.cwd(), 'src-main');
const WRITE = /\b(?:INSERT(?:\s+OR\s+\w+)?\s+INTO|UPDATE|DELETE\s+FROM|REPLACE\s+INTO)\s+([a-z_]+)\b/g;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** table → the files (relative to src-main) whose statements write it; migrations are the schema, not writers. */
function writers(): Map<string, Set<string>> {
  const found = new Map<string, Set<string>>();
  for (const file of sources(ROOT)) {
    const rel = relative(ROOT, file).split(sep).join('/');
    if (/(^|\/)migrations?[^/]*\.ts$/.test(rel)) continue;
    for (const m of readFileSync(file, 'utf8').matchAll(WRITE)) {
      const table = m[1] as string;
      if (!found.has(table)) found.set(table, new Set());
      found.get(table)?.add(rel);
    }
  }
  return found;
}

describe('one owner for each table of the local store', () => {
  const byTable = writers();

  test('the visit, the outbox and the recordings are each written by one module', () => {
    expect([...(byTable.get('visits') ?? [])]).toEqual(['visit-day/visit-store.ts']);
    expect([...(byTable.get('outbox') ?? [])]).toEqual(['store/outbox.ts']);
    expect([...(byTable.get('recordings') ?? [])]).toEqual(['recording/recorder-db.ts']);
  });

  test('every table is written from one folder of src-main', () => {
    const spread = [...byTable]
      .map(([table, files]) => [table, [...new Set([...files].map((f) => f.split('/')[0]))]] as const)
      .filter(([, folders]) => folders.length > 1);
    expect(spread).toEqual([]);
    // The scan sees the writers at all (not an empty pass).
    expect(byTable.size).toBeGreaterThan(15);
  });
});

// The central store's family-notification outbox (issue #25 item 8): one writer, so every row is
// queued inside its review step's transaction and every outcome goes through the claim's token.
describe("one owner for the central store's notification outbox", () => {
  const SERVER = join(process.cwd(), 'src-server');
  const WRITES = /\.(?:insertInto|updateTable|deleteFrom)\(\s*'(notifications|notification_parts)'/g;
  test('notifications and notification_parts are written by areas/notifications/outbox.ts only', () => {
    const found = new Set<string>();
    for (const file of sources(SERVER)) {
      const rel = relative(SERVER, file).split(sep).join('/');
      for (const m of readFileSync(file, 'utf8').matchAll(WRITES)) found.add(`${m[1] as string} ${rel}`);
    }
    expect([...found].sort()).toEqual([
      'notification_parts areas/notifications/outbox.ts',
      'notifications areas/notifications/outbox.ts',
    ]);
  });
});
