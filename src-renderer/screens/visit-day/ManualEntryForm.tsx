// R11.1 fallback: the document typed in by staff; main checks the number (GB 11643) and
// matches it against the approved visitors exactly like a card.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useKiosk } from '../../app/kiosk-context';
import { KeyboardToggle, OnScreenKeyboard } from '../../controls/OnScreenKeyboard';
import { runStep } from './run-step';

const DOCUMENTS = [
  'resident-id',
  'household-register',
  'hk-macao-taiwan-residence-permit',
  'foreign-permanent-resident',
] as const;
type Doc = (typeof DOCUMENTS)[number];

export function ManualEntryForm({ visitId }: { visitId: string }) {
  const { t } = useTranslation();
  const client = useKiosk();
  const [document, setDocument] = useState<Doc>('resident-id');
  const [name, setName] = useState('');
  const [idNumber, setIdNumber] = useState('');
  const [validTo, setValidTo] = useState('');
  // Issue #21: the on-screen keyboard (digits, X, '-') types into the number or the validity field.
  const [keyboard, setKeyboard] = useState(false);
  const [field, setField] = useState<'id' | 'validTo'>('id');
  const edit = (change: (v: string) => string) =>
    field === 'id' ? setIdNumber((v) => change(v).slice(0, 18)) : setValidTo((v) => change(v).slice(0, 10));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!client) return;
    const entry = { document, name, idNumber, ...(document === 'household-register' ? {} : { validTo }) };
    if (await runStep(() => client.checkin.manual({ visitId, entry }))) {
      setName('');
      setIdNumber('');
      setValidTo('');
    }
  };

  return (
    <form className="vd-form" data-testid="manual-entry" onSubmit={(e) => void submit(e)}>
      <label className="vd-form__field">
        <span>{t('manual.document')}</span>
        <select value={document} onChange={(e) => setDocument(e.target.value as Doc)} data-testid="manual-document">
          {DOCUMENTS.map((d) => (
            <option key={d} value={d}>
              {t(`manual.documents.${d}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="vd-form__field">
        <span>{t('manual.name')}</span>
        <input value={name} onChange={(e) => setName(e.target.value)} data-testid="manual-name" required />
      </label>
      <label className="vd-form__field">
        <span>{t('manual.idNumber')}</span>
        <input
          value={idNumber}
          inputMode="numeric"
          autoComplete="off"
          onFocus={() => setField('id')}
          onChange={(e) => setIdNumber(e.target.value)}
          data-testid="manual-id"
          required
        />
      </label>
      {document !== 'household-register' && (
        <label className="vd-form__field">
          <span>{t('manual.validTo')}</span>
          <input
            value={validTo}
            onFocus={() => setField('validTo')}
            onChange={(e) => setValidTo(e.target.value)}
            placeholder={t('manual.validToHint')}
            data-testid="manual-valid-to"
            required
          />
        </label>
      )}
      <div className="vd-form__actions">
        <button type="submit" className="button button--primary vd__big" data-testid="manual-submit">
          {t('manual.submit')}
        </button>
        <KeyboardToggle open={keyboard} onToggle={() => setKeyboard(!keyboard)} testId="manual-osk-toggle" />
      </div>
      {keyboard && (
        <OnScreenKeyboard
          layout="id-number"
          testId="manual-osk"
          onType={(ch) => edit((v) => v + ch)}
          onBackspace={() => edit((v) => v.slice(0, -1))}
          onClear={() => edit(() => '')}
        />
      )}
    </form>
  );
}
