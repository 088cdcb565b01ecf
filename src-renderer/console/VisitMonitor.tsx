// The visit as the console sees it (R13.1, R24.1, R25.1): both rooms' pictures live with
// their sound meters, the time left in large figures, and the two administrators on duty.
// The pictures come from the visit window over the loopback feed (use-console-feed.ts).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallState } from '../../src-shared/signaling/call-schemas';
import { Countdown } from '../call/Countdown';
import { useKiosk } from '../app/kiosk-context';
import { useSession } from '../store/hooks';
import { FeedTile } from './FeedTile';
import { useConsoleFeed } from './use-console-feed';

export function VisitMonitor({ call }: { call: CallState }) {
  const { t } = useTranslation();
  const client = useKiosk();
  const session = useSession();
  const live = call.phase !== 'ended';
  const { own, other } = useConsoleFeed(client, call.visitId, live);
  const [listening, setListening] = useState(false);
  const inmate = `${t('supervision.inmate')} ${call.inmateName}`;
  const visitors = `${t('supervision.visitors')} ${call.visitors.map((v) => v.name).join('、')}`;
  const admins = session?.admins ?? [];
  return (
    <div className="visit-monitor" data-testid="visit-monitor">
      <div className="visit-monitor__pictures">
        <FeedTile
          title={t('consoleVisit.otherRoom')}
          who={call.side === 'inmate' ? visitors : inmate}
          stream={other}
          muted={!listening}
          testId="other"
        />
        <FeedTile
          title={t('consoleVisit.ownRoom')}
          who={call.side === 'inmate' ? inmate : visitors}
          stream={own}
          muted
          testId="own"
        />
      </div>
      <div className="visit-monitor__side">
        <div className="visit-monitor__countdown">
          <Countdown call={call} />
        </div>
        <button
          type="button"
          className={`button${listening ? ' button--primary' : ''}`}
          data-testid="console-listen"
          aria-pressed={listening}
          onClick={() => setListening((v) => !v)}
        >
          {listening ? t('consoleVisit.listening') : t('consoleVisit.listen')}
        </button>
        <div className="visit-monitor__duty" data-testid="console-on-duty">
          <span className="visit-monitor__label">{t('consoleVisit.onDuty')}</span>
          {admins.length === 0 ? (
            <span>{t('consoleVisit.onDutyNone')}</span>
          ) : (
            <ul>
              {admins.map((a) => (
                <li key={a.staffId} data-testid="on-duty-admin">
                  <strong>{a.name}</strong> <code>{a.staffId}</code>
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </div>
  );
}
