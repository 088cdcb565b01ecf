// main.log with size and age limits: main.log is written, main.1.log is the newest full one,
// main.N.log the oldest kept. Our own small module rather than pino-roll: pino's transports run
// in worker threads loaded from files by name, which the esbuild-bundled Electron main does not
// ship, and an asynchronous worker loses the last lines of a crash. Here every line is one
// synchronous append (a crash loses nothing written before it), a line is never split across
// files, and the current size is read from disk at start, so a restart continues the same file.
import { appendFileSync, existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { ensurePrivateDir, PRIVATE_FILE_MODE, tightenFile } from '../store/private-files';

export interface LogLimits {
  /** A file is rotated before a line would take it past this. */
  readonly maxFileBytes: number;
  /** Files kept, the current one included. */
  readonly maxFiles: number;
  /** Rotated files older than this (by their last write) are removed. */
  readonly maxAgeDays: number;
}

export const DEFAULT_LOG_LIMITS: LogLimits = { maxFileBytes: 10 * 1024 * 1024, maxFiles: 10, maxAgeDays: 14 };

export const CURRENT_LOG = 'main.log';
const ROTATED = /^main\.([1-9][0-9]{0,3})\.log$/;
const rotatedName = (n: number): string => `main.${n}.log`;

export interface RotatingFile {
  /** Appends one line (a newline is added); never throws. */
  write(line: string): void;
  /** New limits (the configuration is read after the log opens); pruned at once. */
  configure(limits: LogLimits): void;
  /** The log files, newest first (the current one, then main.1.log …). */
  files(): string[];
  readonly dir: string;
}

/** The rotated files present, by number (1 = newest). */
function rotatedFiles(dir: string): { n: number; name: string }[] {
  try {
    return readdirSync(dir)
      .map((name) => ({ name, m: ROTATED.exec(name) }))
      .filter((f): f is { name: string; m: RegExpExecArray } => f.m !== null)
      .map((f) => ({ n: Number(f.m[1]), name: f.name }))
      .sort((a, b) => a.n - b.n);
  } catch {
    return [];
  }
}

const sizeOf = (file: string): number => {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
};

export function createRotatingFile(
  dir: string,
  initial: LogLimits = DEFAULT_LOG_LIMITS,
  now: () => Date = () => new Date(),
): RotatingFile {
  let limits = initial;
  const current = path.join(dir, CURRENT_LOG);
  const prepare = (): void => {
    // Owner-only: the log can name visits and staff.
    ensurePrivateDir(dir);
    tightenFile(current);
  };
  try {
    prepare();
  } catch {
    // Retried at the first write that fails.
  }
  let size = sizeOf(current);

  const prune = (): void => {
    const oldest = now().getTime() - limits.maxAgeDays * 86_400_000;
    for (const f of rotatedFiles(dir)) {
      const file = path.join(dir, f.name);
      let tooOld = false;
      try {
        tooOld = statSync(file).mtimeMs < oldest;
      } catch {
        continue;
      }
      if (f.n > limits.maxFiles - 1 || tooOld) rmSync(file, { force: true });
    }
  };

  const rotate = (): void => {
    // Oldest first, so no rename overwrites a file not yet moved.
    const present = rotatedFiles(dir).reverse();
    for (const f of present) {
      if (f.n + 1 > limits.maxFiles - 1) rmSync(path.join(dir, f.name), { force: true });
      else renameSync(path.join(dir, f.name), path.join(dir, rotatedName(f.n + 1)));
    }
    if (limits.maxFiles > 1) renameSync(current, path.join(dir, rotatedName(1)));
    else rmSync(current, { force: true });
    size = 0;
    prune();
  };

  const append = (text: string): void => {
    appendFileSync(current, text, { mode: PRIVATE_FILE_MODE });
    size += Buffer.byteLength(text);
  };

  return {
    dir,
    write(line) {
      const text = `${line}\n`;
      try {
        // An empty file takes any line: a line longer than the limit is never split or dropped.
        if (size > 0 && size + Buffer.byteLength(text) > limits.maxFileBytes) rotate();
      } catch {
        // A failed rotation (a file held open elsewhere) leaves the line in the current file.
        size = sizeOf(current);
      }
      try {
        append(text);
      } catch {
        // The folder removed under us: made again once; a read-only or full disk loses the line
        // here (stderr still has it), never the caller.
        try {
          prepare();
          size = sizeOf(current);
          append(text);
        } catch {
          // given up for this line
        }
      }
    },
    configure(next) {
      limits = next;
      try {
        prune();
      } catch {
        // pruned at the next rotation
      }
    },
    files: () => logFilesIn(dir),
  };
}

/** The log files of a folder, newest first: main.log, then main.1.log … (what a bundle packs). */
export function logFilesIn(dir: string): string[] {
  const current = path.join(dir, CURRENT_LOG);
  return [...(existsSync(current) ? [current] : []), ...rotatedFiles(dir).map((f) => path.join(dir, f.name))];
}
