// Main's one logger: levels and structured fields, one JSON object a line. openTerminal hands
// it to every service; the Electron shell's (../electron/log) also writes <userData>/logs/main.log,
// so a kiosk with no console still leaves a trace an engineer can read afterwards.
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export type LogFields = Readonly<Record<string, unknown>>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** The same sink, with `bindings` (e.g. { area: 'call' }) on every line. */
  child(bindings: LogFields): Logger;
}

/** One line as written: time, level, message, then the fields. */
export interface LogRecord extends Record<string, unknown> {
  readonly time: string;
  readonly level: LogLevel;
  readonly msg: string;
}

/** An Error keeps its name, message and stack in JSON (they are not enumerable). */
const plain = (value: unknown): unknown =>
  value instanceof Error ? { name: value.name, message: value.message, ...(value.stack ? { stack: value.stack } : {}) } : value;

/** A logger over `sink`; a field that cannot be serialised is written as its string. */
export function createLogger(
  sink: (record: LogRecord, line: string) => void,
  now: () => Date = () => new Date(),
  bindings: LogFields = {},
): Logger {
  const write = (level: LogLevel, msg: string, fields: LogFields = {}) => {
    const record: LogRecord = {
      time: now().toISOString(),
      level,
      msg,
      ...Object.fromEntries(Object.entries({ ...bindings, ...fields }).map(([k, v]) => [k, plain(v)])),
    };
    let line: string;
    try {
      line = JSON.stringify(record);
    } catch {
      line = JSON.stringify({ time: record.time, level, msg, fields: String(Object.keys(fields)) });
    }
    try {
      sink(record, line);
    } catch {
      // Logging must never take a service down.
    }
  };
  return {
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
    child: (more) => createLogger(sink, now, { ...bindings, ...more }),
  };
}

/** The fallback when nobody injected one (tests, the demo, the benches): JSON lines on stderr. */
export const stderrLogger: Logger = createLogger((_record, line) => {
  process.stderr.write(`${line}\n`);
});
