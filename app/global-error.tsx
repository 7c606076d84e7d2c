"use client";

import "./globals.css";

/**
 * The last resort, when the root layout itself fails: it replaces the whole document, so it has
 * its own <html> and <body>. Like app/error.tsx, it shows no message or stack, only the digest.
 */
export default function GlobalError({ error }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en-GB">
      <head>
        <title>Sorry, there is a problem with the service – Probation Health Hub</title>
      </head>
      <body className="min-h-screen">
        <header className="bg-brand text-white">
          <div className="mx-auto max-w-6xl px-4 py-3 text-xl font-bold">Probation Health Hub</div>
        </header>
        <main id="main-content" className="mx-auto max-w-6xl px-4 py-8">
          <h1 className="h1">Sorry, there is a problem with the service</h1>
          <p className="mb-4">Try again later. Nothing you were doing has been saved unless you saw a success message.</p>
          {error.digest && <p className="mb-4 text-muted">If you contact the service desk, give them this reference: {error.digest}</p>}
          <p>
            {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- the app may be broken: a full page load */}
            <a href="/">Go to your start page</a>
          </p>
        </main>
      </body>
    </html>
  );
}
