// A live recording's incidents and administrator actions: each one audited and stored as a
// chapter of the archive, at its offset on the archive's timeline (stream-clock.ts). One
// marked before time 0 is known is stored at 0 for now and re-placed once it is.
import type { Database } from 'better-sqlite3';
import { appendAudit } from '../../audit/audit-log';
import { insertIncident, reoffsetIncidents } from '../recorder-db';
import type { Incident } from './recording-types';

/** The chapter that says where, and why, an interrupted recording was cut off. */
export const interruptionNote = (reason: string): string => `录像中断：${reason}`;

export interface IncidentLog {
  /** Stores and audits one; `auditAt` is when it is recorded, if not when it happened. */
  add(note: string, actor: string, at: Date, auditAt?: Date): Incident;
  /** Time 0 was placed or moved: the stored offsets follow it. */
  reoffset(zeroAtMs: number): void;
}

export function incidentLog(options: {
  readonly db: Database;
  readonly terminalId: string;
  readonly recordingId: string;
  readonly visitId: string;
  readonly offsetOf: (atMs: number) => number;
}): IncidentLog {
  const { db, terminalId, recordingId, visitId } = options;
  let count = 0;
  return {
    add(note, actor, at, auditAt = at) {
      const incident: Incident = { at: at.toISOString(), offsetMs: options.offsetOf(at.getTime()), note, actor };
      db.transaction(() => {
        insertIncident(db, recordingId, { at: incident.at, offset_ms: incident.offsetMs, note, actor });
        appendAudit(
          db,
          terminalId,
          { kind: 'recording.incident', actor, payload: { recordingId, visitId, offsetMs: incident.offsetMs, note } },
          auditAt,
        );
      })();
      count += 1;
      return incident;
    },
    reoffset(zeroAtMs) {
      if (count > 0) reoffsetIncidents(db, recordingId, zeroAtMs);
    },
  };
}
