// The last warn and error lines of main's logger, kept in memory (a ring of the newest N)
// for the heartbeat: support sees what went wrong without fetching the log file.
import type { LogFields, Logger } from './logger';

export interface RecentLine {
  readonly at: string;
  readonly level: 'warn' | 'error';
  readonly message: string;
}

export interface RecentErrors {
  /** Oldest first. */
  lines(): RecentLine[];
}

export const RECENT_LINES = 20;
export const RECENT_LINE_CHARS = 300;

// eslint-disable-next-line no-control-regex -- control characters are what is replaced
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]|[\ud800-\udfff]/gu;

/** One line of plain text: the message and the error's own message when there is one, capped. */
function lineOf(message: string, fields: LogFields | undefined): string {
  const error = fields?.['error'];
  const why = error instanceof Error ? error.message : typeof error === 'string' ? error : null;
  const area = typeof fields?.['area'] === 'string' ? `[${fields['area']}] ` : '';
  return `${area}${message}${why ? `：${why}` : ''}`.replace(UNPRINTABLE, ' ').trim().slice(0, RECENT_LINE_CHARS);
}

/** `logger`, unchanged, whose warn and error lines (its children's too) are also kept in the ring. */
export function keepRecentErrors(logger: Logger, now: () => Date, size = RECENT_LINES): { logger: Logger; recent: RecentErrors } {
  const ring: RecentLine[] = [];
  const keep = (level: 'warn' | 'error', message: string, fields: LogFields | undefined, bindings: LogFields) => {
    ring.push({ at: now().toISOString(), level, message: lineOf(message, { ...bindings, ...fields }) });
    if (ring.length > size) ring.splice(0, ring.length - size);
  };
  const wrap = (inner: Logger, bindings: LogFields): Logger => ({
    debug: (m, f) => inner.debug(m, f),
    info: (m, f) => inner.info(m, f),
    warn: (m, f) => {
      keep('warn', m, f, bindings);
      inner.warn(m, f);
    },
    error: (m, f) => {
      keep('error', m, f, bindings);
      inner.error(m, f);
    },
    child: (more) => wrap(inner.child(more), { ...bindings, ...more }),
  });
  return { logger: wrap(logger, {}), recent: { lines: () => [...ring] } };
}
