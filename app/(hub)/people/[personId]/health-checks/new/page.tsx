import type { Metadata } from "next";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { HealthCheckStartForm } from "@/components/forms/health-check-start-form";
import { BackLink } from "@/components/ui/back-link";
import { appointmentKindLabels, appointmentTypeLabels, outcomeLabels } from "@/domain/appointments";
import { formatDateTime } from "@/domain/dates";
import { can } from "@/domain/permissions";
import { NOT_LINKED } from "@/domain/schemas/health-check";
import { requireCtx } from "@/server/context";
import { getStartOptions } from "@/server/health-checks/queries";
import { forPage } from "@/server/page-guard";
import { startHealthCheckAction } from "./actions";
import { newIdempotencyKey } from "@/server/idempotency";

export const metadata: Metadata = { title: "Start a health check" };

export default async function StartHealthCheckPage({ params }: { params: Promise<{ personId: string }> }) {
  const ctx = await requireCtx();
  if (!can(ctx.user.role, "health:write")) forbidden();
  const { personId } = await params;
  const start = await forPage(getStartOptions({ ctx, personId }));
  const options = [
    ...start.appointments.map((a) => ({
      value: a.id,
      label: `${formatDateTime(a.startsAt)}: ${appointmentTypeLabels[a.type]}`,
      hint: `${appointmentKindLabels[a.kind]}${a.outcome ? `, ${outcomeLabels[a.outcome].toLowerCase()}` : ""}`,
    })),
    { value: NOT_LINKED, label: "Not linked to an appointment" },
  ];

  return (
    <>
      <BackLink href={`/people/${start.personId}`}>{`Back to ${start.personName}`}</BackLink>
      <span className="block text-lg text-muted">
        {start.personName}, CRN {start.crn}
      </span>
      <h1 className="h1">Start a health check</h1>
      <div className="max-w-2xl">
        {start.draft ? (
          <div className="card">
            <p className="mb-4">
              A health check is already in progress for {start.personName}, last saved {formatDateTime(start.draft.updatedAt)}. Carry on with it rather than starting another.
            </p>
            <Link href={`/health-checks/${start.draft.id}`} className="btn">
              Continue the health check
            </Link>
          </div>
        ) : !start.hasHubCareConsent ? (
          <div className="card">
            <p className="mb-4">
              {start.personName} has not consented to care from the health hub, or has withdrawn their consent. Record their consent before starting a health check.
            </p>
            <Link href={`/people/${start.personId}`}>Go to {start.personName}&apos;s record</Link>
          </div>
        ) : (
          <>
            <p className="mb-6">The health check is saved as a draft as you go: you can stop at any point, sign out, and finish it later.</p>
            <HealthCheckStartForm
              action={startHealthCheckAction}
              options={options}
              initialValues={{ personId: start.personId, idempotencyKey: newIdempotencyKey(), ...(start.appointments.length === 0 ? { appointmentId: NOT_LINKED } : {}) }}
            />
          </>
        )}
      </div>
    </>
  );
}
