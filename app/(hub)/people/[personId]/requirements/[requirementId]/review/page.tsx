import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { RequirementReviewForm } from "@/components/forms/requirement-review-form";
import { BackLink } from "@/components/ui/back-link";
import { SummaryList } from "@/components/ui/summary-list";
import { formatDate } from "@/domain/dates";
import { can } from "@/domain/permissions";
import { requirementLabels } from "@/domain/people";
import { requireCtx } from "@/server/context";
import { forPage } from "@/server/page-guard";
import { getRequirement } from "@/server/requirements/queries";
import { ReviewDue } from "../../_components/requirement-tags";
import { recordReviewAction } from "./actions";

export const metadata: Metadata = { title: "Record a court review" };

export default async function RecordReviewPage({ params }: { params: Promise<{ personId: string; requirementId: string }> }) {
  const ctx = await requireCtx();
  if (!can(ctx.user.role, "requirement:write")) forbidden();
  const { personId, requirementId } = await params;
  const { person, requirement: r } = await forPage(getRequirement({ ctx, personId, requirementId }));
  const fullName = `${person.givenName} ${person.familyName}`;

  return (
    <>
      <BackLink href={`/people/${person.id}/requirements/${r.id}`}>{`Back to the ${r.kind}`}</BackLink>
      <span className="block text-lg text-muted">
        {fullName}, CRN {person.crn}
      </span>
      <h1 className="h1">Record a court review</h1>
      <div className="max-w-2xl">
        <SummaryList
          rows={[
            { key: "Requirement", value: requirementLabels[r.kind] },
            { key: "Order made", value: r.madeOn ? formatDate(r.madeOn) : <span className="text-muted">Not recorded</span> },
            ...(r.schedule.required ? [{ key: "Court reviews", value: <ReviewDue schedule={r.schedule} dated={Boolean(r.madeOn ?? r.treatmentStartedOn)} /> }] : []),
          ]}
        />
        {r.madeOn ? (
          <RequirementReviewForm key={r.version} action={recordReviewAction} initialValues={{ personId: person.id, requirementId: r.id, version: String(r.version) }} />
        ) : (
          <p className="mb-6">Record the date the order was made before recording a court review.</p>
        )}
      </div>
    </>
  );
}
