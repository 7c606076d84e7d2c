import type { Metadata } from "next";
import Link from "next/link";
import { forbidden, redirect } from "next/navigation";
import { HealthCheckCompleteForm } from "@/components/forms/health-check-complete-form";
import { BackLink } from "@/components/ui/back-link";
import { param } from "@/components/ui/href";
import { Notice } from "@/components/ui/notice";
import { SummaryList } from "@/components/ui/summary-list";
import { Tag, type TagTone } from "@/components/ui/tag";
import { appointmentTypeLabels } from "@/domain/appointments";
import { formatDateTime } from "@/domain/dates";
import { alertKindLabels, healthCheckSectionLabels, healthCheckSections } from "@/domain/health";
import { sectionFromSlug, sectionSlug, sectionStatusLabels, type SectionStatus } from "@/domain/health-check";
import { can } from "@/domain/permissions";
import { requireCtx } from "@/server/context";
import { getHealthCheck } from "@/server/health-checks/queries";
import { forPage } from "@/server/page-guard";
import { completeHealthCheckAction } from "./actions";

export const metadata: Metadata = { title: "Health check" };

const statusTone: Record<SectionStatus, TagTone> = { not_started: "grey", in_progress: "blue", completed: "green" };

export default async function HealthCheckTaskListPage({
  params,
  searchParams,
}: {
  params: Promise<{ healthCheckId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const ctx = await requireCtx();
  if (!can(ctx.user.role, "health:read")) forbidden();
  const { healthCheckId } = await params;
  const sp = await searchParams;
  const check = await forPage(getHealthCheck({ ctx, healthCheckId, view: "task-list" }));
  if (check.status === "completed") redirect(`/health-checks/${check.id}/result`);
  const saved = sectionFromSlug(param(sp.saved));
  const openAlerts = check.alerts.filter((a) => !a.actionedAt);
  const remaining = healthCheckSections.length - check.sectionsComplete;

  return (
    <>
      <BackLink href={`/people/${check.personId}`}>{`Back to ${check.personName}`}</BackLink>
      {saved && <Notice title={`${healthCheckSectionLabels[saved]}: saved`} />}
      {param(sp.resumed) && (
        <Notice tone="info" title="A health check was already in progress">
          <p>Carry on with it here: no second health check was started.</p>
        </Notice>
      )}
      {openAlerts.map((a) => (
        <div key={a.id} role="alert" className="mb-6 border-l-8 border-danger bg-white p-4">
          <p className="mb-2 font-bold">{alertKindLabels[a.kind]}</p>
          <p className="mb-2">Raised {formatDateTime(a.raisedAt)}.</p>
          <Link href={`/alerts/${a.id}`}>Record the action taken</Link>
        </div>
      ))}
      <span className="block text-lg text-muted">
        {check.personName}, CRN {check.crn}
      </span>
      <h1 className="h1">Health check</h1>

      <div className="card max-w-3xl">
        <p className="mb-4">
          <Tag tone="yellow">Draft</Tag> Every section is saved as you go. You can stop at any point, sign out, and finish the health check later.
        </p>
        <SummaryList
          rows={[
            { key: "Started", value: `${formatDateTime(check.startedAt)} by ${check.startedByName}` },
            { key: "Last saved", value: formatDateTime(check.updatedAt) },
            {
              key: "Appointment",
              value: check.appointment ? (
                <Link href={`/appointments/${check.appointment.id}`}>
                  {appointmentTypeLabels[check.appointment.type]}, {formatDateTime(check.appointment.startsAt)}
                </Link>
              ) : (
                <span className="text-muted">Not linked to an appointment</span>
              ),
            },
            { key: "Site", value: check.siteName },
          ]}
        />
      </div>

      <h2 className="h2">Sections</h2>
      <p className="mb-4">
        You have completed {check.sectionsComplete} of {healthCheckSections.length} sections.
      </p>
      <ul className="mb-8 max-w-3xl divide-y divide-line border-y border-line bg-white">
        {healthCheckSections.map((s) => {
          const status = check.sections[s];
          const label = healthCheckSectionLabels[s];
          return (
            <li key={s} className="flex flex-wrap items-center justify-between gap-2 px-4 py-3">
              {can(ctx.user.role, "health:write") ? (
                <Link href={`/health-checks/${check.id}/${sectionSlug(s)}`} aria-describedby={`status-${s}`} className="font-semibold">
                  {label}
                </Link>
              ) : (
                <span className="font-semibold">{label}</span>
              )}
              <span id={`status-${s}`}>
                <Tag tone={statusTone[status]}>{sectionStatusLabels[status]}</Tag>
              </span>
            </li>
          );
        })}
      </ul>

      {can(ctx.user.role, "health:write") && (
        <section aria-labelledby="complete-heading" className="max-w-2xl">
          <h2 id="complete-heading" className="h2">
            Complete the health check
          </h2>
          <HealthCheckCompleteForm action={completeHealthCheckAction} initialValues={{ healthCheckId: check.id, version: String(check.version) }} ready={remaining === 0} remaining={remaining} />
        </section>
      )}
    </>
  );
}
