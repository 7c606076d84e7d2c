/** What a server action hands back to its form: field messages, a form-level message, and what was typed. */
export type FormState = {
  ok: boolean;
  fieldErrors: Record<string, string>;
  formError?: string;
  values: Record<string, string>;
  message?: string;
};

export const initialFormState: FormState = { ok: false, fieldErrors: {}, values: {} };
