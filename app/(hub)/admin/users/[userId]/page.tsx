import type { Metadata } from "next";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { UserStatusForm } from "@/components/forms/user-status-form";
import { BackLink } from "@/components/ui/back-link";
import { param } from "@/components/ui/href";
import { Notice } from "@/components/ui/notice";
import { SummaryList } from "@/components/ui/summary-list";
import { Tag } from "@/components/ui/tag";
import { formatDate, toLondon } from "@/domain/dates";
import { can } from "@/domain/permissions";
import { roleLabels } from "@/domain/roles";
import { requireCtx } from "@/server/context";
import { forPage } from "@/server/page-guard";
import { getUser } from "@/server/users/queries";
import { ResetUserTwoFactorForm, UserTwoFactorRequiredForm } from "@/components/forms/user-two-factor-forms";
import { getUserTwoFactor } from "@/server/auth/admin-two-factor";
import { resetUserTwoFactorAction, setUserDisabledAction, setUserTwoFactorRequiredAction } from "./actions";

export const metadata: Metadata = { title: "User" };

export default async function UserPage({ params, searchParams }: { params: Promise<{ userId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await requireCtx();
  if (!can(ctx.user.role, "user:manage")) forbidden();
  const { userId } = await params;
  const sp = await searchParams;
  const user = await forPage(getUser({ ctx, userId }));
  const twoFactor = await forPage(getUserTwoFactor({ ctx, userId }));
  const isSelf = user.id === ctx.user.id;
  const change = (label: string) => (isSelf ? undefined : { href: `/admin/users/${user.id}/access`, label });
  const others = user.otherSiteCount === 1 ? "1 other site" : `${user.otherSiteCount} other sites`;

  return (
    <>
      <BackLink href="/admin/users">Back to users</BackLink>
      {param(sp.created) && (
        <Notice title={`${user.name} has been added`}>
          <p>Share their initial password with them securely.</p>
        </Notice>
      )}
      {param(sp.updated) && (
        <Notice title="Role and sites saved">
          <p>{user.name} has been signed out and gets the new access when they sign in again.</p>
        </Notice>
      )}
      {param(sp.disabled) && (
        <Notice title="Account disabled">
          <p>{user.name} has been signed out and cannot sign in.</p>
        </Notice>
      )}
      {param(sp.enabled) && <Notice title="Account enabled" />}
      {param(sp.password) && (
        <Notice title="Password reset">
          <p>Share the new password with {user.name} securely. They have been signed out everywhere.</p>
        </Notice>
      )}
      {param(sp.twoFactor) === "reset" && (
        <Notice title="Two-factor sign-in reset">
          <p>{user.name} has been signed out and sets two-factor up again when they next sign in.</p>
        </Notice>
      )}
      {param(sp.twoFactor) === "required" && (
        <Notice title="Two-factor sign-in required">
          <p>{user.name} sets it up at their next sign-in.</p>
        </Notice>
      )}
      {param(sp.twoFactor) === "optional" && <Notice title="Two-factor sign-in is now optional" />}
      <span className="block text-lg text-muted">{user.email}</span>
      <h1 className="h1">{user.name}</h1>

      <section aria-labelledby="details-heading" className="card">
        <h2 id="details-heading" className="h2">
          Details
        </h2>
        <SummaryList
          rows={[
            { key: "Name", value: user.name },
            { key: "Email address", value: <span className="break-all">{user.email}</span> },
            { key: "Role", value: roleLabels[user.role], change: change("role") },
            {
              key: "Sites",
              value: (
                <>
                  {user.siteNames.length ? (
                    <ul className="list-none">
                      {user.siteNames.map((name) => (
                        <li key={name}>{name}</li>
                      ))}
                    </ul>
                  ) : (
                    <span className="text-muted">None of your sites</span>
                  )}
                  {user.otherSiteCount > 0 && <span className="block text-muted">and {others} you do not manage</span>}
                </>
              ),
              change: change("sites"),
            },
            { key: "Status", value: user.disabled ? <Tag tone="grey">Disabled</Tag> : <Tag tone="green">Active</Tag> },
            {
              key: "Two-factor sign-in",
              value: (
                <>
                  {twoFactor.enabled ? <Tag tone="green">On</Tag> : <Tag tone="grey">Off</Tag>}
                  <span className="block text-muted">
                    {twoFactor.requiredByRole ? "Required for this role" : twoFactor.requiredForUser ? "Required for this user" : "Optional"}
                    {twoFactor.enabled ? `, ${twoFactor.recoveryCodesLeft} recovery codes left` : ""}
                  </span>
                </>
              ),
            },
            { key: "Created", value: formatDate(toLondon(user.createdAt).date) },
          ]}
        />
      </section>

      <section aria-labelledby="account-heading" className="max-w-2xl">
        <h2 id="account-heading" className="h2">
          Account
        </h2>
        {isSelf ? (
          <p className="mb-4">This is your account. Another administrator must change your role, sites or status.</p>
        ) : (
          <UserStatusForm key={String(user.disabled)} action={setUserDisabledAction} userId={user.id} disabled={user.disabled} name={user.name} />
        )}
        {!isSelf && (
          <div className="mt-8">
            <h3 className="h3">Two-factor sign-in</h3>
            {!twoFactor.requiredByRole && (
              <div className="mb-6">
                <UserTwoFactorRequiredForm key={String(twoFactor.requiredForUser)} action={setUserTwoFactorRequiredAction} userId={user.id} required={twoFactor.requiredForUser} name={user.name} />
              </div>
            )}
            {twoFactor.enabled && <ResetUserTwoFactorForm action={resetUserTwoFactorAction} userId={user.id} name={user.name} />}
          </div>
        )}
        <p className="mt-6">
          <Link href={`/admin/users/${user.id}/password`}>
            Reset password<span className="sr-only"> for {user.name}</span>
          </Link>
        </p>
      </section>
    </>
  );
}
