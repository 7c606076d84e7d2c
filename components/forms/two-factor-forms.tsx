"use client";
import { useActionState, type ReactNode } from "react";
import { FormShell, SubmitButton } from "./form-shell";
import { useServerForm, type ServerFormAction } from "./use-server-form";
import { TextInput } from "@/components/ui/field";
import { initialFormState } from "@/domain/form-state";
import { enrolCodeSchema, secondFactorSchema } from "@/domain/totp-schemas";

/** Sign-in step 2: a code from the authenticator app, or a recovery code. */
export function SecondFactorForm({ action, returnTo }: { action: ServerFormAction; returnTo: string }) {
  const { state, formAction, pending, form, formRef, onSubmit, errorFor, errorLinks } = useServerForm(secondFactorSchema, action, { returnTo });
  return (
    <FormShell action={formAction} onSubmit={onSubmit} formRef={formRef} errors={errorLinks(["code"])} formError={state.formError}>
      <input type="hidden" name="returnTo" defaultValue={returnTo} />
      <TextInput
        id="code"
        label="Security code"
        hint="The 6-digit code your authenticator app shows now. If you cannot use your app, enter one of your recovery codes instead, like abcde-23456."
        autoComplete="one-time-code"
        inputMode="text"
        spellCheck={false}
        autoCapitalize="none"
        width="max-w-xs"
        error={errorFor("code")}
        {...form.register("code")}
      />
      <SubmitButton pending={pending}>Continue</SubmitButton>
    </FormShell>
  );
}

/** The ten recovery codes, shown once after they are made. */
export function RecoveryCodes({ codes, children }: { codes: string[]; children?: ReactNode }) {
  return (
    <section aria-labelledby="recovery-codes-heading" className="mb-8">
      <h2 id="recovery-codes-heading" className="h2">
        Your recovery codes
      </h2>
      <p className="mb-4">
        If you lose your phone, each of these codes lets you sign in once instead of a code from the app. Keep them somewhere safe, away from your phone.
        <strong> You will not see them again.</strong>
      </p>
      <ul className="mb-6 grid max-w-md grid-cols-2 gap-2 border-2 border-ink p-4 font-mono text-lg" aria-label="Recovery codes">
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ul>
      {children}
    </section>
  );
}

/**
 * Setting up two-factor: scan the QR code (or type the secret), then enter the first code. On
 * success the server answers with the recovery codes, shown once, and `after` (a Continue button).
 */
export function EnrolTwoFactorForm({
  action,
  qrSvg,
  secretForTyping,
  after,
  whenOn = after,
}: {
  action: ServerFormAction;
  /** Null once two-factor is on (the page rendered again after the code was accepted). */
  qrSvg: string | null;
  secretForTyping: string;
  after: ReactNode;
  /** Shown instead of the form when two-factor is already on and no codes were just made. */
  whenOn?: ReactNode;
}) {
  const { state, formAction, pending, form, formRef, onSubmit, errorFor, errorLinks } = useServerForm(enrolCodeSchema, action);
  if (state.ok && state.message) {
    return (
      <>
        <div role="status" className="mb-6 border-4 border-ok bg-white px-4 py-3">
          <p className="text-lg font-bold">Two-factor sign-in is on</p>
        </div>
        <RecoveryCodes codes={state.message.split("\n")}>{after}</RecoveryCodes>
      </>
    );
  }
  if (qrSvg === null) return <>{whenOn}</>;
  return (
    <>
      <ol className="mb-6 list-decimal pl-6">
        <li className="mb-2">Open an authenticator app on your work phone (for example Microsoft Authenticator or Google Authenticator).</li>
        <li className="mb-2">Add an account and scan this QR code with the app.</li>
        <li>Enter the 6-digit code the app shows.</li>
      </ol>
      <div className="mb-4 inline-block border-2 border-ink bg-white p-2" role="img" aria-label="QR code to add Probation Health Hub to your authenticator app">
        <div className="size-48" dangerouslySetInnerHTML={{ __html: qrSvg }} />
      </div>
      <details className="mb-6">
        <summary className="cursor-pointer text-brand underline">I cannot scan the QR code</summary>
        <p className="mt-2">Choose to enter a setup key in your app, and type this key (a time-based key):</p>
        <p className="mt-2 font-mono text-lg" data-testid="totp-secret">
          {secretForTyping}
        </p>
      </details>
      <FormShell action={formAction} onSubmit={onSubmit} formRef={formRef} errors={errorLinks(["code"])} formError={state.formError}>
        <TextInput
          id="code"
          label="Code from your authenticator app"
          hint="6 digits, like 123456"
          autoComplete="one-time-code"
          inputMode="numeric"
          spellCheck={false}
          width="max-w-xs"
          error={errorFor("code")}
          {...form.register("code")}
        />
        <SubmitButton pending={pending}>Turn on two-factor sign-in</SubmitButton>
      </FormShell>
    </>
  );
}

/** New recovery codes replace the old ones; shown once. */
export function RegenerateRecoveryCodesForm({ action }: { action: ServerFormAction }) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  if (state.ok && state.message) return <RecoveryCodes codes={state.message.split("\n")} />;
  return (
    <>
      {state.formError && (
        <p className="mb-4 font-semibold text-danger" role="alert">
          {state.formError}
        </p>
      )}
      <form action={formAction}>
        <p className="mb-4">Making new recovery codes stops the old ones working.</p>
        <SubmitButton pending={pending} className="btn-secondary">
          Make new recovery codes
        </SubmitButton>
      </form>
    </>
  );
}
