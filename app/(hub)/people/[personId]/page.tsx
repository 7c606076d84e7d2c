import type { Metadata } from "next";
import Link from "next/link";
import { BackLink } from "@/components/ui/back-link";
import { href, param } from "@/components/ui/href";
import { Notice } from "@/components/ui/notice";
import { OutcomeTag } from "@/components/ui/outcome-tag";
import { Pagination } from "@/components/ui/pagination";
import { SummaryList } from "@/components/ui/summary-list";
import { Table, Td, Th } from "@/components/ui/table";
import { appointmentKindLabels, appointmentTypeLabels } from "@/domain/appointments";
import { formatDate, formatDateTime } from "@/domain/dates";
import { formatNhsNumber } from "@/domain/nhs-number";
import { can } from "@/domain/permissions";
import { ethnicGroupLabels, orderTypeLabels, requirementLabels, sexLabels } from "@/domain/people";
import { requireCtx } from "@/server/context";
import { forPage } from "@/server/page-guard";
import { getPerson, getTimeline } from "@/server/people/queries";
import { ProbationHealthStatusCard } from "@/components/ui/probation-health-status";
import { getProbationHealthStatus } from "@/server/health/probation-status";
import { HealthSummary } from "./_components/health-summary";
import { RequirementsCard } from "./_components/requirements-card";
import { ReferralsCard } from "./_components/referrals-card";
import { ProbationReferralsCard } from "./_components/probation-referrals-card";

export const metadata: Metadata = { title: "Person" };

export default async function PersonPage({ params, searchParams }: { params: Promise<{ personId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await requireCtx();
  const { personId } = await params;
  const sp = await searchParams;
  const person = await forPage(getPerson({ ctx, personId }));
  const timeline = await forPage(getTimeline({ ctx, personId: person.id, page: Number.parseInt(param(sp.page) ?? "1", 10) || 1 }));
  const canEdit = can(ctx.user.role, "person:update");
  const canBook = can(ctx.user.role, "appointment:create");
  const change = (label: string) => (canEdit ? { href: `/people/${person.id}/edit`, label } : undefined);
  const now = new Date();
  const fullName = `${person.givenName} ${person.familyName}`;

  return (
    <>
      <BackLink href="/caseload">Back to caseload</BackLink>
      {param(sp.created) && <Notice title={`${fullName} has been added`} />}
      {param(sp.updated) && <Notice title="Details saved" />}
      {param(sp.booked) && <Notice title="Appointment booked" />}
      <span className="block text-lg text-muted">CRN {person.crn}</span>
      <h1 className="h1">{fullName}</h1>

      <section aria-labelledby="details-heading" className="card">
        <h2 id="details-heading" className="h2">
          Details
        </h2>
        <SummaryList
          rows={[
            { key: "Name", value: fullName, change: change("name") },
            { key: "Date of birth", value: `${formatDate(person.dateOfBirth)} (aged ${person.age})`, change: change("date of birth") },
            { key: "CRN", value: <span className="font-mono">{person.crn}</span>, change: change("CRN") },
            { key: "NHS number", value: person.nhsNumber ? <span className="font-mono">{formatNhsNumber(person.nhsNumber)}</span> : <span className="text-muted">Not known</span>, change: change("NHS number") },
            { key: "Sex registered at GP", value: sexLabels[person.sexRegisteredAtGp], change: change("sex registered at GP") },
            { key: "Gender identity", value: person.genderIdentity ?? <span className="text-muted">Not recorded</span>, change: change("gender identity") },
            { key: "Ethnic group", value: ethnicGroupLabels[person.ethnicGroup], change: change("ethnic group") },
            { key: "Site", value: person.siteName, change: change("site") },
            { key: "Assigned officer", value: person.assignedOfficerName ?? <span className="text-muted">Not assigned</span>, change: change("assigned officer") },
            { key: "Order or licence", value: orderTypeLabels[person.orderType], change: change("order or licence") },
            {
              key: "Treatment requirements",
              value: person.requirements.length ? (
                <ul className="list-none">
                  {person.requirements.map((r) => (
                    <li key={r.kind}>
                      {requirementLabels[r.kind]}
                      {r.madeOn && <span className="text-muted">, made {formatDate(r.madeOn)}</span>}
                      {r.lengthMonths && <span className="text-muted">, {r.lengthMonths} months</span>}
                    </li>
                  ))}
                </ul>
              ) : (
                "None"
              ),
              change: can(ctx.user.role, "requirement:write") ? { href: `/people/${person.id}/requirements`, label: "treatment requirements" } : undefined,
            },
            { key: "Enrolled in the hub", value: formatDate(person.enrolledOn) },
          ]}
        />
      </section>

      {can(ctx.user.role, "health:read") && (
        <ul className="mb-6 flex list-none flex-wrap gap-x-6 gap-y-2">
          <li>
            <Link href={`/people/${person.id}/history`}>Who has viewed or changed this record</Link>
          </li>
          <li>
            <Link href={`/people/${person.id}/subject-access`}>Subject access report</Link>
          </li>
        </ul>
      )}

      {/* Each role gets only its own shape of health data from the server: the officer's card never receives clinical fields. */}
      {can(ctx.user.role, "requirement:read") && <RequirementsCard ctx={ctx} personId={person.id} />}
      {can(ctx.user.role, "health:read") && <HealthSummary ctx={ctx} personId={person.id} />}
      {can(ctx.user.role, "referral:read") && <ReferralsCard ctx={ctx} personId={person.id} />}
      {can(ctx.user.role, "health-status:read") && <ProbationHealthStatusCard status={await forPage(getProbationHealthStatus({ ctx, personId: person.id }))} />}
      {can(ctx.user.role, "referral-status:read") && <ProbationReferralsCard ctx={ctx} personId={person.id} />}
      {can(ctx.user.role, "see-request:create") && (
        <p className="mb-6">
          <Link href={`/people/${person.id}/please-see`} className="btn-secondary">
            Ask the health hub to see {person.givenName}
          </Link>
        </p>
      )}

      <section aria-labelledby="timeline-heading">
        <div className="flex flex-wrap items-baseline justify-between gap-4">
          <h2 id="timeline-heading" className="h2">
            Appointments
          </h2>
          {canBook && (
            <Link href={`/people/${person.id}/appointments/new`} className="btn">
              Book an appointment
            </Link>
          )}
        </div>
        {timeline.total === 0 ? (
          <p className="mb-6">No appointments yet.</p>
        ) : (
          <Table
            caption={<span className="sr-only">Appointments for {fullName}, newest first</span>}
            head={
              <>
                <Th>Date and time</Th>
                <Th>Appointment</Th>
                <Th>Site</Th>
                <Th>Outcome</Th>
                <Th>
                  <span className="sr-only">Actions</span>
                </Th>
              </>
            }
          >
            {timeline.entries.map((a) => (
              <tr key={a.id}>
                <Td>{formatDateTime(a.startsAt)}</Td>
                <Td>
                  {appointmentTypeLabels[a.type]}
                  <span className="block text-sm text-muted">
                    {appointmentKindLabels[a.kind]}
                    {a.clinicianAttends ? ", clinician attends" : ""}
                  </span>
                  {a.rescheduledFromId && (
                    <Link href={`/appointments/${a.rescheduledFromId}`} className="block text-sm">
                      Replaces a rescheduled appointment
                    </Link>
                  )}
                </Td>
                <Td>{a.siteName}</Td>
                <Td>
                  <OutcomeTag outcome={a.outcome} startsAt={a.startsAt} now={now} />
                  {a.rescheduledToId && (
                    <Link href={`/appointments/${a.rescheduledToId}`} className="block text-sm">
                      See the new appointment
                    </Link>
                  )}
                </Td>
                <Td>
                  <Link href={`/appointments/${a.id}`}>
                    {a.outcome ? "View" : a.startsAt.getTime() > now.getTime() ? "Cancel or reschedule" : "Record outcome"}
                    <span className="sr-only"> for {formatDateTime(a.startsAt)}</span>
                  </Link>
                </Td>
              </tr>
            ))}
          </Table>
        )}
        <Pagination page={timeline.page} pageCount={timeline.pageCount} total={timeline.total} hrefFor={(page) => href(`/people/${person.id}`, { page })} />
      </section>
    </>
  );
}
