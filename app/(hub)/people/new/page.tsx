import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { PersonForm } from "@/components/forms/person-form";
import { BackLink } from "@/components/ui/back-link";
import { can } from "@/domain/permissions";
import { requireCtx } from "@/server/context";
import { forPage } from "@/server/page-guard";
import { listMySites, listOfficers } from "@/server/sites/queries";
import { createPersonAction } from "./actions";
import { newIdempotencyKey } from "@/server/idempotency";

export const metadata: Metadata = { title: "Add a person" };

export default async function NewPersonPage() {
  const ctx = await requireCtx();
  if (!can(ctx.user.role, "person:create")) forbidden();
  const [sites, officers] = await Promise.all([forPage(listMySites({ ctx })), forPage(listOfficers({ ctx }))]);
  const initialValues: Record<string, string> = sites.length === 1 && sites[0] ? { siteId: sites[0].id } : {};
  if (ctx.user.role === "probation_officer") initialValues.assignedOfficerId = ctx.user.id;
  return (
    <>
      <BackLink href="/caseload">Back to caseload</BackLink>
      <h1 className="h1">Add a person</h1>
      <div className="max-w-2xl">
        <PersonForm mode="create" action={createPersonAction} sites={sites} officers={officers} initialValues={{ ...initialValues, idempotencyKey: newIdempotencyKey() }} />
      </div>
    </>
  );
}
