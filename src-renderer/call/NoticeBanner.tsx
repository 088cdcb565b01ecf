// The latest warning on the visitors' and the inmate's screen: an administrator's
// R16.1 warning in one plain sentence (the code stays on the console and in the audit, issue #21),
// or a time warning (5 and 1 minutes).
import { useTranslation } from 'react-i18next';
import { visitorReason, visitorText } from '../../src-shared/regulation/visitor-wording';
import type { CallNotice, CallState } from '../../src-shared/signaling/call-schemas';

const SHOWN = new Set<CallNotice['kind']>(['warning', 'time-5', 'time-1', 'extended']);

export function NoticeBanner({ call }: { call: CallState }) {
  const { t } = useTranslation();
  const notice = [...call.notices].reverse().find((n) => SHOWN.has(n.kind));
  if (!notice || call.phase === 'ended') return null;
  return (
    <div className="call-banner" data-testid="call-banner" data-kind={notice.kind} data-code={notice.code ?? ''} role="alert">
      <strong className="call-banner__title">{t(`call.notice.${notice.kind}`)}</strong>
      {notice.kind === 'warning' && (
        <span className="call-banner__text">{visitorReason(notice.code ?? 'other', notice.text)}</span>
      )}
      {notice.kind === 'extended' && <span className="call-banner__text">{visitorText(notice.text)}</span>}
    </div>
  );
}
