// The clerk's login to the central store (its own account; main keeps the token in memory).
// An open session (main still holds a valid token) is picked up without asking again.
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { deskCall } from '../app/desk-call';
import { deskActions, useDeskClient, useDeskTask } from '../app/desk-hooks';
import { RefusalNote } from '../app/RefusalNote';
import { LargeTypeToggle } from '../../controls/LargeTypeToggle';

export function DeskLogin() {
  const { t } = useTranslation();
  const client = useDeskClient();
  const task = useDeskTask();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');

  useEffect(() => {
    let live = true;
    deskCall(client.desk.me())
      .then((me) => {
        if (live && me) deskActions().setDeskStaff(me);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [client]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const staff = await task.run(() => deskCall(client.desk.login({ username, password })));
    setPassword('');
    if (staff) deskActions().setDeskStaff(staff);
  };

  return (
    <div className="desk desk--login" data-testid="desk-login">
      <form className="card desk-login" onSubmit={(e) => void submit(e)}>
        <h1 className="card__title">{t('desk.login.title')}</h1>
        <p>{t('desk.login.intro')}</p>
        <label className="desk-field">
          <span>{t('desk.login.username')}</span>
          <input
            autoComplete="username"
            data-testid="desk-username"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
          />
        </label>
        <label className="desk-field">
          <span>{t('desk.login.password')}</span>
          <input
            type="password"
            autoComplete="current-password"
            data-testid="desk-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        <RefusalNote refusal={task.refusal} />
        <button type="submit" className="button button--primary" data-testid="desk-login-submit" disabled={task.busy}>
          {t('desk.login.submit')}
        </button>
        <LargeTypeToggle />
      </form>
    </div>
  );
}
