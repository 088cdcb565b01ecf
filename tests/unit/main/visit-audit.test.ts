// Issue 19 item 1: the console's timeline reads one visit's audit entries, new ones only
// (admin.visitAudit over real SQLite): R24.1, R26.1.
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { appendAudit, visitAuditEntries } from '../../../src-main/audit';
import { openStore, type Store } from '../../../src-main/store';
import { useTempDirs } from './helpers/temp-dir';

const tempDir = useTempDirs('kiosk-visit-audit-');
const T = 'ynjy01-room1';
const at = (minute: number) => new Date(Date.UTC(2026, 4, 6, 1, minute));

let store: Store | undefined;
afterEach(() => store?.close());

describe('admin.visitAudit (R24.1, R26.1)', () => {
  test("R26.1 only this visit's entries, oldest first, after the last one read, at most `limit`", () => {
    store = openStore({ path: join(tempDir(), 'terminal.db') });
    const db = store.db;
    const add = (visitId: string | null, kind: string, minute: number) =>
      appendAudit(db, T, { kind, actor: 'S-LI', payload: visitId ? { visitId, minute } : { minute } }, at(minute));
    add('V1', 'checkin.accepted', 1);
    add('V2', 'checkin.accepted', 2);
    add(null, 'auth.login', 3);
    add('V1', 'call.started', 4);
    add('V1', 'call.warning', 5);
    const all = visitAuditEntries(db, T, 'V1', 0, 100);
    expect(all.map((e) => e.kind)).toEqual(['checkin.accepted', 'call.started', 'call.warning']);
    const first = all[0];
    if (!first) throw new Error('no entry');
    expect(visitAuditEntries(db, T, 'V1', first.seq, 100).map((e) => e.kind)).toEqual(['call.started', 'call.warning']);
    expect(visitAuditEntries(db, T, 'V1', 0, 2).map((e) => e.kind)).toEqual(['checkin.accepted', 'call.started']);
    expect(visitAuditEntries(db, 'other-terminal', 'V1', 0, 100)).toEqual([]);
  });
});
