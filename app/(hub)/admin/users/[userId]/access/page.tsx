import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { UserAccessForm } from "@/components/forms/user-access-form";
import { BackLink } from "@/components/ui/back-link";
import { can } from "@/domain/permissions";
import { userMessages } from "@/domain/messages";
import { requireCtx } from "@/server/context";
import { forPage } from "@/server/page-guard";
import { listMySites } from "@/server/sites/queries";
import { getUser } from "@/server/users/queries";
import { updateUserAccessAction } from "./actions";

export const metadata: Metadata = { title: "Change role and sites" };

export default async function UserAccessPage({ params }: { params: Promise<{ userId: string }> }) {
  const ctx = await requireCtx();
  if (!can(ctx.user.role, "user:manage")) forbidden();
  const { userId } = await params;
  const user = await forPage(getUser({ ctx, userId }));
  const sites = await forPage(listMySites({ ctx }));
  return (
    <>
      <BackLink href={`/admin/users/${user.id}`}>{`Back to ${user.name}`}</BackLink>
      <h1 className="h1">Change role and sites for {user.name}</h1>
      <div className="max-w-2xl">
        {user.id === ctx.user.id ? (
          <p>{userMessages.cannotChangeOwnAccess}</p>
        ) : (
          <UserAccessForm
            action={updateUserAccessAction}
            sites={sites}
            otherSiteCount={user.otherSiteCount}
            initialValues={{ userId: user.id, version: String(user.version), role: user.role, siteIds: user.siteIds.join(",") }}
          />
        )}
      </div>
    </>
  );
}
