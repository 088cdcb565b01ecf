// A minimal main-process log: stderr plus <userData>/logs/main.log, so a kiosk with no
// console still leaves a trace an engineer can read afterwards.
import { appendFileSync } from 'node:fs';
import path from 'node:path';
import { ensurePrivateDir, PRIVATE_FILE_MODE, tightenFile } from '../store/private-files';

export type Log = (message: string, error?: unknown) => void;

export function createLog(logDir: string | null): Log {
  let file: string | null = null;
  if (logDir) {
    try {
      // Owner-only: the log can name visits and staff.
      ensurePrivateDir(logDir);
      file = path.join(logDir, 'main.log');
      tightenFile(file);
    } catch {
      file = null;
    }
  }
  return (message, error) => {
    const detail = error === undefined ? '' : ` ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
    const line = `${new Date().toISOString()} ${message}${detail}\n`;
    process.stderr.write(line);
    if (file) {
      try {
        appendFileSync(file, line, { mode: PRIVATE_FILE_MODE });
      } catch {
        // A full disk must not take the shell down; stderr still has the line.
      }
    }
  };
}
