import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { RequirementForm } from "@/components/forms/requirement-form";
import { BackLink } from "@/components/ui/back-link";
import { can } from "@/domain/permissions";
import { requireCtx } from "@/server/context";
import { forPage } from "@/server/page-guard";
import { getPerson } from "@/server/people/queries";
import { createRequirementAction } from "./actions";
import { newIdempotencyKey } from "@/server/idempotency";

export const metadata: Metadata = { title: "Add a treatment requirement" };

export default async function NewRequirementPage({ params }: { params: Promise<{ personId: string }> }) {
  const ctx = await requireCtx();
  if (!can(ctx.user.role, "requirement:write")) forbidden();
  const { personId } = await params;
  const person = await forPage(getPerson({ ctx, personId, audit: false }));
  const fullName = `${person.givenName} ${person.familyName}`;
  return (
    <>
      <BackLink href={`/people/${person.id}/requirements`}>Back to treatment requirements</BackLink>
      <span className="block text-lg text-muted">
        {fullName}, CRN {person.crn}
      </span>
      <h1 className="h1">Add a treatment requirement</h1>
      <div className="max-w-2xl">
        <RequirementForm mode="create" action={createRequirementAction} initialValues={{ personId: person.id, status: "proposed", idempotencyKey: newIdempotencyKey() }} />
      </div>
    </>
  );
}
