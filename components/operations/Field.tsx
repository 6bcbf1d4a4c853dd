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
