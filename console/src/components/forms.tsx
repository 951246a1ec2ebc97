// Small accessible form parts: radios and selects with their labels, a success message.
import { useId, type ReactNode } from "react";

export function Radios<T extends string>({
  legend,
  name,
  options,
  value,
  onChange,
  render,
}: {
  legend: string;
  name: string;
  options: readonly T[];
  value: T | "";
  onChange: (v: T) => void;
  render?: (v: T) => ReactNode;
}) {
  const id = useId();
  return (
    <fieldset className="field">
      <legend>{legend}</legend>
      <div className="radios">
        {options.map((o) => (
          <div className="radio" key={o}>
            <input
              type="radio"
              id={`${id}-${o}`}
              name={`${name}-${id}`}
              value={o}
              checked={value === o}
              onChange={() => onChange(o)}
            />
            <label htmlFor={`${id}-${o}`}>{render ? render(o) : o}</label>
          </div>
        ))}
      </div>
    </fieldset>
  );
}

export function Select({
  label,
  value,
  onChange,
  options,
  hint,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  options: readonly { value: string; label: string }[];
  hint?: string;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <select
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-describedby={hint ? `${id}-hint` : undefined}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function TextInput({
  label,
  value,
  onChange,
  type = "text",
  hint,
  required,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  type?: string;
  hint?: string;
  required?: boolean;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <input
        id={id}
        type={type}
        value={value}
        required={required}
        onChange={(e) => onChange(e.target.value)}
        aria-describedby={hint ? `${id}-hint` : undefined}
      />
    </div>
  );
}

export function Done({ children }: { children: ReactNode }) {
  return (
    <div className="notice notice-success" role="status">
      {children}
    </div>
  );
}
