// A minimal main-process log: stderr plus <userData>/logs/main.log, so a kiosk with no
// console still leaves a trace an engineer can read afterwards.
import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';

export type Log = (message: string, error?: unknown) => void;

export function createLog(logDir: string | null): Log {
  let file: string | null = null;
  if (logDir) {
    try {
      mkdirSync(logDir, { recursive: true });
      file = path.join(logDir, 'main.log');
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
        appendFileSync(file, line);
      } catch {
        // A full disk must not take the shell down; stderr still has the line.
      }
    }
  };
}
