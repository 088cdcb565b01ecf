// R25.1: the terminal's login screen: two administrators log in (AdminLoginForm), then the
// day's visits; "back" returns to the idle screen.
import { useTranslation } from 'react-i18next';
import { kioskStore } from '../../store';
import { AdminLoginForm } from './AdminLoginForm';

export function LoginScreen() {
  const { t } = useTranslation();
  return (
    <main className="vd vd--login" data-testid="login-screen">
      <h1 className="vd__title">{t('login.title')}</h1>
      <p className="vd__lead">{t('login.lead')}</p>
      <AdminLoginForm
        onReady={() => kioskStore.getState().screenEvent({ type: 'admins-ready' })}
        actions={
          <button
            type="button"
            className="button vd__big"
            data-testid="login-cancel"
            onClick={() => kioskStore.getState().screenEvent({ type: 'login-cancelled' })}
          >
            {t('login.cancel')}
          </button>
        }
      />
    </main>
  );
}
