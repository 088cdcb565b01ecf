// R25.1: two administrators log in one after the other, each with their own account; the
// second slot opens once the first has logged in. Offline: main checks the synced hashes.
// Shared by the terminal's login screen and the supervision console's.
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useKiosk } from '../../app/kiosk-context';
import { KioskCallError } from '../../kiosk-client';
import { kioskStore } from '../../store';
import { useSession } from '../../store/hooks';
import { KeyboardToggle, OnScreenKeyboard } from '../../controls/OnScreenKeyboard';

interface Props {
  /** Both administrators are in (the session unlocked). */
  onReady?: () => void;
  /** Extra buttons beside the submit (e.g. the terminal's "back"). */
  actions?: ReactNode;
}

export function AdminLoginForm({ onReady, actions }: Props) {
  const { t } = useTranslation();
  const client = useKiosk();
  const session = useSession();
  const admins = session?.admins ?? [];
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Issue #21: the on-screen keyboard types into the field last focused.
  const [keyboard, setKeyboard] = useState(false);
  const [field, setField] = useState<'username' | 'password'>('username');
  const edit = (change: (v: string) => string) =>
    field === 'username' ? setUsername((v) => change(v).slice(0, 64)) : setPassword((v) => change(v).slice(0, 128));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!client || busy) return;
    setBusy(true);
    try {
      const r = await client.auth.login({ username, password });
      kioskStore.getState().setSession(r.session);
      setPassword('');
      if (r.accepted) {
        setUsername('');
        setError(null);
        if (!r.session.locked) onReady?.();
      } else {
        setError(r.refusal.requirement ? `${r.refusal.requirement}：${r.refusal.message}` : r.refusal.message);
      }
    } catch (err) {
      setError(err instanceof KioskCallError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <ol className="vd-login__slots" data-testid="login-slots">
        {[0, 1].map((i) => {
          const admin = admins[i];
          return (
            <li
              key={i}
              className={admin ? 'vd-login__slot vd-login__slot--done' : 'vd-login__slot'}
              data-testid={`login-slot-${i + 1}`}
            >
              <span className="vd-login__slot-label">{t(i === 0 ? 'login.first' : 'login.second')}</span>
              <span className="vd-login__slot-name">{admin ? admin.name : t('login.waiting')}</span>
            </li>
          );
        })}
      </ol>
      <form className="vd-form vd-login__form" onSubmit={(e) => void submit(e)}>
        <label className="vd-form__field">
          <span>{t('login.username')}</span>
          <input
            data-testid="login-username"
            autoComplete="off"
            value={username}
            onFocus={() => setField('username')}
            onChange={(e) => setUsername(e.target.value)}
            required
          />
        </label>
        <label className="vd-form__field">
          <span>{t('login.password')}</span>
          <input
            data-testid="login-password"
            type="password"
            autoComplete="off"
            value={password}
            onFocus={() => setField('password')}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
        </label>
        <div className="vd-form__actions">
          <button type="submit" className="button button--primary vd__big" data-testid="login-submit" disabled={busy}>
            {t(admins.length === 0 ? 'login.submitFirst' : 'login.submitSecond')}
          </button>
          <KeyboardToggle open={keyboard} onToggle={() => setKeyboard(!keyboard)} />
          {actions}
        </div>
        {keyboard && (
          <OnScreenKeyboard
            layout="letters"
            onType={(ch) => edit((v) => v + ch)}
            onBackspace={() => edit((v) => v.slice(0, -1))}
            onClear={() => edit(() => '')}
          />
        )}
        <p className="vd-login__error" role="alert" data-testid="login-error">
          {error}
        </p>
      </form>
    </>
  );
}
