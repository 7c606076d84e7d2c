import type { InputHTMLAttributes, ReactNode } from "react";
import { FieldsetShell } from "./field";

type PartProps = Omit<InputHTMLAttributes<HTMLInputElement>, "name" | "id">;

/**
 * Date as three fields (day, month, year), as GOV.UK and the NHS ask for a date of birth. Field
 * names are `${name}Day`, `${name}Month`, `${name}Year`; the day field has the id the error
 * summary links to.
 */
export function DateInput({
  name,
  legend,
  hint,
  error,
  values,
  partProps,
}: {
  name: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: string;
  values: { day?: string; month?: string; year?: string };
  partProps?: (part: "Day" | "Month" | "Year") => PartProps;
}) {
  const parts = [
    { part: "Day" as const, label: "Day", width: "w-14", value: values.day, maxLength: 2 },
    { part: "Month" as const, label: "Month", width: "w-14", value: values.month, maxLength: 2 },
    { part: "Year" as const, label: "Year", width: "w-20", value: values.year, maxLength: 4 },
  ];
  return (
    <FieldsetShell name={name} legend={legend} hint={hint} error={error} role="group">
      <div className="flex gap-4">
        {parts.map((p) => (
          <div key={p.part}>
            <label htmlFor={`${name}${p.part}`} className="block">
              {p.label}
            </label>
            <input
              id={`${name}${p.part}`}
              name={`${name}${p.part}`}
              inputMode="numeric"
              maxLength={p.maxLength}
              defaultValue={p.value}
              aria-invalid={error ? true : undefined}
              className={`input ${p.width} ${error ? "input-error" : ""}`}
              {...partProps?.(p.part)}
            />
          </div>
        ))}
      </div>
    </FieldsetShell>
  );
}
