import type { Metadata } from "next";
import Link from "next/link";
import { RegenerateRecoveryCodesForm } from "@/components/forms/two-factor-forms";
import { BackLink } from "@/components/ui/back-link";
import { SummaryList } from "@/components/ui/summary-list";
import { Tag } from "@/components/ui/tag";
import { formatDate, toLondon } from "@/domain/dates";
import { getOwnTwoFactor } from "@/server/auth/account";
import { requireCtx } from "@/server/context";
import { regenerateRecoveryCodesAction } from "./actions";

export const metadata: Metadata = { title: "Two-factor sign-in" };

export default async function TwoFactorPage() {
  const ctx = await requireCtx();
  const state = await getOwnTwoFactor({ ctx });
  return (
    <>
      <BackLink href="/account">Back to your account</BackLink>
      <h1 className="h1">Two-factor sign-in</h1>
      <div className="max-w-2xl">
        <p className="mb-6">
          With two-factor sign-in you enter a code from an authenticator app on your phone as well as your password, so a stolen password alone cannot open your account.
          {state.required ? " Your account must use it." : " It is optional for your account, and recommended."}
        </p>
        <SummaryList
          rows={[
            { key: "Status", value: state.enabled ? <Tag tone="green">On</Tag> : <Tag tone="grey">Off</Tag> },
            ...(state.enabledAt ? [{ key: "Turned on", value: formatDate(toLondon(state.enabledAt).date) }] : []),
            ...(state.enabled ? [{ key: "Recovery codes left", value: String(state.recoveryCodesLeft) }] : []),
          ]}
        />
        {state.enabled ? (
          <section aria-labelledby="codes-heading">
            <h2 id="codes-heading" className="h2">
              Recovery codes
            </h2>
            <RegenerateRecoveryCodesForm action={regenerateRecoveryCodesAction} />
            <p className="mt-6 text-muted">New phone? Ask an administrator to reset your two-factor sign-in, then set it up again.</p>
          </section>
        ) : (
          <Link href="/account/two-factor/set-up" className="btn">
            Set up two-factor sign-in
          </Link>
        )}
      </div>
    </>
  );
}
