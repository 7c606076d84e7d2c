import type { Metadata } from "next";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { ConsentForm } from "@/components/forms/consent-form";
import { BackLink } from "@/components/ui/back-link";
import { param } from "@/components/ui/href";
import { Notice } from "@/components/ui/notice";
import { Table, Td, Th } from "@/components/ui/table";
import { formatDate, formatDateTime, todayInLondon } from "@/domain/dates";
import { consentKindLabels, consentKinds, consentMethodLabels } from "@/domain/health";
import { can } from "@/domain/permissions";
import { datePartValues } from "@/domain/schemas/consent";
import { getConsentOverview } from "@/server/consent/queries";
import { requireCtx } from "@/server/context";
import { forPage } from "@/server/page-guard";
import { ConsentStateTag } from "@/components/ui/consent-state-tag";
import { recordConsentAction } from "./actions";
import { newIdempotencyKey } from "@/server/idempotency";

export const metadata: Metadata = { title: "Consent" };

export default async function ConsentPage({ params, searchParams }: { params: Promise<{ personId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await requireCtx();
  if (!can(ctx.user.role, "health:read")) forbidden();
  const { personId } = await params;
  const sp = await searchParams;
  const { person, current, history } = await forPage(getConsentOverview({ ctx, personId }));
  const canWrite = can(ctx.user.role, "health:write");
  const fullName = `${person.givenName} ${person.familyName}`;

  return (
    <>
      <BackLink href={`/people/${person.id}`}>{`Back to ${fullName}`}</BackLink>
      {param(sp.recorded) && <Notice title="Consent decision saved" />}
      {param(sp.withdrawn) && (
        <Notice title="Consent withdrawn">
          <p>The withdrawal took effect at once.</p>
        </Notice>
      )}
      <span className="block text-lg text-muted">
        {fullName}, CRN {person.crn}
      </span>
      <h1 className="h1">Consent</h1>

      <section aria-labelledby="current-heading">
        <h2 id="current-heading" className="h2">
          Consent now
        </h2>
        <Table
          caption={<span className="sr-only">The consent in force for each purpose</span>}
          head={
            <>
              <Th>Consent for</Th>
              <Th>Status</Th>
              <Th>Details</Th>
              <Th>
                <span className="sr-only">Actions</span>
              </Th>
            </>
          }
        >
          {consentKinds.map((kind) => {
            const { state, consent } = current[kind];
            return (
              <tr key={kind}>
                <Td>{consentKindLabels[kind]}</Td>
                <Td>
                  <ConsentStateTag state={state} />
                </Td>
                <Td>
                  {consent ? (
                    <ul className="list-none text-sm">
                      <li>
                        {consent.decision === "given" ? "Given" : "Refused"} on {formatDate(consent.decidedOn)}
                      </li>
                      {consent.withdrawnOn && <li>Withdrawn on {formatDate(consent.withdrawnOn)}</li>}
                      <li>Information: {consent.informationVersion}</li>
                      <li>{consentMethodLabels[consent.method]}</li>
                      <li className="text-muted">Recorded by {consent.recordedByName}</li>
                    </ul>
                  ) : (
                    <span className="text-muted">Not asked yet</span>
                  )}
                </Td>
                <Td>
                  {canWrite && state === "given" && consent && (
                    <Link href={`/people/${person.id}/consent/${consent.id}/withdraw`}>
                      Withdraw<span className="sr-only"> consent for {consentKindLabels[kind].toLowerCase()}</span>
                    </Link>
                  )}
                </Td>
              </tr>
            );
          })}
        </Table>
      </section>

      {canWrite && (
        <section aria-labelledby="record-heading" className="max-w-2xl">
          <h2 id="record-heading" className="h2">
            Record a consent conversation
          </h2>
          <p className="mb-6">The latest conversation for each purpose is the one in force. Recording it again, for example with newer information, replaces the earlier decision.</p>
          <ConsentForm key={history[0]?.id ?? "none"} action={recordConsentAction} initialValues={{ personId: person.id, ...datePartValues("decidedOn", todayInLondon()), idempotencyKey: newIdempotencyKey() }} />
        </section>
      )}

      <section aria-labelledby="history-heading" className="mt-8">
        <h2 id="history-heading" className="h2">
          History
        </h2>
        {history.length === 0 ? (
          <p className="mb-6">No consent conversations recorded yet.</p>
        ) : (
          <Table
            caption={<span className="sr-only">Every consent conversation, newest first</span>}
            head={
              <>
                <Th>Recorded</Th>
                <Th>Consent for</Th>
                <Th>Decision</Th>
                <Th>Information</Th>
                <Th>How obtained</Th>
                <Th>Withdrawal</Th>
              </>
            }
          >
            {history.map((c) => (
              <tr key={c.id}>
                <Td>
                  {formatDateTime(c.recordedAt)}
                  <span className="block text-sm text-muted">by {c.recordedByName}</span>
                </Td>
                <Td>{consentKindLabels[c.kind]}</Td>
                <Td>
                  {c.decision === "given" ? "Given" : "Refused"} on {formatDate(c.decidedOn)}
                </Td>
                <Td>{c.informationVersion}</Td>
                <Td>{consentMethodLabels[c.method]}</Td>
                <Td>
                  {c.withdrawnOn ? (
                    <>
                      Withdrawn on {formatDate(c.withdrawnOn)}
                      {c.withdrawalRecordedAt && (
                        <span className="block text-sm text-muted">
                          recorded {formatDateTime(c.withdrawalRecordedAt)}
                          {c.withdrawalRecordedByName ? ` by ${c.withdrawalRecordedByName}` : ""}
                        </span>
                      )}
                    </>
                  ) : (
                    <span className="text-muted">None</span>
                  )}
                </Td>
              </tr>
            ))}
          </Table>
        )}
      </section>
    </>
  );
}
