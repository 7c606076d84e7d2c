import type { Metadata } from "next";
import { forbidden, notFound, redirect } from "next/navigation";
import { HealthCheckSectionForm } from "@/components/forms/health-check-section-form";
import { BackLink } from "@/components/ui/back-link";
import { param } from "@/components/ui/href";
import { Notice } from "@/components/ui/notice";
import { healthCheckSectionLabels } from "@/domain/health";
import { sectionFormValues, sectionFromSlug, sectionSlug } from "@/domain/health-check";
import { can } from "@/domain/permissions";
import { requireCtx } from "@/server/context";
import { getHealthCheck } from "@/server/health-checks/queries";
import { forPage } from "@/server/page-guard";
import { saveSectionAction } from "./actions";

type Params = { healthCheckId: string; section: string };

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const section = sectionFromSlug((await params).section);
  return { title: section ? `${healthCheckSectionLabels[section]}: health check` : "Health check" };
}

export default async function HealthCheckSectionPage({ params, searchParams }: { params: Promise<Params>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await requireCtx();
  if (!can(ctx.user.role, "health:write")) forbidden();
  const { healthCheckId, section: slug } = await params;
  const sp = await searchParams;
  const section = sectionFromSlug(slug);
  if (!section || slug !== sectionSlug(section)) notFound();
  const check = await forPage(getHealthCheck({ ctx, healthCheckId, view: `section:${section}` }));
  if (check.status === "completed") redirect(`/health-checks/${check.id}/result`);

  const auditCPositive = check.scores.auditCPositive === true;
  return (
    <>
      <BackLink href={`/health-checks/${check.id}`}>Back to the health check</BackLink>
      {section === "alcohol" && param(sp.audit) && auditCPositive && (
        <Notice tone="info" title="AUDIT-C saved: 5 or more">
          <p>Now ask AUDIT questions 4 to 10.</p>
        </Notice>
      )}
      <span className="block text-lg text-muted">
        {check.personName}, CRN {check.crn}: health check
      </span>
      <h1 className="h1">{healthCheckSectionLabels[section]}</h1>
      <div className="max-w-3xl">
        <HealthCheckSectionForm
          section={section}
          action={saveSectionAction}
          initialValues={{ healthCheckId: check.id, version: String(check.version), section, ...sectionFormValues(section, check.answers) }}
          auditCPositive={auditCPositive}
        />
      </div>
    </>
  );
}
