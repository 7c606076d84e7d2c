import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Notice } from "@/components/ui/notice";
import { ServiceHeader } from "@/components/ui/service-header";
import { authMessages, sessionMessages } from "@/domain/messages";
import { safeReturnTo } from "@/domain/return-to";
import { sessionPolicy } from "@/server/auth/sessions";
import { getSessionUser } from "@/server/context";
import { SignInForm } from "./_components/sign-in-form";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ returnTo?: string; reason?: string; expired?: string }> }) {
  const { returnTo, reason, expired } = await searchParams;
  // Already signed in (say, in another tab): straight on to where they were going.
  if (await getSessionUser()) redirect(safeReturnTo(returnTo));
  const signedOut =
    reason === "idle"
      ? sessionMessages.signedOutIdle(sessionPolicy.idleMs / 60_000)
      : reason === "absolute"
        ? sessionMessages.signedOutAbsolute(sessionPolicy.absoluteMs / 3_600_000)
        : null;
  return (
    <>
      <ServiceHeader nav={[]} />
      <main id="main-content" className="mx-auto max-w-6xl px-4 py-8" tabIndex={-1}>
        <div className="max-w-xl">
          {signedOut && <Notice tone="info" title={signedOut} />}
          {expired && <Notice tone="info" title={authMessages.challengeExpired} />}
          <h1 className="h1">Sign in</h1>
          <p className="mb-6">Use the email address and password your administrator gave you. This service holds health and probation records: sign in only on a work device.</p>
          <SignInForm returnTo={typeof returnTo === "string" ? returnTo : ""} />
        </div>
      </main>
    </>
  );
}
