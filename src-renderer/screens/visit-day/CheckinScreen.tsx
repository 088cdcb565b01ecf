// R10.1, R11.1, R14.2, R27.1: the visitors' check-in. The card on the reader (or a typed
// entry) is matched by main against the approved visitors; the list shows who has
// checked in, and a refusal is shown with its requirement id.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScreenProps } from '../registry';
import { AdminFrame } from './AdminFrame';
import { InmatePosition } from './InmatePosition';
import { InterpreterForm } from './InterpreterForm';
import { ManualEntryForm } from './ManualEntryForm';
import { RefusalBanner } from './RefusalBanner';
import { hhmm, maskDocument, runStep } from './run-step';
import { useVisitRoster } from './use-roster';
import { VisitHeader } from './VisitHeader';
import { visitorText } from '../../../src-shared/regulation/visitor-wording';
import { usePrompt } from '../../speech/use-prompt';
import { kioskStore } from '../../store';

export function CheckinScreen({ screen }: ScreenProps<'checkin'>) {
  const { t } = useTranslation();
  const { client, roster } = useVisitRoster(screen.visitId);
  const [manual, setManual] = useState(false);
  const [reading, setReading] = useState(false);
  // Issue #21: the visitor is told (aloud and on screen) to place the card, then how it went.
  const prompt = usePrompt();

  const readCard = async () => {
    if (!client || reading) return;
    setReading(true);
    prompt.say({ key: 'speech.placeCard' });
    try {
      const accepted = await runStep(() => client.checkin.readCard({ visitId: screen.visitId }));
      const refusal = kioskStore.getState().lastRefusal;
      if (accepted) prompt.say({ key: 'speech.cardRead' });
      else if (refusal) prompt.say({ key: 'speech.cardRefused', values: { reason: visitorText(refusal.message) } });
    } finally {
      setReading(false);
    }
  };
  const present = roster?.visitors.filter((v) => v.checkedInAt !== null).length ?? 0;

  return (
    <AdminFrame title={t('checkin.title')} testId="checkin-screen" visitId={screen.visitId} step="checkin">
      {roster && <VisitHeader roster={roster} />}
      {prompt.text && (
        <p className="vd-prompt" data-testid="visitor-prompt" role="status">
          {prompt.text}
        </p>
      )}
      <RefusalBanner />
      {roster && <InmatePosition roster={roster} />}
      <div className="vd-actions">
        <button
          type="button"
          className="button button--primary vd__huge"
          data-testid="read-card"
          disabled={reading}
          onClick={() => void readCard()}
        >
          {reading ? t('checkin.reading') : t('checkin.readCard')}
        </button>
        <button
          type="button"
          className="button vd__big"
          data-testid="toggle-manual"
          aria-expanded={manual}
          onClick={() => setManual(!manual)}
        >
          {t('checkin.manual')}
        </button>
      </div>
      {manual && <ManualEntryForm visitId={screen.visitId} />}
      {roster && (
        <section className="vd-card">
          <h2 className="vd-card__title">{t('checkin.approved', { present, max: roster.maxVisitors })}</h2>
          <table className="vd-table" data-testid="roster">
            <thead>
              <tr>
                <th>{t('checkin.cols.name')}</th>
                <th>{t('checkin.cols.relationship')}</th>
                <th>{t('checkin.cols.document')}</th>
                <th>{t('checkin.cols.status')}</th>
              </tr>
            </thead>
            <tbody>
              {roster.visitors.map((v) => (
                <tr key={v.visitorId} data-testid={`roster-${v.visitorId}`} data-checked-in={v.checkedInAt !== null}>
                  <td>{v.name}</td>
                  <td>{v.relationshipLabel}</td>
                  <td className="vd-mono">{maskDocument(v.documentNumber)}</td>
                  <td>
                    {v.checkedInAt ? (
                      <span className="vd-ok">
                        {t('checkin.checkedIn', {
                          time: hhmm(v.checkedInAt),
                          source: t(`checkin.source.${v.source === 'manual' ? 'manual' : 'reader'}`),
                        })}
                      </span>
                    ) : (
                      <span className="vd-muted">{t('checkin.notCheckedIn')}</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      {roster?.interpreterRequired && <InterpreterForm roster={roster} />}
    </AdminFrame>
  );
}
