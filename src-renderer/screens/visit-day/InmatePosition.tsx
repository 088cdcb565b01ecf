// R11.2 (prison terminal only): prison police have brought the inmate to the assigned
// position; the administrator confirms it (audited by name in main), and the visit cannot
// start before.
import { useTranslation } from 'react-i18next';
import { useKiosk } from '../../app/kiosk-context';
import type { Roster } from '../../kiosk-types';
import { useSite } from '../../store/hooks';
import { hhmm, runStep } from './run-step';

export function InmatePosition({ roster }: { roster: Roster }) {
  const { t } = useTranslation();
  const client = useKiosk();
  const site = useSite();
  if (!client || site?.siteKind !== 'prison') return null;
  const done = roster.inmateInPosition;
  return (
    <section className="vd-card" data-testid="inmate-position">
      <h2 className="vd-card__title">{t('inmatePosition.title')}</h2>
      {done ? (
        <p className="vd-ok" data-testid="inmate-in-position">
          {t('inmatePosition.done', { name: roster.inmateName, by: done.by, time: hhmm(done.at) })}
        </p>
      ) : (
        <>
          <p className="vd-warn">{t('inmatePosition.waiting', { name: roster.inmateName })}</p>
          <button
            type="button"
            className="button button--primary vd__big"
            data-testid="confirm-inmate-in-position"
            onClick={() => void runStep(() => client.checkin.inmateInPosition({ visitId: roster.visitId }))}
          >
            {t('inmatePosition.confirm')}
          </button>
        </>
      )}
    </section>
  );
}
