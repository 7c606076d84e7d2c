import Link from "next/link";
import { SummaryList } from "@/components/ui/summary-list";
import { can } from "@/domain/permissions";
import { requirementLabels } from "@/domain/people";
import type { Ctx } from "@/server/context";
import { forPage } from "@/server/page-guard";
import { listRequirements } from "@/server/requirements/queries";
import { requirementRows } from "../requirements/_components/requirement-summary";

/**
 * The person's treatment requirements, for the person page. Part of the sentence, so clinicians
 * and probation officers see the same card (render it when the user can "requirement:read").
 */
export async function RequirementsCard({ ctx, personId }: { ctx: Ctx; personId: string }) {
  const { requirements } = await forPage(listRequirements({ ctx, personId }));
  const canWrite = can(ctx.user.role, "requirement:write");

  return (
    <section aria-labelledby="requirements-heading" className="card">
      <div className="flex flex-wrap items-baseline justify-between gap-4">
        <h2 id="requirements-heading" className="h2">
          Treatment requirements
        </h2>
        <Link href={`/people/${personId}/requirements`}>{canWrite ? "View and update treatment requirements" : "View treatment requirements"}</Link>
      </div>
      {requirements.length === 0 ? (
        <p>
          None recorded.{" "}
          {canWrite && <Link href={`/people/${personId}/requirements/new`}>Add a treatment requirement</Link>}
        </p>
      ) : (
        requirements.map((r) => (
          <div key={r.id}>
            <h3 className="h3">{requirementLabels[r.kind]}</h3>
            <SummaryList rows={requirementRows(r, { full: false })} />
          </div>
        ))
      )}
    </section>
  );
}
