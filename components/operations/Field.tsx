import { useId, type ReactNode } from 'react';

/** A label tied to its control by id, so the control's accessible name is exactly the label. */
export function Field({ label, children }: { label: string; children: (id: string) => ReactNode }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children(id)}
    </div>
  );
}

export interface Choice {
  value: string | number;
  label: string;
}

/** A labelled select: the common case of Field. */
export function SelectField({
  label,
  value,
  choices,
  onChange,
}: {
  label: string;
  value: string | number;
  choices: readonly Choice[];
  onChange(value: string): void;
}) {
  return (
    <Field label={label}>
      {(id) => (
        <select id={id} value={value} onChange={(event) => onChange(event.target.value)}>
          {choices.map((choice) => (
            <option key={choice.value} value={choice.value}>
              {choice.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
