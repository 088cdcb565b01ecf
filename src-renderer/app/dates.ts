// Dates and times as the terminal's clock sees them (local time of the site, not UTC:
// "today" at 07:30 in Kunming is still yesterday in UTC).

const pad = (n: number) => String(n).padStart(2, '0');

/** YYYY-MM-DD in local time, as the contract's visit.listForDay expects. */
export const localDate = (d: Date): string => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

/**
 * "HH:MM" plus minutes → "HH:MM", or null when startTime is not HH:MM (shown as it is then).
 * Wraps past midnight, which a visit never should but a bad record must not crash on.
 */
export function endTime(startTime: string, minutes: number): string | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(startTime);
  if (!m) return null;
  const total = (Number(m[1]) * 60 + Number(m[2]) + minutes) % (24 * 60);
  return `${pad(Math.floor(total / 60))}:${pad(total % 60)}`;
}

/** An ISO timestamp as local "YYYY-MM-DD HH:MM:SS" for staff screens; unparsable input as it is. */
export function localDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${localDate(d)} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}
