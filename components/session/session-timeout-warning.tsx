"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import { signInPath } from "@/domain/return-to";

/** What the server says about the session; `expiresInMs` counts down to the idle (or 12-hour) end. */
export type SessionStatus = { state: "active"; expiresInMs: number } | { state: "ended"; reason: "idle" | "absolute" | "ended" };

type Props = {
  /** Time left when the page was rendered. */
  expiresInMs: number;
  warnBeforeMs: number;
  idleMinutes: number;
  /** Counts as activity: moves last_seen_at on the server and answers with the new time left. */
  staySignedIn: () => Promise<SessionStatus>;
  /** Does not count as activity: only reads (and ends a session that has run out). */
  checkStatus: () => Promise<SessionStatus>;
  signOut: () => Promise<void>;
};

/**
 * GOV.UK-style timeout warning. The server decides when the session ends (server/auth/sessions.ts);
 * this only knows the deadline it was given. Moving the mouse or typing does not extend the
 * session, only a request does, so before warning and before signing out it asks the server how
 * long is really left: a request from another tab, or a page navigation, may have moved it on.
 */
export function SessionTimeoutWarning({ expiresInMs, warnBeforeMs, idleMinutes, staySignedIn, checkStatus, signOut }: Props) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const returnFocusRef = useRef<Element | null>(null);
  // Set on mount (from the time left the server gave), then on each answer from the server.
  const deadlineRef = useRef<number | null>(null);
  const [open, setOpen] = useState(false);
  const [remainingMs, setRemainingMs] = useState(expiresInMs);
  const [busy, setBusy] = useState(false);
  // Bumped to re-plan the timers after the deadline moves.
  const [plan, setPlan] = useState(0);

  const goToSignIn = useCallback((reason: "idle" | "absolute" | "ended") => {
    const here = `${window.location.pathname}${window.location.search}`;
    // "ended" means signed out some other way (another tab): no timeout message then.
    window.location.assign(signInPath(here, reason === "ended" ? undefined : reason));
  }, []);

  const apply = useCallback(
    (status: SessionStatus): boolean => {
      if (status.state === "ended") {
        goToSignIn(status.reason);
        return false;
      }
      deadlineRef.current = Date.now() + status.expiresInMs;
      setRemainingMs(status.expiresInMs);
      setPlan((n) => n + 1);
      return true;
    },
    [goToSignIn],
  );

  const close = useCallback(() => {
    setOpen(false);
    // Back to where the user was before the warning took focus.
    const back = returnFocusRef.current;
    if (back instanceof HTMLElement) back.focus();
  }, []);

  // Sleep until the warning is due, then check with the server before showing it.
  useEffect(() => {
    if (open) return;
    deadlineRef.current ??= Date.now() + expiresInMs;
    const wait = Math.max(0, deadlineRef.current - warnBeforeMs - Date.now());
    const timer = window.setTimeout(async () => {
      const status = await checkStatus().catch(() => null);
      if (!status) return;
      if (!apply(status) || status.state !== "active") return;
      if (status.expiresInMs <= warnBeforeMs) {
        returnFocusRef.current = document.activeElement;
        setOpen(true);
      }
    }, wait);
    return () => window.clearTimeout(timer);
  }, [open, plan, expiresInMs, warnBeforeMs, checkStatus, apply]);

  // While the warning is open: count down each second; at zero, ask the server once more.
  useEffect(() => {
    if (!open) return;
    const tick = window.setInterval(async () => {
      const left = (deadlineRef.current ?? 0) - Date.now();
      setRemainingMs(Math.max(0, left));
      if (left > 0) return;
      window.clearInterval(tick);
      const status = await checkStatus().catch(() => null);
      if (status && apply(status) && status.state === "active" && status.expiresInMs > warnBeforeMs) close();
    }, 1000);
    return () => window.clearInterval(tick);
  }, [open, plan, checkStatus, apply, warnBeforeMs, close]);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      // Modal: the rest of the page is inert until the user answers; the heading takes focus.
      dialog.showModal();
      headingRef.current?.focus();
    }
    if (!open && dialog.open) dialog.close();
  }, [open]);

  async function onStay() {
    setBusy(true);
    try {
      const status = await staySignedIn();
      if (apply(status) && status.state === "active" && status.expiresInMs > warnBeforeMs) close();
    } finally {
      setBusy(false);
    }
  }

  const minutes = Math.floor(remainingMs / 60_000);
  const seconds = Math.floor((remainingMs % 60_000) / 1000);
  const visible = minutes > 0 ? `${minutes} minute${minutes === 1 ? "" : "s"}${seconds ? ` ${seconds} second${seconds === 1 ? "" : "s"}` : ""}` : `${seconds} second${seconds === 1 ? "" : "s"}`;
  // Screen readers hear the time once a minute (every 15 seconds in the last minute), not every second.
  const spoken =
    minutes > 0 ? `${minutes + (seconds > 0 ? 1 : 0)} minutes` : `${Math.max(15, Math.ceil(seconds / 15) * 15)} seconds`;

  return (
    <dialog
      ref={dialogRef}
      role="alertdialog"
      aria-modal="true"
      aria-labelledby="session-timeout-title"
      aria-describedby="session-timeout-text"
      className="m-auto max-w-lg border-4 border-black bg-white p-6 backdrop:bg-black/60"
      onCancel={(event) => {
        // Escape counts as "Stay signed in", as in the GOV.UK pattern.
        event.preventDefault();
        void onStay();
      }}
    >
      {open && (
        <>
          <h2 ref={headingRef} id="session-timeout-title" className="h2 focus:outline-none" tabIndex={-1}>
            You&apos;re about to be signed out
          </h2>
          <div id="session-timeout-text">
            <p className="mb-2">
              For your security, we will sign you out in <strong aria-hidden="true">{visible}</strong>
              <span className="sr-only">{spoken}</span>.
            </p>
            <p className="mb-6">You are signed out after {idleMinutes} minutes without activity. Anything you have not saved will be lost.</p>
          </div>
          <p className="sr-only" aria-live="polite" aria-atomic="true">
            We will sign you out in {spoken}.
          </p>
          <div className="flex flex-wrap items-center gap-6">
            <button type="button" className="btn" onClick={onStay} disabled={busy} aria-disabled={busy}>
              Stay signed in
            </button>
            <form action={signOut}>
              <button type="submit" className="cursor-pointer text-brand underline">
                Sign out
              </button>
            </form>
          </div>
        </>
      )}
    </dialog>
  );
}
