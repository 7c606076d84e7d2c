import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { SeeRequestCreateForm } from "@/components/forms/see-request-create-form";
import { BackLink } from "@/components/ui/back-link";
import { param } from "@/components/ui/href";
import { Notice } from "@/components/ui/notice";
import { Table, Td, Th } from "@/components/ui/table";
import { Tag } from "@/components/ui/tag";
import { formatDateTime } from "@/domain/dates";
import { can } from "@/domain/permissions";
import { seeRequestReasonLabels, type SeeRequestStatus } from "@/domain/referrals";
import { requireCtx } from "@/server/context";
import { forPage } from "@/server/page-guard";
import { getPerson } from "@/server/people/queries";
import { listSeeRequestsForPerson } from "@/server/see-requests/queries";
import { createSeeRequestAction } from "./actions";
import { newIdempotencyKey } from "@/server/idempotency";

export const metadata: Metadata = { title: "Ask the hub to see this person" };

const statusTags: Record<SeeRequestStatus, { label: string; tone: "blue" | "green" | "grey" }> = {
  open: { label: "Waiting for the hub", tone: "blue" },
  seen: { label: "Seen by the hub", tone: "green" },
  closed: { label: "Closed by the hub", tone: "grey" },
};

/** For a probation officer: ask the hub to see someone, and see what became of earlier requests. */
export default async function PleaseSeePage({ params, searchParams }: { params: Promise<{ personId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await requireCtx();
  if (!can(ctx.user.role, "see-request:create")) forbidden();
  const { personId } = await params;
  const sp = await searchParams;
  const person = await forPage(getPerson({ ctx, personId, audit: false }));
  const requests = await forPage(listSeeRequestsForPerson({ ctx, personId: person.id }));
  const name = `${person.givenName} ${person.familyName}`;

  return (
    <>
      <BackLink href={`/people/${person.id}`}>{`Back to ${name}`}</BackLink>
      {param(sp.sent) && <Notice title="Request sent to the hub">It is on the hub&apos;s worklist for {person.siteName}.</Notice>}
      <span className="block text-lg text-muted">
        {name}, CRN {person.crn}
      </span>
      <h1 className="h1">Ask the hub to see this person</h1>
      <div className="max-w-2xl">
        <SeeRequestCreateForm key={requests.length} action={createSeeRequestAction} initialValues={{ personId: person.id, idempotencyKey: newIdempotencyKey() }} />
      </div>

      <section aria-labelledby="earlier-heading" className="mt-8">
        <h2 id="earlier-heading" className="h2">
          Earlier requests
        </h2>
        {requests.length === 0 ? (
          <p>No earlier requests.</p>
        ) : (
          <Table caption={<span className="sr-only">Requests to the hub, newest first</span>} head={<><Th>Asked</Th><Th>Reason</Th><Th>Asked by</Th><Th>Status</Th></>}>
            {requests.map((r) => (
              <tr key={r.id}>
                <Td>{formatDateTime(r.requestedAt)}</Td>
                <Td>
                  {seeRequestReasonLabels[r.reason]}
                  {r.note && <span className="block whitespace-pre-line text-sm text-muted">{r.note}</span>}
                </Td>
                <Td>{r.requestedByName}</Td>
                <Td>
                  <Tag tone={statusTags[r.status].tone}>{statusTags[r.status].label}</Tag>
                  {r.handledAt && <span className="block text-sm text-muted">{formatDateTime(r.handledAt)}</span>}
                </Td>
              </tr>
            ))}
          </Table>
        )}
      </section>
    </>
  );
}
