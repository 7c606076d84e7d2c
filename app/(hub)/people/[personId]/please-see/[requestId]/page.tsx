import type { Metadata } from "next";
import Link from "next/link";
import { forbidden, notFound } from "next/navigation";
import { SeeRequestHandleForm } from "@/components/forms/see-request-handle-form";
import { BackLink } from "@/components/ui/back-link";
import { param } from "@/components/ui/href";
import { Notice } from "@/components/ui/notice";
import { SummaryList } from "@/components/ui/summary-list";
import { Tag } from "@/components/ui/tag";
import { formatDateTime } from "@/domain/dates";
import { can } from "@/domain/permissions";
import { seeRequestReasonLabels } from "@/domain/referrals";
import { requireCtx } from "@/server/context";
import { forPage } from "@/server/page-guard";
import { getSeeRequest } from "@/server/see-requests/queries";
import { handleSeeRequestAction } from "./actions";

export const metadata: Metadata = { title: "Request to see a person" };

/** For the hub: one "please see" request from probation, and the answer to it. */
export default async function SeeRequestPage({ params, searchParams }: { params: Promise<{ personId: string; requestId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await requireCtx();
  if (!can(ctx.user.role, "see-request:handle")) forbidden();
  const { personId, requestId } = await params;
  const sp = await searchParams;
  const request = await forPage(getSeeRequest({ ctx, seeRequestId: requestId }));
  if (request.personId !== personId) notFound();
  const open = request.status === "open";

  return (
    <>
      <BackLink href="/worklist#please-see">Back to the worklist</BackLink>
      {param(sp.saved) && <Notice title="Request dealt with: it is off the worklist" />}
      <span className="block text-lg text-muted">
        {request.personName}, CRN {request.crn}
      </span>
      <h1 className="h1">Probation asked the hub to see this person</h1>
      <div className="card max-w-3xl">
        <SummaryList
          rows={[
            { key: "Person", value: <Link href={`/people/${request.personId}`}>{request.personName}</Link> },
            { key: "Reason", value: seeRequestReasonLabels[request.reason] },
            ...(request.note ? [{ key: "Note from probation", value: <span className="whitespace-pre-line">{request.note}</span> }] : []),
            { key: "Asked", value: `${formatDateTime(request.requestedAt)} by ${request.requestedByName}` },
            { key: "Site", value: request.siteName },
            {
              key: "Status",
              value: open ? <Tag tone="blue">Waiting for the hub</Tag> : <Tag tone={request.status === "seen" ? "green" : "grey"}>{request.status === "seen" ? "Seen" : "Closed"}</Tag>,
            },
            ...(request.handledAt ? [{ key: "Dealt with", value: `${formatDateTime(request.handledAt)}${request.handledByName ? ` by ${request.handledByName}` : ""}` }] : []),
          ]}
        />
      </div>
      {open && (
        <section aria-labelledby="answer-heading" className="max-w-2xl">
          <h2 id="answer-heading" className="h2">
            Answer the request
          </h2>
          <SeeRequestHandleForm action={handleSeeRequestAction} initialValues={{ seeRequestId: request.id, version: String(request.version) }} />
        </section>
      )}
    </>
  );
}
