"use client";
import { useEffect, useRef } from "react";
import { sessionMessages } from "@/domain/messages";
import { signInPath } from "@/domain/return-to";

export type ErrorLink = { href: string; message: string };

/**
 * GOV.UK error summary: at the top of the form, focused when it appears, each message linking to
 * its field; the page title gains "Error: " so screen reader users hear it first.
 */
export function ErrorSummary({ errors, formError }: { errors: ErrorLink[]; formError?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const hasErrors = errors.length > 0 || Boolean(formError);
  const signature = JSON.stringify([errors, formError]);

  useEffect(() => {
    const base = document.title.replace(/^Error: /, "");
    document.title = hasErrors ? `Error: ${base}` : base;
    if (hasErrors) ref.current?.focus();
  }, [hasErrors, signature]);

  if (!hasErrors) return null;
  return (
    <div ref={ref} tabIndex={-1} className="mb-8 border-4 border-danger bg-white p-5 focus:outline-[3px]" aria-labelledby="error-summary-title" role="alert">
      <h2 id="error-summary-title" className="h3">
        There is a problem
      </h2>
      {formError && <p className="mb-2 font-semibold">{formError}</p>}
      {formError === sessionMessages.sessionEnded && (
        // A new tab, so this form and what was typed in it stay as they are.
        <p className="mb-2">
          <a href={signInPath("/signed-in-again")} target="_blank" rel="noopener noreferrer" className="font-semibold text-danger">
            Sign in again (opens in a new tab)
          </a>
        </p>
      )}
      <ul className="list-none space-y-1">
        {errors.map((e) => (
          <li key={e.href + e.message}>
            <a href={e.href} className="font-semibold text-danger">
              {e.message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
