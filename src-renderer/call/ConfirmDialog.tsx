// The confirmation before an action that stops or silences the visit (R24.1): it names the
// reason in full, so the officer sees what both audit chains will say before it happens.
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

export function ConfirmDialog({
  message,
  danger,
  onConfirm,
  onCancel,
}: {
  message: string;
  danger: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const cancel = useRef<HTMLButtonElement>(null);
  // The safe choice has the focus: Enter by habit does not end a visit.
  useEffect(() => cancel.current?.focus(), []);
  return (
    <div className="confirm-dialog__backdrop">
      <div
        className="confirm-dialog"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="confirm-dialog-title"
        aria-describedby="confirm-dialog-message"
        data-testid="confirm-dialog"
        onKeyDown={(e) => e.key === 'Escape' && onCancel()}
      >
        <h3 id="confirm-dialog-title" className="confirm-dialog__title">
          {t('consoleVisit.confirmTitle')}
        </h3>
        <p id="confirm-dialog-message" className="confirm-dialog__message" data-testid="confirm-message">
          {message}
        </p>
        <div className="confirm-dialog__buttons">
          <button ref={cancel} type="button" className="button" data-testid="confirm-cancel" onClick={onCancel}>
            {t('consoleVisit.cancel')}
          </button>
          <button
            type="button"
            className={`button ${danger ? 'button--danger' : 'button--primary'}`}
            data-testid="confirm-ok"
            onClick={onConfirm}
          >
            {t('consoleVisit.confirm')}
          </button>
        </div>
      </div>
    </div>
  );
}
