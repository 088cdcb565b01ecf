// How the parts of a live recording report: a problem goes to the listeners (the manager
// shows it to the administrators); an audit entry names the recording and the visit, and
// failing to write one is itself a problem, never a reason to stop recording.
import type { Database } from 'better-sqlite3';
import { appendAudit } from '../../audit/audit-log';
import type { TypedEvents } from '../typed-events';
import type { RecorderProblem, RecordingEvents } from './recording-types';

export type AuditPayload = Record<string, string | number | boolean | null>;

export interface RecordingReports {
  problem(problem: RecorderProblem): void;
  audit(kind: string, payload: AuditPayload): void;
}

export function recordingReports(options: {
  readonly db: Database;
  readonly terminalId: string;
  readonly recordingId: string;
  readonly visitId: string;
  readonly now: () => Date;
  readonly events: TypedEvents<RecordingEvents>;
}): RecordingReports {
  const { db, terminalId, recordingId, visitId, now, events } = options;
  const problem = (p: RecorderProblem) => {
    events.emit('problem', p);
  };
  const audit = (kind: string, payload: AuditPayload) => {
    try {
      appendAudit(db, terminalId, { kind, payload: { recordingId, visitId, ...payload } }, now());
    } catch (error) {
      problem({ kind: 'write-failed', severity: 'error', message: '录像审计记录写入失败', detail: String(error) });
    }
  };
  return { problem, audit };
}
