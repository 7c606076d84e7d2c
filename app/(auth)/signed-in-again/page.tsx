import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { ServiceHeader } from "@/components/ui/service-header";
import { signInPath } from "@/domain/return-to";
import { getSessionUser } from "@/server/context";

export const metadata: Metadata = { title: "You're signed in again" };
export const dynamic = "force-dynamic";

/**
 * Where "Sign in again (opens in a new tab)" lands after a form was refused because the session
 * had ended: the form is still open in the other tab, so this page only says to go back to it.
 */
export default async function SignedInAgainPage() {
  if (!(await getSessionUser())) redirect(signInPath("/signed-in-again"));
  return (
    <>
      <ServiceHeader nav={[]} />
      <main id="main-content" className="mx-auto max-w-6xl px-4 py-8" tabIndex={-1}>
        <div className="max-w-xl">
          <h1 className="h1">You&apos;re signed in again</h1>
          <p className="mb-4">You can close this tab.</p>
          <p>Go back to the tab with your form and submit it again: what you typed is still there.</p>
        </div>
      </main>
    </>
  );
}
