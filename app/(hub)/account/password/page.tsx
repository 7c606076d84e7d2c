import type { Metadata } from "next";
import { ChangePasswordForm } from "@/components/forms/change-password-form";
import { BackLink } from "@/components/ui/back-link";
import { param } from "@/components/ui/href";
import { Notice } from "@/components/ui/notice";
import { requireCtx } from "@/server/context";
import { changePasswordAction } from "./actions";

export const metadata: Metadata = { title: "Change your password" };

export default async function ChangePasswordPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireCtx();
  const sp = await searchParams;
  return (
    <>
      <BackLink href="/account">Back to your account</BackLink>
      {param(sp.changed) && (
        <Notice title="Your password has been changed">
          <p>You have been signed out everywhere else.</p>
        </Notice>
      )}
      <h1 className="h1">Change your password</h1>
      <div className="max-w-2xl">
        <p className="mb-6">Changing your password signs you out on every other device.</p>
        <ChangePasswordForm action={changePasswordAction} />
      </div>
    </>
  );
}
