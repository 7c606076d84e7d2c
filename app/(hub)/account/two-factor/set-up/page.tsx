import type { Metadata } from "next";
import Link from "next/link";
import { EnrolTwoFactorForm } from "@/components/forms/two-factor-forms";
import { BackLink } from "@/components/ui/back-link";
import { startOwnEnrolment } from "@/server/auth/account";
import { qrCodeSvg } from "@/server/auth/qr";
import { requireCtx } from "@/server/context";
import { confirmEnrolmentAction } from "../actions";

export const metadata: Metadata = { title: "Set up two-factor sign-in" };

export default async function SetUpTwoFactorPage() {
  const ctx = await requireCtx();
  // Null once two-factor is on: the page may render again right after the code is accepted.
  const details = await startOwnEnrolment({ ctx });
  return (
    <>
      <BackLink href="/account/two-factor">Back</BackLink>
      <h1 className="h1">Set up two-factor sign-in</h1>
      <div className="max-w-2xl">
        <EnrolTwoFactorForm
          action={confirmEnrolmentAction}
          qrSvg={details ? await qrCodeSvg(details.otpauthUri) : null}
          secretForTyping={details?.secretForTyping ?? ""}
          whenOn={
            <p>
              Two-factor sign-in is already on. <Link href="/account/two-factor">Back to two-factor sign-in</Link>
            </p>
          }
          after={
            <Link href="/account/two-factor" className="btn">
              I have saved my recovery codes
            </Link>
          }
        />
      </div>
    </>
  );
}
