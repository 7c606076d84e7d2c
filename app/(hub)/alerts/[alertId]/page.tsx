import type { Metadata } from "next";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { AlertActionForm } from "@/components/forms/alert-action-form";
import { BackLink } from "@/components/ui/back-link";
import { param } from "@/components/ui/href";
import { Notice } from "@/components/ui/notice";
import { SummaryList } from "@/components/ui/summary-list";
import { Tag } from "@/components/ui/tag";
import { formatDateTime } from "@/domain/dates";
import { alertActionLabels, alertKindLabels } from "@/domain/health";
import { can } from "@/domain/permissions";
import { getAlert } from "@/server/alerts/queries";
import { requireCtx } from "@/server/context";
import { forPage } from "@/server/page-guard";
import { actionAlertAction } from "./actions";

export const metadata: Metadata = { title: "Clinical alert" };

export default async function AlertPage({ params, searchParams }: { params: Promise<{ alertId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await requireCtx();
  if (!can(ctx.user.role, "health:read")) forbidden();
  const { alertId } = await params;
  const sp = await searchParams;
  const alert = await forPage(getAlert({ ctx, alertId }));
  const checkHref = alert.healthCheckStatus === "completed" ? `/health-checks/${alert.healthCheckId}/result` : `/health-checks/${alert.healthCheckId}`;
  const open = !alert.actionedAt;

  return (
    <>
      <BackLink href={`/people/${alert.personId}`}>{`Back to ${alert.personName}`}</BackLink>
      {param(sp.actioned) && <Notice title="Action recorded: the alert is closed" />}
      <span className="block text-lg text-muted">
        {alert.personName}, CRN {alert.crn}
      </span>
      <h1 className="h1">Clinical alert</h1>
      <div className="card max-w-3xl">
        <SummaryList
          rows={[
            { key: "Alert", value: alertKindLabels[alert.kind] },
            { key: "Status", value: open ? <Tag tone="red">Action needed</Tag> : <Tag tone="green">Actioned</Tag> },
            { key: "Person", value: <Link href={`/people/${alert.personId}`}>{alert.personName}</Link> },
            { key: "Raised", value: formatDateTime(alert.raisedAt) },
            { key: "From", value: <Link href={checkHref}>Health check started {formatDateTime(alert.healthCheckStartedAt)}</Link> },
            { key: "Site", value: alert.siteName },
            ...(alert.action && alert.actionedAt
              ? [
                  { key: "Action taken", value: alertActionLabels[alert.action] },
                  { key: "Recorded", value: `${formatDateTime(alert.actionedAt)}${alert.actionedByName ? ` by ${alert.actionedByName}` : ""}` },
                  ...(alert.actionNote ? [{ key: "Note", value: <span className="whitespace-pre-line">{alert.actionNote}</span> }] : []),
                ]
              : []),
          ]}
        />
      </div>
      {open && can(ctx.user.role, "health:write") && (
        <section aria-labelledby="action-heading" className="max-w-2xl">
          <h2 id="action-heading" className="h2">
            Record the same-day action
          </h2>
          <p className="mb-6">PHQ-9 question 9 above 0 needs a same-day clinical review, whatever the total score.</p>
          <AlertActionForm action={actionAlertAction} initialValues={{ alertId: alert.id, version: String(alert.version) }} />
        </section>
      )}
    </>
  );
}
