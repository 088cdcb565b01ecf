// A write that only helps to resume (an upload's URL): committed without waiting for the disk
// (synchronous = NORMAL for this one commit). In WAL mode such a commit survives a killed
// process; a power cut may lose it, and then the upload starts again from its first byte
// instead of resuming (nothing is lost or stored twice). Every other commit stays FULL (open-store.ts).
import type { Database } from 'better-sqlite3';

export function writeResumeHint(db: Database, write: () => void): void {
  // The level cannot change inside a transaction: there the write is part of a durable commit anyway.
  if (db.inTransaction) {
    write();
    return;
  }
  const level = db.pragma('synchronous', { simple: true }) as number;
  db.pragma('synchronous = NORMAL');
  try {
    write();
  } finally {
    db.pragma(`synchronous = ${level}`);
  }
}
