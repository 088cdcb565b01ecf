// The configuration a terminal pulls: retention from the store's
// configuration, the R14.2 limits, the STUN/TURN servers signaling hands out (one
// source: SIGNAL_ICE_SERVERS), and the calendar override tables. Its cursor is the
// SHA-256 of the canonical content, so no table needs a change sequence of its own.
import { createHash } from 'node:crypto';
import type { AppContext } from '../../context';
import type { IceConfig } from '../../../src-shared/signaling/protocol';
import { NORMAL_LIMITS } from '../../../src-shared/regulation/prison-policy';
import { MAX_EVENTS_PER_BATCH } from '../../../src-shared/sync/schemas';
import type { ConfigPage, SyncedConfig } from '../../../src-shared/sync/config';
import { loadOverrides } from '../calendar/load-calendar';

export async function currentConfig(ctx: AppContext, ice: IceConfig): Promise<SyncedConfig> {
  return {
    retentionDays: ctx.config.retentionDays,
    limits: { ...NORMAL_LIMITS, maxEventsPerBatch: MAX_EVENTS_PER_BATCH },
    ice,
    calendar: await loadOverrides(ctx.db),
  };
}

export const configCursor = (config: SyncedConfig): string => createHash('sha256').update(JSON.stringify(config)).digest('hex');

export async function configPage(ctx: AppContext, ice: IceConfig, cursor: string | undefined): Promise<ConfigPage> {
  const config = await currentConfig(ctx, ice);
  const next = configCursor(config);
  return next === cursor ? { changed: false, cursor: next } : { changed: true, cursor: next, config };
}
