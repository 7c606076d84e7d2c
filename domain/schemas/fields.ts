import { z } from "zod";
import { ageOn, dateFromParts, todayInLondon } from "../dates";
import { messages } from "../messages";

/** Form fields arrive as strings; a missing or blank field is "". */
export const text = (what: string, max = 100) =>
  z.preprocess((v) => (typeof v === "string" ? v.trim() : ""), z.string().min(1, messages.required(what)).max(max, `${what[0]?.toUpperCase()}${what.slice(1)} must be ${max} characters or fewer`));

export const optionalText = (max = 200) =>
  z.preprocess((v) => (typeof v === "string" ? v.trim() : ""), z.string().max(max, `Must be ${max} characters or fewer`)).transform((v) => (v === "" ? null : v));

export const choice = <T extends readonly [string, ...string[]]>(values: T, what: string) =>
  z.preprocess((v) => (typeof v === "string" ? v : ""), z.enum(values, { error: messages.choose(what) }));

export const checkbox = z.preprocess((v) => v === "on" || v === "true" || v === "yes", z.boolean());

export const uuidField = (what: string) => z.preprocess((v) => (typeof v === "string" ? v : ""), z.uuid({ error: messages.choose(what) }));

export const optionalUuid = z
  .preprocess((v) => (typeof v === "string" ? v : ""), z.union([z.literal(""), z.uuid()]))
  .transform((v) => (v === "" ? null : v));

export const versionField = z.coerce.number().int().min(1);

const INVALID_DATE = "invalid";

/**
 * Turns the three fields `${name}Day`, `${name}Month`, `${name}Year` into one ISO date at `name`
 * before validation ("" when all blank, "invalid" when not a real date), so a date is checked
 * alongside every other field and all errors show at once.
 */
export function combineDateParts(names: string[]) {
  return (raw: unknown) => {
    if (typeof raw !== "object" || raw === null) return raw;
    const data = { ...(raw as Record<string, unknown>) };
    for (const name of names) {
      const part = (p: string) => (typeof data[`${name}${p}`] === "string" ? String(data[`${name}${p}`]) : "");
      const [d, m, y] = [part("Day"), part("Month"), part("Year")];
      data[name] = !d.trim() && !m.trim() && !y.trim() ? "" : (dateFromParts(d, m, y) ?? INVALID_DATE);
    }
    return data;
  };
}

export const dateField = (what: string) =>
  z.preprocess(
    (v) => (typeof v === "string" ? v : ""),
    z
      .string()
      .min(1, messages.required(what))
      .refine((v) => v !== INVALID_DATE, `${what[0]?.toUpperCase()}${what.slice(1)} must be a real date`),
  );

export const dateOfBirthField = dateField("date of birth").superRefine((iso, ctx) => {
  if (iso === INVALID_DATE) return;
  const today = todayInLondon();
  if (iso >= today) ctx.addIssue({ code: "custom", message: messages.dobPast });
  else {
    const age = ageOn(iso, today);
    if (age < 18 || age > 110) ctx.addIssue({ code: "custom", message: messages.dobPlausible });
  }
});

/**
 * The key a create form carries, made once per form render (components/forms/use-server-form.ts):
 * a repeat of the same submission makes no second record. Optional: a form posted before its
 * script loaded has none and is simply not protected against repeats.
 */
export const idempotencyKeyField = z.preprocess((v) => (typeof v === "string" && v !== "" ? v : undefined), z.uuid().optional()).optional();
