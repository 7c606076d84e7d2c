"use client";

import Link from "next/link";
import { ServiceHeader } from "@/components/ui/service-header";

/**
 * Shown for any unexpected failure below the root layout. In production Next.js passes only a
 * generic error with a digest (the server log has the detail, without messages: server/log.ts);
 * this page never shows error.message or a stack, in any environment.
 */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <>
      <ServiceHeader nav={[]} />
      <main id="main-content" className="mx-auto max-w-6xl px-4 py-8" tabIndex={-1}>
        <h1 className="h1">Sorry, there is a problem with the service</h1>
        <p className="mb-4">Try again later. Nothing you were doing has been saved unless you saw a success message.</p>
        {error.digest && <p className="mb-4 text-muted">If you contact the service desk, give them this reference: {error.digest}</p>}
        <div className="flex flex-wrap items-center gap-6">
          <button type="button" className="btn" onClick={reset}>
            Try again
          </button>
          <Link href="/">Go to your start page</Link>
        </div>
      </main>
    </>
  );
}
