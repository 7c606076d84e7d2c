import "server-only";
import { redirect, unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import type { FormState } from "@/domain/form-state";
import { messages, sessionMessages } from "@/domain/messages";
import { ConflictError, ForbiddenError, NotFoundError, SessionEndedError, ValidationError } from "./errors";
import { logError } from "./log";

const NEVER_ECHOED = /password|^\$ACTION|^idempotency/i;

/**
 * What was typed, to put back in the form after an error. FormState values are strings, so a
 * repeated key (checkboxes sharing a name) comes back comma-joined; its values are ids, never text.
 */
export function formValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value !== "string" || NEVER_ECHOED.test(key)) continue;
    values[key] = Object.hasOwn(values, key) ? `${values[key]},${value}` : value;
  }
  return values;
}

/**
 * Control characters other than tab and line breaks: no keyboard types them, Postgres refuses a NUL
 * in text outright (a form would fail with the generic error) and the rest are junk in a record.
 * Found by server/fuzz.int.test.ts.
 */
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/**
 * The input a schema validates. A key sent once stays a single value, as Object.fromEntries gave;
 * a repeated key (checkboxes sharing a name) becomes an array instead of keeping only its last value.
 */
export function formInput(formData: FormData): Record<string, FormDataEntryValue | FormDataEntryValue[]> {
  const input: Record<string, FormDataEntryValue | FormDataEntryValue[]> = {};
  for (const key of new Set(formData.keys())) {
    const all = formData.getAll(key).map((v) => (typeof v === "string" ? v.replace(CONTROL_CHARACTERS, "") : v));
    const [only] = all;
    input[key] = all.length === 1 && only !== undefined ? only : all;
  }
  return input;
}

export function zodFieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".") || "_form";
    out[key] ??= issue.message;
  }
  return out;
}

/**
 * The one adapter from use-case errors to what a form shows. Validates with the same schema as
 * the form, runs the use case, and on success redirects (or returns a message). Anything
 * unexpected is logged and shown as a generic message: no stack trace reaches the browser.
 */
export async function handleForm<S extends z.ZodType>(
  formData: FormData,
  schema: S,
  run: (input: z.output<S>) => Promise<{ redirectTo?: string; message?: string } | void>,
): Promise<FormState> {
  const values = formValues(formData);
  const parsed = schema.safeParse(formInput(formData));
  if (!parsed.success) {
    // The idempotency key is a hidden field: a malformed one has no field to sit beside.
    const { idempotencyKey: badKey, ...fieldErrors } = zodFieldErrors(parsed.error);
    return { ok: false, fieldErrors, ...(badKey ? { formError: messages.submissionReused } : {}), values };
  }

  let result: { redirectTo?: string; message?: string } | void;
  try {
    result = await run(parsed.data);
  } catch (error) {
    unstable_rethrow(error);
    if (error instanceof ValidationError) return { ok: false, fieldErrors: error.fieldErrors, values };
    if (error instanceof ConflictError) return { ok: false, fieldErrors: {}, formError: error.userMessage, values };
    if (error instanceof ForbiddenError) return { ok: false, fieldErrors: {}, formError: messages.forbidden, values };
    if (error instanceof NotFoundError) return { ok: false, fieldErrors: {}, formError: messages.notFound, values };
    // Signed out while the form was open: keep what was typed so it can be sent again after signing in.
    if (error instanceof SessionEndedError) return { ok: false, fieldErrors: {}, formError: sessionMessages.sessionEnded, values };
    logError("form action failed", error);
    return { ok: false, fieldErrors: {}, formError: messages.unexpected, values };
  }
  if (result?.redirectTo) redirect(result.redirectTo);
  return { ok: true, fieldErrors: {}, values: {}, message: result?.message };
}
