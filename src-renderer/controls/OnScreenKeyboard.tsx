// Issue #21 item 5: an on-screen keyboard for a touch terminal without a keyboard — the
// administrators' login and the manual entry of an ID number. Passwords and ID numbers need no
// pinyin: digits, X and Latin letters are enough. Keys never take the focus (pointerdown is
// cancelled), so the field being typed into stays focused and the keyboard's own keys stay
// reachable by Tab for anyone who does have a keyboard.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

export type KeyboardLayout = 'letters' | 'id-number';

const ROWS: Record<KeyboardLayout, readonly string[]> = {
  // Account names and passwords also use . - _ @ (li.jing, Li-Jing-2026).
  letters: ['1234567890', 'QWERTYUIOP', 'ASDFGHJKL', 'ZXCVBNM', '.-_@'],
  // GB 11643: 17 digits and a check character 0–9 or X; '-' for a validity date such as 2030-01-01.
  'id-number': ['123', '456', '789', 'X0-'],
};

export interface OnScreenKeyboardProps {
  layout: KeyboardLayout;
  /** Types one character into the field that has the focus. */
  onType(ch: string): void;
  onBackspace(): void;
  onClear(): void;
  testId?: string;
}

export function OnScreenKeyboard({ layout, onType, onBackspace, onClear, testId = 'osk' }: OnScreenKeyboardProps) {
  const { t } = useTranslation();
  const [upper, setUpper] = useState(false);
  const keep = (e: { preventDefault(): void }) => e.preventDefault();
  const shown = (k: string) => (layout === 'letters' && !upper && /[A-Z]/.test(k) ? k.toLowerCase() : k);
  return (
    <div className={`osk osk--${layout}`} role="group" aria-label={t('controls.keyboard.label')} data-testid={testId}>
      {ROWS[layout].map((row) => (
        <div key={row} className="osk__row">
          {[...row].map((k) => (
            <button
              key={k}
              type="button"
              className="osk__key"
              data-testid={`${testId}-key-${k}`}
              onPointerDown={keep}
              onClick={() => onType(shown(k))}
            >
              {shown(k)}
            </button>
          ))}
        </div>
      ))}
      <div className="osk__row">
        {layout === 'letters' && (
          <button
            type="button"
            className="osk__key osk__key--wide"
            aria-pressed={upper}
            data-testid={`${testId}-shift`}
            onPointerDown={keep}
            onClick={() => setUpper(!upper)}
          >
            {t('controls.keyboard.upper')}
          </button>
        )}
        <button
          type="button"
          className="osk__key osk__key--wide"
          data-testid={`${testId}-backspace`}
          onPointerDown={keep}
          onClick={onBackspace}
        >
          {t('controls.keyboard.backspace')}
        </button>
        <button
          type="button"
          className="osk__key osk__key--wide"
          data-testid={`${testId}-clear`}
          onPointerDown={keep}
          onClick={onClear}
        >
          {t('controls.keyboard.clear')}
        </button>
      </div>
    </div>
  );
}

/** A button that shows or hides the keyboard, for forms on screens that have a real one too. */
export function KeyboardToggle({ open, onToggle, testId = 'osk-toggle' }: { open: boolean; onToggle(): void; testId?: string }) {
  const { t } = useTranslation();
  return (
    <button type="button" className="button osk-toggle" aria-expanded={open} data-testid={testId} onClick={onToggle}>
      {t(open ? 'controls.keyboard.hide' : 'controls.keyboard.show')}
    </button>
  );
}
