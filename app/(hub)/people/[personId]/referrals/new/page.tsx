import type { Metadata } from "next";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { ReferralCreateForm } from "@/components/forms/referral-create-form";
import { BackLink } from "@/components/ui/back-link";
import { href, param } from "@/components/ui/href";
import { formatDateTime } from "@/domain/dates";
import { can } from "@/domain/permissions";
import { serviceCategoryLabels } from "@/domain/referrals";
import { requireCtx } from "@/server/context";
import { forPage } from "@/server/page-guard";
import { getNewReferralOptions } from "@/server/referrals/queries";
import { createReferralAction } from "./actions";
import { newIdempotencyKey } from "@/server/idempotency";

export const metadata: Metadata = { title: "Make a referral" };

export default async function NewReferralPage({ params, searchParams }: { params: Promise<{ personId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await requireCtx();
  if (!can(ctx.user.role, "referral:write")) forbidden();
  const { personId } = await params;
  const sp = await searchParams;
  const options = await forPage(getNewReferralOptions({ ctx, personId }));
  const { person, latestHealthCheck } = options;
  const base = `/people/${person.id}/referrals/new`;

  // "Use this suggestion" without JavaScript: the page comes back with the suggestion filled in.
  const chosen = options.suggestions.find((s) => s.category === param(sp.suggestion));
  const inCategory = chosen ? options.services.filter((s) => s.category === chosen.category) : [];
  const initialValues: Record<string, string> = { personId: person.id, idempotencyKey: newIdempotencyKey() };
  if (chosen) {
    initialValues.reason = chosen.reason;
    initialValues.urgency = chosen.urgency;
    if (latestHealthCheck) initialValues.healthCheckId = latestHealthCheck.id;
    if (inCategory.length === 1 && inCategory[0]) initialValues.serviceId = inCategory[0].id;
  }

  return (
    <>
      <BackLink href={`/people/${person.id}`}>{`Back to ${person.name}`}</BackLink>
      <span className="block text-lg text-muted">
        {person.name}, CRN {person.crn}
      </span>
      <h1 className="h1">Make a referral</h1>
      {options.hubCareConsent !== "given" ? (
        <div className="card max-w-2xl">
          <p className="mb-4">This person has not consented to care from the hub, so no referral can be made yet.</p>
          <Link href={`/people/${person.id}/consent`}>Record their consent</Link>
        </div>
      ) : options.services.length === 0 ? (
        <div className="card max-w-2xl">
          <p>There are no active services at this person&apos;s site to refer to. An administrator adds them to the services directory.</p>
        </div>
      ) : (
        <div className="max-w-3xl">
          {latestHealthCheck && (
            <p className="mb-4 text-muted">
              Latest completed health check: <Link href={`/health-checks/${latestHealthCheck.id}/result`}>{formatDateTime(latestHealthCheck.completedAt)}</Link>
            </p>
          )}
          {chosen && <p className="mb-4 font-semibold">The suggestion for {serviceCategoryLabels[chosen.category]} has been filled in below: check it before you save.</p>}
          <ReferralCreateForm
            key={chosen?.category ?? "blank"}
            action={createReferralAction}
            services={options.services}
            suggestions={options.suggestions}
            healthCheckId={latestHealthCheck?.id ?? null}
            suggestionHref={Object.fromEntries(options.suggestions.map((s) => [s.category, href(base, { suggestion: s.category })]))}
            initialValues={initialValues}
          />
        </div>
      )}
    </>
  );
}
