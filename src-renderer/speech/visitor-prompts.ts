// Issue #21 item 2: what the terminal says to the people in the room during a visit, from the
// call's notices: five and one minute left, an administrator's warning and why, the end and why.
// Pure: the words come back as i18n keys and values; call/use-spoken-notices.ts speaks them.
import { visitorReason } from '../../src-shared/regulation/visitor-wording';
import type { CallNotice } from '../../src-shared/signaling/call-schemas';

export interface Prompt {
  key: string;
  values?: Record<string, string>;
}

export function promptForNotice(notice: CallNotice): Prompt | null {
  switch (notice.kind) {
    case 'time-5':
      return { key: 'speech.fiveMinutes' };
    case 'time-1':
      return { key: 'speech.oneMinute' };
    case 'warning':
      return { key: 'speech.warning', values: { reason: visitorReason(notice.code ?? 'other', notice.text) } };
    case 'terminated':
      return { key: 'speech.terminated', values: { reason: visitorReason(notice.code ?? 'other', notice.text) } };
    case 'ended':
      return { key: 'speech.completed' };
    case 'interrupted':
      return { key: 'speech.interrupted' };
    case 'held':
      return { key: 'speech.held' };
    case 'released':
      return { key: 'speech.released' };
    default:
      return null;
  }
}
