import type { Metadata } from "next";
import Link from "next/link";
import { RecordOutcomeForm } from "@/components/forms/record-outcome-form";
import { BackLink } from "@/components/ui/back-link";
import { param } from "@/components/ui/href";
import { Notice } from "@/components/ui/notice";
import { OutcomeTag } from "@/components/ui/outcome-tag";
import { SummaryList } from "@/components/ui/summary-list";
import { appointmentKindLabels, appointmentTypeLabels } from "@/domain/appointments";
import { formatDateTime } from "@/domain/dates";
import { appointmentKindPermission, can } from "@/domain/permissions";
import { getAppointment } from "@/server/appointments/queries";
import { requireCtx } from "@/server/context";
import { forPage } from "@/server/page-guard";
import { recordOutcomeAction } from "./actions";
import { newIdempotencyKey } from "@/server/idempotency";

export const metadata: Metadata = { title: "Appointment" };

export default async function AppointmentPage({ params, searchParams }: { params: Promise<{ appointmentId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await requireCtx();
  const { appointmentId } = await params;
  const sp = await searchParams;
  const a = await forPage(getAppointment({ ctx, appointmentId }));
  const now = new Date();
  const canRecord = can(ctx.user.role, "appointment:record-outcome") && can(ctx.user.role, appointmentKindPermission(a.kind)) && !a.outcome;

  return (
    <>
      <BackLink href={`/people/${a.personId}`}>{`Back to ${a.personName}`}</BackLink>
      {param(sp.saved) && <Notice title="Outcome saved" />}
      <span className="block text-lg text-muted">
        {a.personName}, CRN {a.crn}
      </span>
      <h1 className="h1">
        {appointmentTypeLabels[a.type]}, {formatDateTime(a.startsAt)}
      </h1>
      <div className="card">
        <SummaryList
          rows={[
            { key: "Person", value: <Link href={`/people/${a.personId}`}>{a.personName}</Link> },
            { key: "Kind", value: appointmentKindLabels[a.kind] },
            { key: "Type", value: appointmentTypeLabels[a.type] },
            { key: "Date and time", value: `${formatDateTime(a.startsAt)} (${a.durationMinutes} minutes)` },
            { key: "Site", value: a.siteName },
            { key: "Clinician attends", value: a.clinicianAttends ? "Yes" : "No" },
            { key: "Outcome", value: <OutcomeTag outcome={a.outcome} startsAt={a.startsAt} now={now} /> },
            ...(a.outcomeNote ? [{ key: "Note", value: a.outcomeNote }] : []),
            ...(a.outcomeRecordedAt ? [{ key: "Outcome recorded", value: formatDateTime(a.outcomeRecordedAt) }] : []),
            ...(a.rescheduledFromId ? [{ key: "Replaces", value: <Link href={`/appointments/${a.rescheduledFromId}`}>The appointment this one replaced</Link> }] : []),
            ...(a.rescheduledToId ? [{ key: "Rescheduled to", value: <Link href={`/appointments/${a.rescheduledToId}`}>The new appointment</Link> }] : []),
          ]}
        />
      </div>
      {canRecord && (
        <section aria-labelledby="outcome-heading" className="max-w-2xl">
          <h2 id="outcome-heading" className="h2">
            Record the outcome
          </h2>
          {a.startsAt.getTime() > now.getTime() && <p className="mb-4">This appointment has not started yet, so it can only be cancelled or rescheduled.</p>}
          <RecordOutcomeForm action={recordOutcomeAction} started={a.startsAt.getTime() <= now.getTime()} initialValues={{ appointmentId: a.id, version: String(a.version), idempotencyKey: newIdempotencyKey() }} />
        </section>
      )}
    </>
  );
}
