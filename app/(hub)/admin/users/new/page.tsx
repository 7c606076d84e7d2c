import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { UserCreateForm } from "@/components/forms/user-create-form";
import { BackLink } from "@/components/ui/back-link";
import { can } from "@/domain/permissions";
import { requireCtx } from "@/server/context";
import { forPage } from "@/server/page-guard";
import { listMySites } from "@/server/sites/queries";
import { createUserAction } from "./actions";
import { newIdempotencyKey } from "@/server/idempotency";

export const metadata: Metadata = { title: "Create a user" };

export default async function NewUserPage() {
  const ctx = await requireCtx();
  if (!can(ctx.user.role, "user:manage")) forbidden();
  const sites = await forPage(listMySites({ ctx }));
  const initialValues: Record<string, string> = sites.length === 1 && sites[0] ? { siteIds: sites[0].id } : {};
  return (
    <>
      <BackLink href="/admin/users">Back to users</BackLink>
      <h1 className="h1">Create a user</h1>
      <div className="max-w-2xl">
        <UserCreateForm action={createUserAction} sites={sites} initialValues={{ ...initialValues, idempotencyKey: newIdempotencyKey() }} />
      </div>
    </>
  );
}
