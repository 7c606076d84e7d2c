import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { UserPasswordForm } from "@/components/forms/user-password-form";
import { BackLink } from "@/components/ui/back-link";
import { can } from "@/domain/permissions";
import { requireCtx } from "@/server/context";
import { forPage } from "@/server/page-guard";
import { getUser } from "@/server/users/queries";
import { resetPasswordAction } from "./actions";

export const metadata: Metadata = { title: "Reset password" };

export default async function ResetPasswordPage({ params }: { params: Promise<{ userId: string }> }) {
  const ctx = await requireCtx();
  if (!can(ctx.user.role, "user:manage")) forbidden();
  const { userId } = await params;
  const user = await forPage(getUser({ ctx, userId }));
  return (
    <>
      <BackLink href={`/admin/users/${user.id}`}>{`Back to ${user.name}`}</BackLink>
      <h1 className="h1">Reset password for {user.name}</h1>
      <div className="max-w-2xl">
        <p className="mb-6">
          {user.id === ctx.user.id
            ? "This is your own account: you will be signed out and need to sign in with the new password."
            : `${user.name} will be signed out everywhere and must sign in with the new password.`}
        </p>
        <UserPasswordForm action={resetPasswordAction} userId={user.id} />
      </div>
    </>
  );
}
