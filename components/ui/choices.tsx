import type { InputHTMLAttributes, ReactNode } from "react";
import { FieldsetShell } from "./field";

type Option = { value: string; label: string; hint?: string };
type RadiosProps = Omit<InputHTMLAttributes<HTMLInputElement>, "type" | "defaultValue"> & {
  name: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: string;
  options: readonly Option[];
  defaultValue?: string;
  inline?: boolean;
};

/** A fieldset of radios; the first radio carries the id the error summary links to. */
export function Radios({ name, legend, hint, error, options, defaultValue, inline, ...rest }: RadiosProps) {
  return (
    <FieldsetShell name={name} legend={legend} hint={hint} error={error}>
      <div className={inline ? "flex flex-wrap gap-6" : "space-y-2"}>
        {options.map((o, i) => {
          const id = i === 0 ? name : `${name}-${o.value}`;
          return (
            <div key={o.value} className="flex items-start gap-2">
              <input
                id={id}
                type="radio"
                value={o.value}
                defaultChecked={defaultValue === o.value}
                className="mt-1 h-6 w-6 shrink-0 accent-ink"
                aria-describedby={o.hint ? `${id}-item-hint` : undefined}
                name={name}
                {...rest}
              />
              <div>
                <label htmlFor={id}>{o.label}</label>
                {o.hint && (
                  <div id={`${id}-item-hint`} className="text-muted">
                    {o.hint}
                  </div>
                )}
              </div>
            </div>
          );
        })}
      </div>
    </FieldsetShell>
  );
}

type CheckboxProps = Omit<InputHTMLAttributes<HTMLInputElement>, "type"> & { id: string; name: string; label: ReactNode; hint?: ReactNode };

export function Checkbox({ id, label, hint, ...rest }: CheckboxProps) {
  return (
    <div className="mb-6 flex items-start gap-2">
      <input id={id} type="checkbox" className="mt-1 h-6 w-6 shrink-0 accent-ink" aria-describedby={hint ? `${id}-hint` : undefined} {...rest} />
      <div>
        <label htmlFor={id}>{label}</label>
        {hint && (
          <div id={`${id}-hint`} className="text-muted">
            {hint}
          </div>
        )}
      </div>
    </div>
  );
}
