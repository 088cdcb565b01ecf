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
