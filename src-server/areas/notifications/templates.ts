// The messages to the family (issue #25 item 8; R8.4, R9.2), in Chinese, with the least
// personal data that still tells them what to do: the application number's last six
// characters, the outcome, and once arranged the date, time and place on their side — no
// names, no ID numbers, no reasons (a refusal's reason may speak of the inmate; the relative
// asks the desk), no inmate's offence. The status page (/status) gives the rest to whoever
// holds the full application number and an applicant's ID number.
import type { NotificationsTable } from '../../db/schema';

export type NotificationCause = NotificationsTable['cause'];

export interface MessageFacts {
  applicationId: string;
  cause: NotificationCause;
  /** The arranged visit on the relatives' side, when there is one. */
  visit: { date: string; start: string; place: string } | null;
  statusPageUrl: string | undefined;
}

/** Longest place name a message carries (a room and its bureau or office; longer is cut with …). */
const MAX_PLACE_CHARS = 30;

const tailOf = (id: string) => id.replace(/-/g, '').slice(-6).toUpperCase();

function when(visit: NonNullable<MessageFacts['visit']>): string {
  const [, month, day] = visit.date.split('-').map(Number);
  const place = visit.place.length > MAX_PLACE_CHARS ? `${visit.place.slice(0, MAX_PLACE_CHARS - 1)}…` : visit.place;
  return `${month}月${day}日${visit.start}，${place}`;
}

export function composeMessage(facts: MessageFacts): string {
  const tail = tailOf(facts.applicationId);
  const query = facts.statusPageUrl !== undefined ? `进度查询：${facts.statusPageUrl}` : '进度可凭申请编号向受理窗口查询。';
  const visit = facts.visit;
  switch (facts.cause) {
    case 'approved':
      return visit
        ? `【远程会见】申请尾号${tail}已获批准：${when(visit)}。请携带身份证件提前到场。${query}`
        : `【远程会见】申请尾号${tail}已获批准，时间地点另行通知。${query}`;
    case 'refused':
      return `【远程会见】申请尾号${tail}未获批准，原因请向受理窗口询问。${query}`;
    case 'arranged':
      return visit
        ? `【远程会见】监狱安排会见（申请尾号${tail}）：${when(visit)}。请向司法局答复是否同意。${query}`
        : `【远程会见】监狱已同意会见（申请尾号${tail}），请向司法局答复是否同意。${query}`;
    case 'rescheduled':
    default:
      return visit
        ? `【远程会见】申请尾号${tail}的会见改为${when(visit)}。${query}`
        : `【远程会见】申请尾号${tail}的会见时间有变，请向司法局询问。${query}`;
  }
}
