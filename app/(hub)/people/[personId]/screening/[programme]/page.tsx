import type { Metadata } from "next";
import Link from "next/link";
import { forbidden, notFound } from "next/navigation";
import { ScreeningForm } from "@/components/forms/screening-form";
import { BackLink } from "@/components/ui/back-link";
import { SummaryList, type SummaryRow } from "@/components/ui/summary-list";
import { formatDate, formatDateTime } from "@/domain/dates";
import { recordedScreeningStatuses, screeningProgrammeLabels, screeningProgrammes } from "@/domain/health";
import { can } from "@/domain/permissions";
import { datePartValues } from "@/domain/schemas/consent";
import { NO_SCREENING_ACTION, screeningStatusDates } from "@/domain/schemas/screening";
import { requireCtx } from "@/server/context";
import { forPage } from "@/server/page-guard";
import { getScreeningOverview, type ScreeningProgrammeState } from "@/server/screening/queries";
import { EligibilityTag, RecordedStatusTag } from "@/components/ui/screening-tags";
import { updateScreeningAction } from "./actions";
import { newIdempotencyKey } from "@/server/idempotency";

export const metadata: Metadata = { title: "Update screening" };

function formValues(personId: string, p: ScreeningProgrammeState): Record<string, string> {
  const values: Record<string, string> = { personId, programme: p.programme, version: String(p.version), note: p.note ?? "", ...datePartValues("lastTestOn", p.lastTestOn) };
  if (p.recordedStatus) values.status = p.recordedStatus;
  else if (p.version > 0) values.status = NO_SCREENING_ACTION;
  for (const s of recordedScreeningStatuses) Object.assign(values, datePartValues(screeningStatusDates[s].field, p[screeningStatusDates[s].field]));
  if (p.lastResultHpvNegative !== null) values.lastResultHpvNegative = p.lastResultHpvNegative ? "yes" : "no";
  else if (p.version > 0) values.lastResultHpvNegative = "unknown";
  return values;
}

export default async function ScreeningProgrammePage({ params }: { params: Promise<{ personId: string; programme: string }> }) {
  const ctx = await requireCtx();
  if (!can(ctx.user.role, "health:read")) forbidden();
  const { personId, programme: programmeParam } = await params;
  const programme = screeningProgrammes.find((p) => p === programmeParam);
  if (!programme) notFound();
  const { person, programmes, hubCareConsent } = await forPage(getScreeningOverview({ ctx, personId }));
  const p = programmes.find((x) => x.programme === programme);
  if (!p) notFound();
  const canWrite = can(ctx.user.role, "health:write");
  const fullName = `${person.givenName} ${person.familyName}`;
  const label = screeningProgrammeLabels[programme];

  const recordedRows: SummaryRow[] = recordedScreeningStatuses.flatMap((s) => {
    const { field, label: dateLabel } = screeningStatusDates[s];
    const on = p[field];
    return on ? [{ key: dateLabel, value: formatDate(on) }] : [];
  });

  return (
    <>
      <BackLink href={`/people/${person.id}/screening`}>Back to screening</BackLink>
      <span className="block text-lg text-muted">
        {fullName}, CRN {person.crn}
      </span>
      <h1 className="h1">{label}</h1>

      <section aria-labelledby="now-heading" className="card">
        <h2 id="now-heading" className="h2">
          Now
        </h2>
        <SummaryList
          rows={[
            { key: "Eligibility", value: <EligibilityTag status={p.eligibility.status} /> },
            { key: "Why", value: p.eligibility.reason },
            ...(p.eligibility.nextDueOn && p.eligibility.status !== "not_eligible"
              ? [{ key: p.eligibility.status === "up_to_date" ? "Next due" : "Due since", value: formatDate(p.eligibility.nextDueOn) }]
              : []),
            { key: "What the hub has done", value: <RecordedStatusTag status={p.recordedStatus} /> },
            ...recordedRows,
            { key: "Last test", value: p.lastTestOn ? formatDate(p.lastTestOn) : <span className="text-muted">Not recorded</span> },
            ...(programme === "cervical" && p.lastResultHpvNegative !== null ? [{ key: "Last result HPV negative", value: p.lastResultHpvNegative ? "Yes" : "No" }] : []),
            ...(p.note ? [{ key: "Note", value: p.note }] : []),
            ...(p.updatedAt ? [{ key: "Last updated", value: `${formatDateTime(p.updatedAt)}${p.updatedByName ? ` by ${p.updatedByName}` : ""}` }] : []),
          ]}
        />
      </section>

      {canWrite && (
        <section aria-labelledby="update-heading" className="max-w-2xl">
          <h2 id="update-heading" className="h2">
            Update
          </h2>
          {hubCareConsent === "given" ? (
            <ScreeningForm key={p.version} action={updateScreeningAction} programme={programme} initialValues={{ ...formValues(person.id, p), idempotencyKey: newIdempotencyKey() }} />
          ) : (
            <p className="mb-6">
              This person has not consented to care from the hub, so screening cannot be updated. <Link href={`/people/${person.id}/consent`}>Record their consent</Link> first.
            </p>
          )}
        </section>
      )}
    </>
  );
}
