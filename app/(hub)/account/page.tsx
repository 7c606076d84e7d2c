import type { Metadata } from "next";
import { SummaryList } from "@/components/ui/summary-list";
import { Tag } from "@/components/ui/tag";
import { roleLabels } from "@/domain/roles";
import { getOwnTwoFactor } from "@/server/auth/account";
import { requireCtx } from "@/server/context";

export const metadata: Metadata = { title: "Your account" };

export default async function AccountPage() {
  const ctx = await requireCtx();
  const twoFactor = await getOwnTwoFactor({ ctx });
  return (
    <>
      <h1 className="h1">Your account</h1>
      <SummaryList
        rows={[
          { key: "Name", value: ctx.user.name },
          { key: "Email address", value: <span className="break-all">{ctx.user.email}</span> },
          { key: "Role", value: roleLabels[ctx.user.role] },
          { key: "Password", value: "Set", change: { href: "/account/password", label: "password" } },
          {
            key: "Two-factor sign-in",
            value: twoFactor.enabled ? <Tag tone="green">On</Tag> : <Tag tone="grey">Off</Tag>,
            change: { href: "/account/two-factor", label: "two-factor sign-in" },
          },
        ]}
      />
    </>
  );
}
