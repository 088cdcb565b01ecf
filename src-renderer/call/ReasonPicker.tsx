// The R16.1 / R17.1 reasons as grouped buttons (reason-groups.ts): one click chooses, the
// chosen one stays lit, "其他" opens the note the regulation asks for (R22.1).
import { useTranslation } from 'react-i18next';
import { REASON_GROUPS, type ReasonChoice } from '../../src-shared/regulation/reason-groups';

export function ReasonPicker({
  choice,
  note,
  onChoose,
  onNote,
}: {
  choice: ReasonChoice | null;
  note: string;
  onChoose: (choice: ReasonChoice | null) => void;
  onNote: (note: string) => void;
}) {
  const { t } = useTranslation();
  const chosen = choice?.code ?? null;
  return (
    <fieldset className="reason-picker" data-testid="reason-picker">
      <legend className="reason-picker__legend">{t('consoleVisit.reasons')}</legend>
      {REASON_GROUPS.map((g) => (
        <div key={g.id} className="reason-picker__group" data-testid={`reason-group-${g.id}`}>
          <span className="reason-picker__group-title">{g.title}</span>
          <div className="reason-picker__buttons">
            {g.reasons.map((r) => (
              <button
                key={r.code}
                type="button"
                className="reason-picker__button"
                data-testid={`reason-${r.code}`}
                data-kind={r.warnable ? 'warn' : 'terminate'}
                aria-pressed={chosen === r.code}
                title={`${r.code} ${r.text}`}
                onClick={() => onChoose(chosen === r.code ? null : { code: r.code })}
              >
                <span className="reason-picker__code">{r.code.replace(/^R1[67]\.1/, '')}</span>
                {r.short}
              </button>
            ))}
          </div>
        </div>
      ))}
      <div className="reason-picker__group">
        <button
          type="button"
          className="reason-picker__button"
          data-testid="reason-other"
          aria-pressed={chosen === 'other'}
          onClick={() => onChoose(chosen === 'other' ? null : { code: 'other', note })}
        >
          {t('consoleVisit.other')}
        </button>
        <input
          className="reason-picker__note"
          data-testid="reason-note"
          value={note}
          maxLength={200}
          placeholder={t('consoleVisit.note')}
          aria-label={t('consoleVisit.note')}
          onChange={(e) => onNote(e.target.value)}
          onFocus={() => chosen !== 'other' && onChoose({ code: 'other', note })}
        />
      </div>
    </fieldset>
  );
}
