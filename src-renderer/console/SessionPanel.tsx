// The administrators logged in (R25.1 asks for two per visit); none until the login issue.
import { useTranslation } from 'react-i18next';
import { localDateTime } from '../app/dates';
import { useSession } from '../store/hooks';

export function SessionPanel() {
  const { t } = useTranslation();
  const session = useSession();
  const admins = session?.admins ?? [];
  return (
    <section className="card console__panel" data-testid="console-session" aria-labelledby="console-session-title">
      <h2 id="console-session-title" className="card__title">
        {t('console.session.title')}
      </h2>
      {admins.length === 0 ? (
        <p className="console__empty" data-testid="console-no-admins">
          {t('console.session.none')}
        </p>
      ) : (
        <ul className="console__list">
          {admins.map((a) => (
            <li key={a.staffId}>
              <strong>{a.name}</strong> <code>{a.staffId}</code>{' '}
              {t('console.session.loggedInAt', { time: localDateTime(a.loggedInAt) })}
            </li>
          ))}
        </ul>
      )}
      {session && <p className="console__note">{session.locked ? t('console.session.locked') : t('console.session.unlocked')}</p>}
      <p className="console__note">{t('console.session.rule')}</p>
    </section>
  );
}
