// R23.1 at intake: the language(s) the visit will be held in. Anything but Mandarin means an
// interpreter must be present on the day; the store carries it to the terminals' day.
import { useTranslation } from 'react-i18next';
import type { IntakeDraft } from './intake-draft';

const KINDS: IntakeDraft['languageKind'][] = ['mandarin', 'minority', 'foreign', 'sign'];

export function LanguageField({
  draft,
  onChange,
}: {
  draft: IntakeDraft;
  onChange: (next: Pick<IntakeDraft, 'languageKind' | 'languageName'>) => void;
}) {
  const { t } = useTranslation();
  const named = draft.languageKind === 'minority' || draft.languageKind === 'foreign';
  return (
    <div className="desk-row" data-testid="visit-language">
      <label className="desk-field">
        <span>
          {t('desk.intake.language')} <span className="desk-req">R23.1</span>
        </span>
        <select
          data-testid="language-kind"
          value={draft.languageKind}
          onChange={(e) => onChange({ languageKind: e.target.value as IntakeDraft['languageKind'], languageName: '' })}
        >
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`desk.intake.languageKinds.${k}`)}
            </option>
          ))}
        </select>
      </label>
      {named && (
        <label className="desk-field">
          <span>{t('desk.intake.languageName')}</span>
          <input
            data-testid="language-name"
            maxLength={20}
            value={draft.languageName}
            placeholder={draft.languageKind === 'minority' ? '彝语' : '缅甸语'}
            onChange={(e) => onChange({ languageKind: draft.languageKind, languageName: e.target.value })}
          />
        </label>
      )}
      {draft.languageKind !== 'mandarin' && (
        <p className="desk-note" data-testid="interpreter-note">
          {t('desk.intake.interpreterNote')}
        </p>
      )}
    </div>
  );
}
