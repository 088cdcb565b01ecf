// A labelled choice among named things (rooms, prisons, bureaus) as the desk forms show
// it; with a placeholder, nothing is chosen until the clerk picks one.
import type { ReactNode } from 'react';

export interface SelectFieldProps {
  readonly label: ReactNode;
  readonly testId: string;
  readonly options: ReadonlyArray<{ readonly id: string; readonly name: string }>;
  readonly value: string;
  readonly onChange: (id: string) => void;
  /** The empty first choice ("请选择"), or none when one is always chosen. */
  readonly placeholder?: string;
}

export function SelectField({ label, testId, options, value, onChange, placeholder }: SelectFieldProps) {
  return (
    <label className="desk-field">
      <span>{label}</span>
      <select data-testid={testId} value={value} onChange={(e) => onChange(e.target.value)}>
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </select>
    </label>
  );
}
