// First start of a terminal: an administrator types the one-time enrolment code the
// central store issued for this room; main trades it for the terminal's own credential, which
// then carries sync, uploads and the call's signaling. Shown while the terminal is unenrolled.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useKiosk } from '../app/kiosk-context';
import { kioskStore } from '../store';

export function EnrolForm({ enrolled }: { enrolled: boolean }) {
  const { t } = useTranslation();
  const kiosk = useKiosk();
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!kiosk || busy) return;
    setBusy(true);
    setMessage(null);
    kiosk.admin
      .enrol({ code: code.trim() })
      .then(
        async (enrolled) => {
          setMessage({ ok: true, text: t('console.enrol.done', { terminalId: enrolled.terminalId }) });
          setCode('');
          // Main runs the first round at once (today's visits and the staff); its status arrives as events too.
          kioskStore.getState().setSyncStatus(await kiosk.sync.status());
        },
        (error: unknown) =>
          setMessage({
            ok: false,
            text: t('console.enrol.failed', { message: error instanceof Error ? error.message : String(error) }),
          }),
      )
      .finally(() => setBusy(false));
  };

  return (
    <form className="console__enrol" data-testid="console-enrol" onSubmit={submit}>
      {enrolled ? null : (
        <>
          <p className="console__note">{t('console.enrol.hint')}</p>
          <label>
            {t('console.enrol.code')}
            <input
              data-testid="console-enrol-code"
              value={code}
              maxLength={32}
              autoComplete="off"
              onChange={(e) => setCode(e.target.value)}
            />
          </label>
          <button
            type="submit"
            className="button button--primary"
            data-testid="console-enrol-submit"
            disabled={busy || !kiosk || code.trim() === ''}
          >
            {busy ? t('console.enrol.busy') : t('console.enrol.submit')}
          </button>
        </>
      )}
      {message ? (
        <p
          className={message.ok ? 'console__note' : 'console__note facts__warn'}
          role="status"
          data-testid="console-enrol-message"
        >
          {message.text}
        </p>
      ) : null}
    </form>
  );
}
