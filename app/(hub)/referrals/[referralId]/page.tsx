import type { Metadata } from "next";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { ReferralTransitionForm } from "@/components/forms/referral-transition-form";
import { BackLink } from "@/components/ui/back-link";
import { param } from "@/components/ui/href";
import { Notice } from "@/components/ui/notice";
import { OutcomeTag } from "@/components/ui/outcome-tag";
import { SummaryList, type SummaryRow } from "@/components/ui/summary-list";
import { Table, Td, Th } from "@/components/ui/table";
import { formatDateTime } from "@/domain/dates";
import { can } from "@/domain/permissions";
import { referralEventLabels, referralEvents, type ReferralEvent } from "@/domain/referral-lifecycle";
import { closureReasonLabels, referralStatusLabels, serviceCategoryLabels } from "@/domain/referrals";
import { requireCtx } from "@/server/context";
import { forPage } from "@/server/page-guard";
import { getReferral } from "@/server/referrals/queries";
import { DaysWaiting, ReferralStatusTag, UrgencyTag } from "@/components/ui/referral-tags";
import { transitionReferralAction } from "./actions";

export const metadata: Metadata = { title: "Referral" };

const notices: Record<string, string> = { sent: "Referral sent", saved: "Referral saved as a draft" };
const when = (d: Date | null) => (d ? formatDateTime(d) : <span className="text-muted">–</span>);

export default async function ReferralPage({ params, searchParams }: { params: Promise<{ referralId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await requireCtx();
  if (!can(ctx.user.role, "referral:read")) forbidden();
  const { referralId } = await params;
  const sp = await searchParams;
  const r = await forPage(getReferral({ ctx, referralId }));
  const now = new Date();
  const updated = param(sp.updated);
  const notice = param(sp.sent) ? notices.sent : param(sp.saved) ? notices.saved : updated && (referralEvents as readonly string[]).includes(updated) ? `Saved: ${referralEventLabels[updated as ReferralEvent].toLowerCase()}` : null;

  // Attendance can only be recorded once the first appointment has started (the server checks too).
  const notStarted = r.firstAppointment !== null && r.firstAppointment.startsAt.getTime() > now.getTime();
  const events = r.nextEvents.filter((e) => !(notStarted && (e === "record_attended" || e === "record_did_not_attend")));

  const rows: SummaryRow[] = [
    { key: "Person", value: <Link href={`/people/${r.person.id}`}>{r.person.name}</Link> },
    {
      key: "Status",
      value: (
        <span className="flex flex-wrap items-center gap-2">
          <ReferralStatusTag status={r.status} />
          {r.workingDaysWaiting !== null && (
            <span className="text-muted">
              for <DaysWaiting days={r.workingDaysWaiting} />
            </span>
          )}
        </span>
      ),
    },
    { key: "Service", value: `${r.service.name} (${serviceCategoryLabels[r.service.category]})` },
    ...(r.service.contact ? [{ key: "Service contact", value: <span className="whitespace-pre-line">{r.service.contact}</span> }] : []),
    { key: "Urgency", value: <UrgencyTag urgency={r.urgency} /> },
    { key: "Reason", value: <span className="whitespace-pre-line">{r.reason}</span> },
    { key: "Person agreed", value: r.personAgreed ? "Yes" : "Not yet" },
    ...(r.healthCheckId ? [{ key: "From", value: <Link href={`/health-checks/${r.healthCheckId}/result`}>The health check it came from</Link> }] : []),
    ...(r.firstAppointment
      ? [
          {
            key: "First appointment",
            value: (
              <span className="flex flex-wrap items-center gap-2">
                <Link href={`/appointments/${r.firstAppointment.id}`}>{formatDateTime(r.firstAppointment.startsAt)}</Link>
                <OutcomeTag outcome={r.firstAppointment.outcome} startsAt={r.firstAppointment.startsAt} now={now} />
              </span>
            ),
          },
        ]
      : []),
    ...(r.rejectionReason ? [{ key: "Why it was rejected", value: <span className="whitespace-pre-line">{r.rejectionReason}</span> }] : []),
    ...(r.closureReason ? [{ key: "Why it was closed", value: closureReasonLabels[r.closureReason] }] : []),
    { key: "Made", value: `${formatDateTime(r.createdAt)} by ${r.createdByName}` },
    { key: "Sent", value: when(r.sentAt) },
    { key: "Response", value: when(r.respondedAt) },
    { key: "First appointment booked", value: when(r.appointmentBookedAt) },
    { key: "First attended", value: when(r.firstAttendedAt) },
    { key: "Ended", value: when(r.endedAt) },
  ];

  return (
    <>
      <BackLink href={`/people/${r.person.id}`}>{`Back to ${r.person.name}`}</BackLink>
      {notice && <Notice title={notice} />}
      <span className="block text-lg text-muted">
        {r.person.name}, CRN {r.person.crn}
      </span>
      <h1 className="h1">Referral to {serviceCategoryLabels[r.service.category]}</h1>
      <div className="card">
        <SummaryList rows={rows} />
      </div>

      <section aria-labelledby="history-heading">
        <h2 id="history-heading" className="h2">
          History
        </h2>
        <Table caption={<span className="sr-only">Every step of this referral, oldest first</span>} head={<><Th>When</Th><Th>Step</Th><Th>By</Th><Th>Note</Th></>}>
          {r.history.map((h) => (
            <tr key={h.id}>
              <Td>{formatDateTime(h.at)}</Td>
              <Td>{h.from ? `${referralStatusLabels[h.from]} to ${referralStatusLabels[h.to]}` : `Made as ${referralStatusLabels[h.to].toLowerCase()}`}</Td>
              <Td>{h.byName}</Td>
              <Td>{h.note ? <span className="whitespace-pre-line">{h.note}</span> : <span className="text-muted">–</span>}</Td>
            </tr>
          ))}
        </Table>
      </section>

      {can(ctx.user.role, "referral:write") && r.nextEvents.length > 0 && (
        <section aria-labelledby="next-heading" className="max-w-2xl">
          <h2 id="next-heading" className="h2">
            Record what happened next
          </h2>
          {notStarted && r.firstAppointment && <p className="mb-4">Attendance can be recorded once the first appointment has started ({formatDateTime(r.firstAppointment.startsAt)}).</p>}
          {r.status === "appointment_booked" && r.firstAppointment?.outcome === "cancelled" && (
            <p className="mb-4">The first appointment was cancelled. Close this referral if it is no longer going ahead.</p>
          )}
          <ReferralTransitionForm
            key={r.version}
            action={transitionReferralAction}
            events={events}
            needsAgreement={!r.personAgreed}
            rebooking={r.status === "did_not_attend"}
            initialValues={{ referralId: r.id, version: String(r.version) }}
          />
        </section>
      )}
    </>
  );
}
