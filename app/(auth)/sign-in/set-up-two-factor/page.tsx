import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { EnrolTwoFactorForm } from "@/components/forms/two-factor-forms";
import { ServiceHeader } from "@/components/ui/service-header";
import { enrolmentDetailsFor } from "@/server/auth/account";
import { readChallengeCookie } from "@/server/auth/challenge-cookie";
import { qrCodeSvg } from "@/server/auth/qr";
import { openChallenge } from "@/server/auth/sign-in-flow";
import { getDb } from "@/server/db";
import { continueSignInAction, enrolDuringSignInAction } from "../../actions";

export const metadata: Metadata = { title: "Set up two-factor sign-in" };
export const dynamic = "force-dynamic";

/**
 * For a user who must use two-factor and has not set it up: reached only with a pending sign-in
 * (right password), before any session exists.
 */
export default async function SetUpTwoFactorPage({ searchParams }: { searchParams: Promise<{ returnTo?: string }> }) {
  const { returnTo } = await searchParams;
  const db = await getDb();
  const token = await readChallengeCookie();
  const challenge = (await openChallenge(db, token, "enrol")) ?? (await openChallenge(db, token, "complete"));
  if (!challenge) redirect("/sign-in?expired=1");
  // After the code is accepted (the page renders again without JavaScript) there is no secret left to show.
  const details = challenge.stage === "enrol" ? await enrolmentDetailsFor(db, { id: challenge.userId, email: challenge.email }) : null;
  const after = (
    <form action={continueSignInAction}>
      <input type="hidden" name="returnTo" value={typeof returnTo === "string" ? returnTo : ""} />
      <button type="submit" className="btn">
        I have saved my recovery codes: continue
      </button>
    </form>
  );
  return (
    <>
      <ServiceHeader nav={[]} />
      <main id="main-content" className="mx-auto max-w-6xl px-4 py-8" tabIndex={-1}>
        <div className="max-w-2xl">
          <h1 className="h1">Set up two-factor sign-in</h1>
          <p className="mb-6">
            Your account needs a second check when you sign in: a code from an authenticator app on your phone, as well as your password. Set it up now to continue.
          </p>
          <EnrolTwoFactorForm
            action={enrolDuringSignInAction}
            qrSvg={details ? await qrCodeSvg(details.otpauthUri) : null}
            secretForTyping={details?.secretForTyping ?? ""}
            after={after}
          />
        </div>
      </main>
    </>
  );
}
