// The shell's log: main's one logger (../log/logger) writing JSON lines to stderr and to
// <userData>/logs/main.log, so a kiosk with no console still leaves a trace an engineer can
// read afterwards. The same logger goes to openTerminal for every service.
import { appendFileSync } from 'node:fs';
import path from 'node:path';
import { createLogger, type Logger } from '../log/logger';
import { ensurePrivateDir, PRIVATE_FILE_MODE, tightenFile } from '../store/private-files';

/** The shell's short form: a message, and the error when there is one. */
export interface Log {
  (message: string, error?: unknown): void;
  readonly logger: Logger;
}

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
  const logger = createLogger((_record, line) => {
    process.stderr.write(`${line}\n`);
    if (file) {
      try {
        appendFileSync(file, `${line}\n`, { mode: PRIVATE_FILE_MODE });
      } catch {
        // A full disk must not take the shell down; stderr still has the line.
      }
    }
  });
  const log = (message: string, error?: unknown) => (error === undefined ? logger.info(message) : logger.error(message, { error }));
  return Object.assign(log, { logger });
}
