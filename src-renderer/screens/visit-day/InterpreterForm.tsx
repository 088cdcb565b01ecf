// R23.1: the interpreter for a visit not in Mandarin (or in sign language) is checked in
// by name and ID number before the start.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useKiosk } from '../../app/kiosk-context';
import type { Roster } from '../../kiosk-types';
import { maskDocument, runStep } from './run-step';

export function InterpreterForm({ roster }: { roster: Roster }) {
  const { t } = useTranslation();
  const client = useKiosk();
  const [name, setName] = useState('');
  const [documentNumber, setDocumentNumber] = useState('');
  const languages = roster.languages.filter((l) => l !== '普通话');

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!client) return;
    if (await runStep(() => client.checkin.interpreter({ visitId: roster.visitId, name, documentNumber, languages }))) {
      setName('');
      setDocumentNumber('');
    }
  };

  return (
    <section className="vd-card" data-testid="interpreter">
      <h2 className="vd-card__title">{t('interpreter.title', { languages: languages.join('、') })}</h2>
      {roster.interpreter ? (
        <p className="vd-ok" data-testid="interpreter-registered">
          {t('interpreter.registered', {
            name: roster.interpreter.name,
            number: maskDocument(roster.interpreter.documentNumber),
          })}
        </p>
      ) : (
        <p className="vd-warn" data-testid="interpreter-missing">
          {t('interpreter.missing')}
        </p>
      )}
      <form className="vd-form vd-form--inline" onSubmit={(e) => void submit(e)}>
        <label className="vd-form__field">
          <span>{t('interpreter.name')}</span>
          <input value={name} onChange={(e) => setName(e.target.value)} data-testid="interpreter-name" required />
        </label>
        <label className="vd-form__field">
          <span>{t('interpreter.idNumber')}</span>
          <input
            value={documentNumber}
            onChange={(e) => setDocumentNumber(e.target.value)}
            data-testid="interpreter-id"
            required
          />
        </label>
        <button type="submit" className="button button--primary vd__big" data-testid="interpreter-submit">
          {t('interpreter.submit')}
        </button>
      </form>
    </section>
  );
}
