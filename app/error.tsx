"use client";

// Shown for any unexpected failure: no stack trace or database message reaches the user.
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main id="main-content" className="mx-auto max-w-6xl px-4 py-8">
      <h1 className="h1">Sorry, there is a problem with the service</h1>
      <p className="mb-4">Try again later. Nothing you were doing has been saved unless you saw a success message.</p>
      {error.digest && <p className="mb-4 text-muted">Reference: {error.digest}</p>}
      <button type="button" className="btn" onClick={reset}>
        Try again
      </button>
    </main>
  );
}
