// Keys in the kiosk window: the administrator chord toggles the supervision console;
// reload and DevTools keys are swallowed in packaged builds so the visit cannot be reset.
export interface KeyInput {
  type: string;
  key: string;
  control: boolean;
  alt: boolean;
  shift: boolean;
  meta: boolean;
}

export type KeyDecision = 'toggle-console' | 'block' | 'pass';

/** Ctrl+Alt+Shift+A: hard to press by accident, absent from ordinary keyboards' shortcuts. */
export const CONSOLE_CHORD = { key: 'a', control: true, alt: true, shift: true } as const;

const RELOAD_OR_DEVTOOLS = (i: KeyInput): boolean => {
  const key = i.key.toLowerCase();
  const mod = i.control || i.meta;
  return (
    key === 'f5' ||
    key === 'f12' ||
    key === 'browserrefresh' ||
    (mod && key === 'r') ||
    (mod && i.shift && (key === 'i' || key === 'j' || key === 'c'))
  );
};

export function decideKioskKey(input: KeyInput, isPackaged: boolean): KeyDecision {
  if (input.type !== 'keyDown') return 'pass';
  const key = input.key.toLowerCase();
  if (key === CONSOLE_CHORD.key && input.control && input.alt && input.shift && !input.meta) return 'toggle-console';
  if (isPackaged && RELOAD_OR_DEVTOOLS(input)) return 'block';
  return 'pass';
}
