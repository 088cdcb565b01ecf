// A terminal's heartbeat: what it reports to the central store every minute and on every
// state change (version, OS, uptime, disk, the last equipment check per device, its clock
// against the store's, the sync backlog, the visit state, its last error lines). Small and
// bounded: every string and list has a cap, so a terminal cannot fill the store.
import { z } from 'zod';
import { plainText } from '../text/plain-text';

/** The devices whose last check a heartbeat carries (the card reader's is its last read). */
export const HEARTBEAT_DEVICES = ['camera', 'microphone', 'speaker', 'cardReader', 'recorder'] as const;
export type HeartbeatDevice = (typeof HEARTBEAT_DEVICES)[number];

export const MAX_ERROR_LINES = 20;
export const MAX_ERROR_CHARS = 300;
export const MAX_DETAIL_CHARS = 300;

/** The visit states a terminal reports: none due now, or its current visit's status. */
export const HEARTBEAT_VISIT_STATES = ['idle', 'scheduled', 'checking-in', 'in-progress'] as const;
export const HEARTBEAT_REASONS = ['start', 'interval', 'state-change'] as const;

const iso = z.iso.datetime('须为 ISO-8601 UTC 时间');
const count = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const shortText = (label: string, max: number) => plainText(label, max, { min: 0 });

export const deviceCheckSchema = z.object({ ok: z.boolean(), detail: shortText('检查结果', MAX_DETAIL_CHARS), checkedAt: iso });
export type DeviceCheck = z.infer<typeof deviceCheckSchema>;

export const heartbeatSchema = z
  .object({
    /** One per send: the same id sent again is a no-op at the store. */
    id: z.uuid('须为 UUID'),
    /** The terminal's clock when it sent (t0 of the clock exchange). */
    sentAt: iso,
    reason: z.enum(HEARTBEAT_REASONS),
    version: plainText('版本', 40),
    os: z.object({ platform: plainText('操作系统', 40), release: shortText('系统版本', 100), arch: plainText('架构', 20) }),
    uptimeSeconds: count,
    disk: z.object({
      /** Free bytes on the recordings' file system; null when it could not be read. */
      freeBytes: count.nullable(),
      /** Minutes of recording that room holds (the equipment check's arithmetic); null with freeBytes. */
      recordingMinutes: count.nullable(),
    }),
    /** The last check of each device; null when it was never checked. */
    devices: z.object(
      Object.fromEntries(HEARTBEAT_DEVICES.map((d) => [d, deviceCheckSchema.nullable()])) as Record<
        HeartbeatDevice,
        z.ZodNullable<typeof deviceCheckSchema>
      >,
    ),
    /** The offset of the store's clock against the terminal's from the previous exchange (NTP-style); null before one. */
    clock: z.object({
      offsetMs: z.number().finite().min(-1e12).max(1e12).nullable(),
      rttMs: z.number().finite().min(0).max(1e9).nullable(),
    }),
    backlog: z.object({ events: count, bytes: count, oldestAt: iso.nullable() }),
    visit: z.object({ state: z.enum(HEARTBEAT_VISIT_STATES), visitId: shortText('会见编号', 64).nullable() }),
    errors: z
      .array(z.object({ at: iso, level: z.enum(['warn', 'error']), message: shortText('错误信息', MAX_ERROR_CHARS) }))
      .max(MAX_ERROR_LINES, `错误信息最多 ${MAX_ERROR_LINES} 条`),
  })
  .meta({ id: 'Heartbeat' });
export type Heartbeat = z.infer<typeof heartbeatSchema>;

/** The store's times in the exchange (t1, t2): the terminal derives its clock offset from them. */
export const heartbeatAckSchema = z.object({ receivedAt: iso, answeredAt: iso, duplicate: z.boolean() });
export type HeartbeatAck = z.infer<typeof heartbeatAckSchema>;
