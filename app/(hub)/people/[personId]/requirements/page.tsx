import type { Metadata } from "next";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { BackLink } from "@/components/ui/back-link";
import { param } from "@/components/ui/href";
import { Notice } from "@/components/ui/notice";
import { SummaryList } from "@/components/ui/summary-list";
import { can } from "@/domain/permissions";
import { requirementLabels } from "@/domain/people";
import { requireCtx } from "@/server/context";
import { forPage } from "@/server/page-guard";
import { listRequirements } from "@/server/requirements/queries";
import { requirementRows } from "./_components/requirement-summary";

export const metadata: Metadata = { title: "Treatment requirements" };

export default async function RequirementsPage({ params, searchParams }: { params: Promise<{ personId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await requireCtx();
  if (!can(ctx.user.role, "requirement:read")) forbidden();
  const { personId } = await params;
  const sp = await searchParams;
  const { person, requirements } = await forPage(listRequirements({ ctx, personId }));
  const canWrite = can(ctx.user.role, "requirement:write");
  const fullName = `${person.givenName} ${person.familyName}`;

  return (
    <>
      <BackLink href={`/people/${person.id}`}>{`Back to ${fullName}`}</BackLink>
      {param(sp.added) && <Notice title="Treatment requirement added" />}
      {param(sp.updated) && <Notice title="Treatment requirement saved" />}
      {param(sp.reviewed) && <Notice title="Court review recorded" />}
      <span className="block text-lg text-muted">
        {fullName}, CRN {person.crn}
      </span>
      <div className="flex flex-wrap items-baseline justify-between gap-4">
        <h1 className="h1">Treatment requirements</h1>
        {canWrite && (
          <Link href={`/people/${person.id}/requirements/new`} className="btn">
            Add a treatment requirement
          </Link>
        )}
      </div>
      <p className="mb-6 max-w-2xl">
        Mental health (MHTR), drug rehabilitation (DRR) and alcohol treatment (ATR) requirements are part of the sentence: clinicians and probation officers both see and
        update them. Record no clinical detail here.
      </p>

      {requirements.length === 0 && <p className="mb-6">No treatment requirements recorded.</p>}
      {requirements.map((r) => (
        <section key={r.id} aria-labelledby={`requirement-${r.id}`} className="card">
          <h2 id={`requirement-${r.id}`} className="h2">
            {requirementLabels[r.kind]}
          </h2>
          <SummaryList rows={requirementRows(r, { full: true })} />
          <ul className="flex list-none flex-wrap gap-6">
            <li>
              <Link href={`/people/${person.id}/requirements/${r.id}`}>
                {canWrite ? "View and update" : "View"}
                <span className="sr-only"> {requirementLabels[r.kind]}</span>
              </Link>
            </li>
            {canWrite && r.madeOn && (
              <li>
                <Link href={`/people/${person.id}/requirements/${r.id}/review`}>
                  Record a court review<span className="sr-only"> of the {r.kind}</span>
                </Link>
              </li>
            )}
          </ul>
        </section>
      ))}
    </>
  );
}
