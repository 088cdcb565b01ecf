// What the Electron updater needs from the running terminal: the feed's address, the version
// it runs, a fresh credential for each request, the province's key, and the facts the install
// policy decides on (this room's visits, a live call, an open recording), read when asked.
import type { Database } from 'better-sqlite3';
import type { KeyObject } from 'node:crypto';
import { chinaDate, chinaInstant } from '../../src-shared/calendar/china-time';
import type { TerminalConfig } from '../config/schema';
import type { InstallSituation, VisitSlot } from './install-policy';
import { provinceKey } from './verify-update';

export interface UpdateHost {
  /** The generic provider's folder: <store>/api/updates/<channel>/; null when updates are not configured. */
  readonly feedUrl: string | null;
  readonly runningVersion: string;
  readonly dataDir: string;
  readonly provinceKey: KeyObject | null;
  /** Why updates are off, when they are. */
  readonly disabledReason: string | null;
  /** The terminal's bearer token (null before enrolment). */
  token(): Promise<string | null>;
  situation(): InstallSituation;
}

export interface UpdateHostOptions {
  readonly db: Database;
  readonly config: TerminalConfig;
  readonly appVersion: string;
  readonly now: () => Date;
  readonly token: () => Promise<string | null>;
  readonly liveCall: () => boolean;
}

const DAY = 86_400_000;

export function createUpdateHost(options: UpdateHostOptions): UpdateHost {
  const { db, config, now } = options;
  let key: KeyObject | null = null;
  let disabledReason: string | null = null;
  if (config.updates === undefined) disabledReason = '配置文件未设置 updates（省厅更新公钥），不检查更新';
  else {
    try {
      key = provinceKey(config.updates.provinceKey);
    } catch (error) {
      disabledReason = `省厅更新公钥无效：${error instanceof Error ? error.message : String(error)}`;
    }
  }
  const feedUrl =
    key === null || config.updates === undefined
      ? null
      : new URL(`api/updates/${config.updates.channel}/`, withSlash(config.centralStoreUrl)).href;
  const visits = db.prepare<
    [string, string],
    { visit_id: string; date: string; start_time: string; minutes: number; status: string }
  >('SELECT visit_id, date, start_time, minutes, status FROM visits WHERE date IN (?, ?)');
  const openRecording = db.prepare("SELECT 1 FROM recordings WHERE state = 'recording' LIMIT 1");
  return {
    feedUrl,
    runningVersion: options.appVersion,
    dataDir: config.dataDir,
    provinceKey: key,
    disabledReason,
    token: options.token,
    situation() {
      const at = now();
      const slots: VisitSlot[] = visits.all(chinaDate(at), chinaDate(new Date(at.getTime() + DAY))).map((v) => ({
        visitId: v.visit_id,
        status: v.status,
        startsAt: chinaInstant(v.date, v.start_time),
        minutes: v.minutes,
      }));
      return { now: at, visits: slots, liveCall: options.liveCall(), recording: openRecording.get() !== undefined };
    },
  };
}

const withSlash = (url: string): string => (url.endsWith('/') ? url : `${url}/`);
