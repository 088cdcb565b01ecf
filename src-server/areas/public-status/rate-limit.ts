// The status page's rate limits and audit (issue #25 item 9), one table (status_lookups): each
// query is a row, and the limits count the rows of a window, so they hold across restarts and
// across several store processes on one database. Limited queries are recorded too but not
// counted, so a window always ends. Per IP: a scanner; per application number: guessing the ID
// number of a known application from many addresses.
import type { AppContext } from '../../context';
import { newId } from '../../ids';
import { nowIso } from '../../clock';

export const PER_IP = { max: 20, windowMinutes: 15 } as const;
export const PER_NUMBER = { max: 10, windowMinutes: 60 } as const;

/** Refused queries kept per IP and window: enough to see a scan, not a table a flood can fill. */
export const MAX_LIMITED_RECORDS = 50;

export type LookupOutcome = 'answered' | 'neutral' | 'limited';

const since = (ctx: AppContext, minutes: number) => new Date(ctx.clock().getTime() - minutes * 60_000).toISOString();

async function countSince(ctx: AppContext, column: 'ip' | 'application_number', value: string, minutes: number, limited = false) {
  const row = await ctx.db
    .selectFrom('status_lookups')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where(column, '=', value)
    .where('outcome', limited ? '=' : '!=', 'limited')
    .where('at', '>', since(ctx, minutes))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Whether this query is over a limit (checked before anything is looked up). */
export async function overLimit(ctx: AppContext, ip: string, applicationNumber: string): Promise<boolean> {
  const [byIp, byNumber] = await Promise.all([
    countSince(ctx, 'ip', ip, PER_IP.windowMinutes),
    countSince(ctx, 'application_number', applicationNumber, PER_NUMBER.windowMinutes),
  ]);
  return byIp >= PER_IP.max || byNumber >= PER_NUMBER.max;
}

export async function recordLookup(ctx: AppContext, ip: string, applicationNumber: string, outcome: LookupOutcome) {
  if (outcome === 'limited' && (await countSince(ctx, 'ip', ip, PER_IP.windowMinutes, true)) >= MAX_LIMITED_RECORDS) return;
  await ctx.db
    .insertInto('status_lookups')
    .values({ id: newId(), at: nowIso(ctx.clock), ip, application_number: applicationNumber, outcome })
    .execute();
}
