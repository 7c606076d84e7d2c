import type { Metadata } from "next";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { RequirementForm } from "@/components/forms/requirement-form";
import { BackLink } from "@/components/ui/back-link";
import { param } from "@/components/ui/href";
import { Notice } from "@/components/ui/notice";
import { SummaryList } from "@/components/ui/summary-list";
import { Table, Td, Th } from "@/components/ui/table";
import { formatDate, formatDateTime } from "@/domain/dates";
import { can } from "@/domain/permissions";
import { requirementLabels } from "@/domain/people";
import { datePartValues } from "@/domain/schemas/consent";
import { requireCtx } from "@/server/context";
import { forPage } from "@/server/page-guard";
import { getRequirement, type RequirementView } from "@/server/requirements/queries";
import { requirementRows } from "../_components/requirement-summary";
import { updateRequirementAction } from "./actions";

export const metadata: Metadata = { title: "Treatment requirement" };

function formValues(personId: string, r: RequirementView): Record<string, string> {
  return {
    personId,
    requirementId: r.id,
    version: String(r.version),
    status: r.status,
    ...datePartValues("suitabilityAssessedOn", r.suitabilityAssessedOn),
    suitable: r.suitable === null ? "" : r.suitable ? "yes" : "no",
    ...datePartValues("madeOn", r.madeOn),
    lengthMonths: r.lengthMonths === null ? "" : String(r.lengthMonths),
    provider: r.provider ?? "",
    ...datePartValues("treatmentStartedOn", r.treatmentStartedOn),
    ...datePartValues("endedOn", r.endedOn),
    note: r.note ?? "",
  };
}

export default async function RequirementPage({
  params,
  searchParams,
}: {
  params: Promise<{ personId: string; requirementId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const ctx = await requireCtx();
  if (!can(ctx.user.role, "requirement:read")) forbidden();
  const { personId, requirementId } = await params;
  const sp = await searchParams;
  const { person, requirement: r } = await forPage(getRequirement({ ctx, personId, requirementId }));
  const canWrite = can(ctx.user.role, "requirement:write");
  const fullName = `${person.givenName} ${person.familyName}`;

  return (
    <>
      <BackLink href={`/people/${person.id}/requirements`}>Back to treatment requirements</BackLink>
      {param(sp.reviewed) && <Notice title="Court review recorded" />}
      <span className="block text-lg text-muted">
        {fullName}, CRN {person.crn}
      </span>
      <h1 className="h1">{requirementLabels[r.kind]}</h1>

      <section aria-labelledby="now-heading" className="card">
        <h2 id="now-heading" className="h2">
          Now
        </h2>
        <SummaryList rows={requirementRows(r, { full: true })} />
      </section>

      <section aria-labelledby="reviews-heading" className="mb-8">
        <div className="flex flex-wrap items-baseline justify-between gap-4">
          <h2 id="reviews-heading" className="h2">
            Court reviews
          </h2>
          {canWrite && r.madeOn && (
            <Link href={`/people/${person.id}/requirements/${r.id}/review`} className="btn-secondary">
              Record a court review
            </Link>
          )}
        </div>
        {r.reviews.length === 0 ? (
          <p className="mb-6">{r.madeOn ? "No court reviews recorded." : "Court reviews can be recorded once the order has been made."}</p>
        ) : (
          <Table
            caption={<span className="sr-only">Court reviews, newest first</span>}
            head={
              <>
                <Th>Date of review</Th>
                <Th>Outcome</Th>
                <Th>Recorded</Th>
              </>
            }
          >
            {r.reviews.map((v) => (
              <tr key={v.id}>
                <Td>{formatDate(v.reviewedOn)}</Td>
                <Td className="whitespace-pre-line">{v.outcome}</Td>
                <Td>
                  {formatDateTime(v.recordedAt)}
                  <span className="block text-sm text-muted">by {v.recordedByName}</span>
                </Td>
              </tr>
            ))}
          </Table>
        )}
      </section>

      {canWrite && (
        <section aria-labelledby="update-heading" className="max-w-2xl">
          <h2 id="update-heading" className="h2">
            Update
          </h2>
          <RequirementForm key={r.version} mode="update" action={updateRequirementAction} initialValues={formValues(person.id, r)} />
        </section>
      )}
    </>
  );
}
