import type { Metadata } from "next";
import Link from "next/link";
import { forbidden } from "next/navigation";
import type { ReactNode } from "react";
import { GpRegistrationForm } from "@/components/forms/gp-registration-form";
import { BackLink } from "@/components/ui/back-link";
import { param } from "@/components/ui/href";
import { Notice } from "@/components/ui/notice";
import { SummaryList } from "@/components/ui/summary-list";
import { Table, Td, Th } from "@/components/ui/table";
import { Tag, type TagTone } from "@/components/ui/tag";
import { formatDate, formatDateTime } from "@/domain/dates";
import { gpBarrierLabels, gpStatusLabels, type GpStatus } from "@/domain/health";
import { can } from "@/domain/permissions";
import { datePartValues } from "@/domain/schemas/consent";
import { gpRegistrationTypeLabels } from "@/domain/schemas/gp-registration";
import { requireCtx } from "@/server/context";
import { getGpRegistration, type GpRegistrationEntry } from "@/server/gp/queries";
import { forPage } from "@/server/page-guard";
import { recordGpRegistrationAction } from "./actions";
import { newIdempotencyKey } from "@/server/idempotency";

export const metadata: Metadata = { title: "GP registration" };

const statusTone: Record<GpStatus, TagTone> = { registered: "green", not_registered: "red", unknown: "grey" };

function StatusTag({ status }: { status: GpStatus }) {
  return <Tag tone={statusTone[status]}>{gpStatusLabels[status]}</Tag>;
}

function orNone(value: ReactNode | null) {
  return value ?? <span className="text-muted">Not recorded</span>;
}

function practice(entry: GpRegistrationEntry) {
  if (!entry.practiceName && !entry.odsCode) return null;
  return (
    <>
      {entry.practiceName}
      {entry.odsCode && <span className="font-mono"> {entry.odsCode}</span>}
    </>
  );
}

function formValues(personId: string, current: GpRegistrationEntry | null, version: number): Record<string, string> {
  if (!current) return { personId, version: String(version) };
  // Start from the latest record, so the clinician changes only what changed; the note is per change.
  return {
    personId,
    version: String(version),
    status: current.status,
    practiceName: current.practiceName ?? "",
    odsCode: current.odsCode ?? "",
    registrationType: current.registrationType ?? "",
    ...datePartValues("supportStartedOn", current.supportStartedOn),
    ...datePartValues("registeredOn", current.registeredOn),
    barriers: current.barriers.join(","),
  };
}

export default async function GpRegistrationPage({ params, searchParams }: { params: Promise<{ personId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await requireCtx();
  if (!can(ctx.user.role, "health:read")) forbidden();
  const { personId } = await params;
  const sp = await searchParams;
  const gp = await forPage(getGpRegistration({ ctx, personId }));
  const { person, atEnrolment, current, history } = gp;
  const canWrite = can(ctx.user.role, "health:write");
  const consented = gp.hubCareConsent === "given";
  const fullName = `${person.givenName} ${person.familyName}`;

  return (
    <>
      <BackLink href={`/people/${person.id}`}>{`Back to ${fullName}`}</BackLink>
      {param(sp.saved) && <Notice title="GP registration saved" />}
      <span className="block text-lg text-muted">
        {fullName}, CRN {person.crn}
      </span>
      <h1 className="h1">GP registration</h1>

      <section aria-labelledby="now-heading" className="card">
        <h2 id="now-heading" className="h2">
          Now
        </h2>
        {current ? (
          <SummaryList
            rows={[
              { key: "Status now", value: <StatusTag status={current.status} /> },
              { key: "At enrolment", value: atEnrolment ? <StatusTag status={atEnrolment.status} /> : orNone(null) },
              { key: "Practice", value: orNone(practice(current)) },
              { key: "Registration", value: orNone(current.registrationType ? gpRegistrationTypeLabels[current.registrationType] : null) },
              { key: "Support started", value: orNone(current.supportStartedOn ? formatDate(current.supportStartedOn) : null) },
              { key: "Date registered", value: orNone(current.registeredOn ? formatDate(current.registeredOn) : null) },
              {
                key: "Barriers met",
                value: current.barriers.length ? (
                  <ul className="list-none">
                    {current.barriers.map((b) => (
                      <li key={b}>{gpBarrierLabels[b]}</li>
                    ))}
                  </ul>
                ) : (
                  "None recorded"
                ),
              },
              { key: "Last updated", value: `${formatDateTime(current.recordedAt)} by ${current.recordedByName}` },
            ]}
          />
        ) : (
          <p>Nothing recorded yet. The first record saved is kept as the status at enrolment.</p>
        )}
      </section>

      {canWrite && (
        <section aria-labelledby="record-heading" className="max-w-2xl">
          <h2 id="record-heading" className="h2">
            {current ? "Record a change" : "Record GP registration at enrolment"}
          </h2>
          {consented ? (
            <GpRegistrationForm key={current?.id ?? "none"} action={recordGpRegistrationAction} initialValues={{ ...formValues(person.id, current, history.length), idempotencyKey: newIdempotencyKey() }} />
          ) : (
            <p className="mb-6">
              This person has not consented to care from the hub, so their GP registration cannot be recorded.{" "}
              <Link href={`/people/${person.id}/consent`}>Record their consent</Link> first.
            </p>
          )}
        </section>
      )}

      <section aria-labelledby="history-heading" className="mt-8">
        <h2 id="history-heading" className="h2">
          History
        </h2>
        {history.length === 0 ? (
          <p className="mb-6">No changes recorded yet.</p>
        ) : (
          <Table
            caption={<span className="sr-only">Every change to GP registration, newest first</span>}
            head={
              <>
                <Th>Recorded</Th>
                <Th>Status</Th>
                <Th>Practice</Th>
                <Th>Dates</Th>
                <Th>Barriers and note</Th>
              </>
            }
          >
            {history.map((h) => (
              <tr key={h.id}>
                <Td>
                  {formatDateTime(h.recordedAt)}
                  <span className="block text-sm text-muted">by {h.recordedByName}</span>
                  {h.atEnrolment && <span className="block text-sm font-semibold">At enrolment</span>}
                </Td>
                <Td>
                  <StatusTag status={h.status} />
                  {h.registrationType && <span className="block text-sm">{gpRegistrationTypeLabels[h.registrationType]}</span>}
                </Td>
                <Td>{practice(h) ?? <span className="text-muted">None</span>}</Td>
                <Td>
                  {h.supportStartedOn && <span className="block">Support from {formatDate(h.supportStartedOn)}</span>}
                  {h.registeredOn && <span className="block">Registered {formatDate(h.registeredOn)}</span>}
                  {!h.supportStartedOn && !h.registeredOn && <span className="text-muted">None</span>}
                </Td>
                <Td>
                  {h.barriers.length > 0 && <span className="block">{h.barriers.map((b) => gpBarrierLabels[b]).join("; ")}</span>}
                  {h.note && <span className="block text-sm">{h.note}</span>}
                  {h.barriers.length === 0 && !h.note && <span className="text-muted">None</span>}
                </Td>
              </tr>
            ))}
          </Table>
        )}
      </section>
    </>
  );
}
