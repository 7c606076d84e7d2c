"use client";
import { startTransition, useActionState, useEffect, useRef, type FormEvent } from "react";
import { useForm, type FieldValues, type Resolver } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import type { FormState } from "@/domain/form-state";
import { initialFormState } from "@/domain/form-state";
import type { ErrorLink } from "@/components/ui/error-summary";

export type ServerFormAction = (state: FormState, formData: FormData) => Promise<FormState>;

/** A v4 UUID; crypto.randomUUID exists only on HTTPS and localhost, getRandomValues everywhere. */
function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Binds a form to its server action and to the same zod schema the action uses. Without
 * JavaScript the form posts to the action and the server answers with errors and the typed
 * values; with JavaScript, react-hook-form checks first and shows the same messages at once.
 * The server stays the authority: it validates again whatever arrives.
 */
export function useServerForm(schema: z.ZodType, action: ServerFormAction, initialValues: Record<string, string> = {}) {
  const [state, formAction, pending] = useActionState(action, { ...initialFormState, values: initialValues });
  const values: Record<string, string> = { ...initialValues, ...state.values };
  const form = useForm<FieldValues>({
    resolver: zodResolver(schema as never) as unknown as Resolver<FieldValues>,
    defaultValues: values,
    mode: "onSubmit",
    // The error summary takes focus (GOV.UK pattern), not the first field.
    shouldFocusError: false,
    reValidateMode: "onChange",
  });
  const formRef = useRef<HTMLFormElement>(null);

  // Passwords are never sent back; after a refused submission the field is emptied (GOV.UK pattern).
  useEffect(() => {
    if (state.ok || (!state.formError && Object.keys(state.fieldErrors).length === 0)) return;
    for (const name of Object.keys(form.getValues())) if (/password/i.test(name)) form.setValue(name, "");
  }, [state, form]);

  // One idempotency key per form render and submission: a double click (or a queued repeat) sends
  // the same key, so the server makes one record and sends both to it. The key is made at the
  // first submission and replaced once a submission has finished, whatever its result, so the
  // next thing submitted from this form (even after a redirect back to this page) is new. It
  // replaces the key the page rendered into the form (FormShell), which only a submission sent
  // before this script loaded uses. Create use cases read it (server/idempotency.ts).
  const idempotencyKey = useRef<string | null>(null);
  useEffect(() => {
    if (!pending) idempotencyKey.current = null;
  }, [pending]);

  /** Sends what the form holds, with this render's idempotency key; for forms with their own onSubmit too. */
  const submitData = (data: FormData) => {
    idempotencyKey.current ??= newIdempotencyKey();
    data.set("idempotencyKey", idempotencyKey.current);
    startTransition(() => formAction(data));
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    const element = event.currentTarget;
    void form.handleSubmit(() => submitData(new FormData(element)))(event);
  };

  const clientErrors = form.formState.errors;
  const errorFor = (name: string): string | undefined => {
    const client = clientErrors[name]?.message;
    if (typeof client === "string") return client;
    return state.fieldErrors[name];
  };

  /** Error summary entries in the order the fields appear; `anchors` maps an error key to its field id. */
  const errorLinks = (order: string[], anchors: Record<string, string> = {}): ErrorLink[] =>
    order.flatMap((name) => {
      const message = errorFor(name);
      return message ? [{ href: `#${anchors[name] ?? name}`, message }] : [];
    });

  return { state, formAction, pending, form, formRef, onSubmit, submitData, errorFor, errorLinks, values };
}
