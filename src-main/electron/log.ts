// The shell's log: main's one logger (../log/logger) writing JSON lines to stderr and to
// <userData>/logs/main.log, rotated by size and age (../log/rotating-file), so a kiosk with no
// console still leaves a trace an engineer can read afterwards and a support bundle can carry.
// The same logger goes to openTerminal for every service.
import { createLogger, type Logger } from '../log/logger';
import { createRotatingFile, type LogLimits, type RotatingFile } from '../log/rotating-file';

/** The shell's short form: a message, and the error when there is one. */
export interface Log {
  (message: string, error?: unknown): void;
  readonly logger: Logger;
  /** The configuration's limits, once it is read (the log opens before it, with the defaults). */
  configure(limits: LogLimits): void;
  /** The folder of main.log and its rotated files; null without one. */
  readonly dir: string | null;
}

export function createLog(logDir: string | null): Log {
  const file: RotatingFile | null = logDir ? createRotatingFile(logDir) : null;
  const logger = createLogger((_record, line) => {
    process.stderr.write(`${line}\n`);
    // Never throws: a full disk must not take the shell down; stderr still has the line.
    file?.write(line);
  });
  const log = (message: string, error?: unknown) =>
    error === undefined ? logger.info(message) : logger.error(message, { error });
  return Object.assign(log, { logger, dir: logDir, configure: (limits: LogLimits) => file?.configure(limits) });
}
