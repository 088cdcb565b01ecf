// The message trees: one base file per language plus one file per area, so that work on
// different areas does not edit the same JSON file. Areas are deep-merged into the base;
// a key defined twice is a mistake and fails loudly at load.
import en from './locales/en.json';
import zhCN from './locales/zh-CN.json';
import callEn from './locales/areas/call.en.json';
import callZh from './locales/areas/call.zh-CN.json';
import consoleVisitEn from './locales/areas/console-visit.en.json';
import consoleVisitZh from './locales/areas/console-visit.zh-CN.json';
import deskEn from './locales/areas/desk.en.json';
import deskZh from './locales/areas/desk.zh-CN.json';
import deskNotificationsEn from './locales/areas/desk-notifications.en.json';
import deskNotificationsZh from './locales/areas/desk-notifications.zh-CN.json';
import deskProofsEn from './locales/areas/desk-proofs.en.json';
import deskProofsZh from './locales/areas/desk-proofs.zh-CN.json';
import deskRecordingsEn from './locales/areas/desk-recordings.en.json';
import deskRecordingsZh from './locales/areas/desk-recordings.zh-CN.json';
import fleetEn from './locales/areas/fleet.en.json';
import fleetZh from './locales/areas/fleet.zh-CN.json';
import monitorEn from './locales/areas/monitor.en.json';
import monitorZh from './locales/areas/monitor.zh-CN.json';
import recordingEn from './locales/areas/recording.en.json';
import recordingZh from './locales/areas/recording.zh-CN.json';
import syncEn from './locales/areas/sync.en.json';
import syncZh from './locales/areas/sync.zh-CN.json';
import visitDayEn from './locales/areas/visit-day.en.json';
import visitDayZh from './locales/areas/visit-day.zh-CN.json';

export type MessageTree = { [key: string]: string | MessageTree };

const isTree = (v: unknown): v is MessageTree => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Deep merge of `extra` into a copy of `base`; a leaf present in both throws. */
export function mergeMessages(base: MessageTree, extra: MessageTree, path = ''): MessageTree {
  const out: MessageTree = { ...base };
  for (const [key, value] of Object.entries(extra)) {
    const at = path ? `${path}.${key}` : key;
    const existing = out[key];
    if (existing === undefined) out[key] = value;
    else if (isTree(existing) && isTree(value)) out[key] = mergeMessages(existing, value, at);
    else throw new Error(`i18n: key "${at}" is defined twice`);
  }
  return out;
}

const merge = (base: MessageTree, areas: MessageTree[]): MessageTree =>
  areas.reduce((acc, area) => mergeMessages(acc, area), base);

export const messages = {
  'zh-CN': merge(zhCN, [
    callZh,
    consoleVisitZh,
    deskZh,
    deskNotificationsZh,
    deskProofsZh,
    deskRecordingsZh,
    fleetZh,
    monitorZh,
    recordingZh,
    syncZh,
    visitDayZh,
  ]),
  en: merge(en, [
    callEn,
    consoleVisitEn,
    deskEn,
    deskNotificationsEn,
    deskProofsEn,
    deskRecordingsEn,
    fleetEn,
    monitorEn,
    recordingEn,
    syncEn,
    visitDayEn,
  ]),
} as const;
