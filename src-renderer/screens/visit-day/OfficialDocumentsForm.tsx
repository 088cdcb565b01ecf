// R34.1: a special visitor (lawyer, notary, court, procuratorate, police, commission)
// shows the official letter and a credential; the administrator types their numbers and
// main compares them with what the approval recorded.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useKiosk } from '../../app/kiosk-context';
import type { RosterVisitor } from '../../kiosk-types';
import { hhmm, runStep } from './run-step';

export function OfficialDocumentsForm({ visitId, visitor }: { visitId: string; visitor: RosterVisitor }) {
  const { t } = useTranslation();
  const client = useKiosk();
  const [letterReference, setLetter] = useState('');
  const [credentialNumber, setCredential] = useState('');
  const special = visitor.special;
  if (!client || !special) return null;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    await runStep(() =>
      client.checkin.checkDocuments({ visitId, documentNumber: visitor.documentNumber, letterReference, credentialNumber }),
    );
  };
  return (
    <div className="vd-prep__row" data-testid="official-documents">
      <span className="vd-prep__label">
        {t('officialDocuments.title', { kind: special.kindLabel, organisation: special.organisation })}
      </span>
      {visitor.documentsCheckedAt ? (
        <span className="vd-ok" data-testid="documents-checked">
          {t('officialDocuments.done', { time: hhmm(visitor.documentsCheckedAt) })}
        </span>
      ) : (
        <form className="vd-form vd-form--inline" onSubmit={(e) => void submit(e)}>
          <label className="vd-form__field">
            <span>
              {special.letter ? t('officialDocuments.letter', { kind: special.letter.label }) : t('officialDocuments.letterAny')}
            </span>
            <input value={letterReference} onChange={(e) => setLetter(e.target.value)} data-testid="letter-reference" required />
          </label>
          <label className="vd-form__field">
            <span>{t('officialDocuments.credential')}</span>
            <input
              value={credentialNumber}
              onChange={(e) => setCredential(e.target.value)}
              data-testid="credential-number"
              required
            />
          </label>
          <button type="submit" className="button button--primary vd__big" data-testid="documents-submit">
            {t('officialDocuments.submit')}
          </button>
        </form>
      )}
    </div>
  );
}
