import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";

type FieldShellProps = { id: string; label: ReactNode; hint?: ReactNode; error?: string; children: ReactNode; labelClassName?: string };

export function FieldShell({ id, label, hint, error, children, labelClassName }: FieldShellProps) {
  return (
    <div className={`mb-6 ${error ? "border-l-4 border-danger pl-4" : ""}`}>
      <label htmlFor={id} className={`mb-1 block font-semibold ${labelClassName ?? ""}`}>
        {label}
      </label>
      {hint && (
        <div id={`${id}-hint`} className="mb-2 text-muted">
          {hint}
        </div>
      )}
      {error && (
        <p id={`${id}-error`} className="mb-2 font-semibold text-danger">
          <span className="sr-only">Error: </span>
          {error}
        </p>
      )}
      {children}
    </div>
  );
}

export function describedBy(id: string, hint?: unknown, error?: unknown): string | undefined {
  const ids = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean);
  return ids.length ? ids.join(" ") : undefined;
}

type TextInputProps = InputHTMLAttributes<HTMLInputElement> & { id: string; name: string; label: ReactNode; hint?: ReactNode; error?: string; width?: string };

export function TextInput({ id, label, hint, error, width, className, ...rest }: TextInputProps) {
  return (
    <FieldShell id={id} label={label} hint={hint} error={error}>
      <input
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        className={`input ${error ? "input-error" : ""} ${width ?? ""} ${className ?? ""}`}
        {...rest}
      />
    </FieldShell>
  );
}

type TextareaProps = TextareaHTMLAttributes<HTMLTextAreaElement> & { id: string; name: string; label: ReactNode; hint?: ReactNode; error?: string };

export function Textarea({ id, label, hint, error, ...rest }: TextareaProps) {
  return (
    <FieldShell id={id} label={label} hint={hint} error={error}>
      <textarea
        id={id}
        rows={4}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        className={`input max-w-2xl ${error ? "input-error" : ""}`}
        {...rest}
      />
    </FieldShell>
  );
}

type Option = { value: string; label: string };
type SelectProps = SelectHTMLAttributes<HTMLSelectElement> & { id: string; name: string; label: ReactNode; hint?: ReactNode; error?: string; options: readonly Option[]; placeholder?: string };

export function Select({ id, label, hint, error, options, placeholder, ...rest }: SelectProps) {
  return (
    <FieldShell id={id} label={label} hint={hint} error={error}>
      <select
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        className={`input ${error ? "input-error" : ""}`}
        {...rest}
      >
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

/** A fieldset with legend, hint and error, for groups of inputs (radios, the three date fields). */
export function FieldsetShell({
  name,
  legend,
  hint,
  error,
  role,
  children,
}: {
  name: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: string;
  role?: "group";
  children: ReactNode;
}) {
  const ids = [hint ? `${name}-hint` : "", error ? `${name}-error` : ""].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`mb-6 ${error ? "border-l-4 border-danger pl-4" : ""}`}>
      <fieldset role={role} aria-describedby={ids}>
        <legend className="mb-1 font-semibold">{legend}</legend>
        {hint && (
          <div id={`${name}-hint`} className="mb-2 text-muted">
            {hint}
          </div>
        )}
        {error && (
          <p id={`${name}-error`} className="mb-2 font-semibold text-danger">
            <span className="sr-only">Error: </span>
            {error}
          </p>
        )}
        {children}
      </fieldset>
    </div>
  );
}
