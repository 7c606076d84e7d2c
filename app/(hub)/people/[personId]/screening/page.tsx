import type { Metadata } from "next";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { BackLink } from "@/components/ui/back-link";
import { param } from "@/components/ui/href";
import { Notice } from "@/components/ui/notice";
import { Table, Td, Th } from "@/components/ui/table";
import { formatDate } from "@/domain/dates";
import { screeningProgrammeLabels, screeningProgrammes } from "@/domain/health";
import { can } from "@/domain/permissions";
import { screeningStatusDates } from "@/domain/schemas/screening";
import { requireCtx } from "@/server/context";
import { forPage } from "@/server/page-guard";
import { getScreeningOverview } from "@/server/screening/queries";
import { EligibilityTag, RecordedStatusTag } from "@/components/ui/screening-tags";

export const metadata: Metadata = { title: "Screening" };

const smokingLabels = { current: "Smokes", ex: "Used to smoke", never: "Never smoked", unknown: "Not recorded in a health check" } as const;

export default async function ScreeningPage({ params, searchParams }: { params: Promise<{ personId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await requireCtx();
  if (!can(ctx.user.role, "health:read")) forbidden();
  const { personId } = await params;
  const sp = await searchParams;
  const { person, programmes, smokingHistory, hubCareConsent } = await forPage(getScreeningOverview({ ctx, personId }));
  const canWrite = can(ctx.user.role, "health:write");
  const fullName = `${person.givenName} ${person.familyName}`;
  const updated = screeningProgrammes.find((p) => p === param(sp.updated));

  return (
    <>
      <BackLink href={`/people/${person.id}`}>{`Back to ${fullName}`}</BackLink>
      {updated && <Notice title={`${screeningProgrammeLabels[updated]} saved`} />}
      <span className="block text-lg text-muted">
        {fullName}, CRN {person.crn}
      </span>
      <h1 className="h1">Screening</h1>
      <p className="mb-2">
        Eligibility is worked out from date of birth, sex registered at the GP practice, smoking history and the last test. Every invitation goes through the GP record.
      </p>
      <p className="mb-6 text-muted">Smoking history (latest health check): {smokingLabels[smokingHistory]}</p>
      {canWrite && hubCareConsent !== "given" && (
        <p className="mb-6 border-l-4 border-brand bg-white p-4">
          This person has not consented to care from the hub, so screening cannot be updated. <Link href={`/people/${person.id}/consent`}>Record their consent</Link> first.
        </p>
      )}

      <Table
        caption={<span className="sr-only">Screening programmes for {fullName}</span>}
        head={
          <>
            <Th>Programme</Th>
            <Th>Eligibility</Th>
            <Th>What the hub has done</Th>
            <Th>Last test</Th>
            <Th>
              <span className="sr-only">Actions</span>
            </Th>
          </>
        }
      >
        {programmes.map((p) => {
          const recordedOn = p.recordedStatus ? p[screeningStatusDates[p.recordedStatus].field] : null;
          return (
            <tr key={p.programme}>
              <Td>{screeningProgrammeLabels[p.programme]}</Td>
              <Td>
                <EligibilityTag status={p.eligibility.status} />
                {p.eligibility.nextDueOn && p.eligibility.status !== "not_eligible" && (
                  <span className="block text-sm">
                    {p.eligibility.status === "up_to_date" ? "Next due" : "Due since"} {formatDate(p.eligibility.nextDueOn)}
                  </span>
                )}
                <span className="block text-sm text-muted">{p.eligibility.reason}</span>
              </Td>
              <Td>
                <RecordedStatusTag status={p.recordedStatus} />
                {recordedOn && <span className="block text-sm">{formatDate(recordedOn)}</span>}
              </Td>
              <Td>{p.lastTestOn ? formatDate(p.lastTestOn) : <span className="text-muted">Not recorded</span>}</Td>
              <Td>
                <Link href={`/people/${person.id}/screening/${p.programme}`}>
                  {canWrite ? "Update" : "View"}
                  <span className="sr-only"> {screeningProgrammeLabels[p.programme].toLowerCase()}</span>
                </Link>
              </Td>
            </tr>
          );
        })}
      </Table>
    </>
  );
}
