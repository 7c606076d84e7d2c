"use client";
import type { FormEvent, ReactNode, RefObject } from "react";
import { ErrorSummary, type ErrorLink } from "@/components/ui/error-summary";

/** The form element every client form shares: error summary on top, posts to its action. */
export function FormShell({
  action,
  onSubmit,
  formRef,
  errors,
  formError,
  idempotencyKey,
  children,
}: {
  action: (formData: FormData) => void;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  formRef: RefObject<HTMLFormElement | null>;
  errors: ErrorLink[];
  formError?: string;
  /** A create form's key, made by the page on the server: protects a submission sent before the script loaded. */
  idempotencyKey?: string;
  children: ReactNode;
}) {
  return (
    <>
      <ErrorSummary errors={errors} formError={formError} />
      <form ref={formRef} action={action} onSubmit={onSubmit} noValidate>
        {idempotencyKey && <input type="hidden" name="idempotencyKey" defaultValue={idempotencyKey} />}
        {children}
      </form>
    </>
  );
}

export function SubmitButton({ pending, children, className = "btn" }: { pending: boolean; children: ReactNode; className?: string }) {
  return (
    <button type="submit" className={className} disabled={pending} aria-disabled={pending}>
      {children}
    </button>
  );
}
