import type { Metadata } from "next";
import Link from "next/link";
import { forbidden, notFound } from "next/navigation";
import { ConsentWithdrawForm } from "@/components/forms/consent-withdraw-form";
import { BackLink } from "@/components/ui/back-link";
import { SummaryList } from "@/components/ui/summary-list";
import { formatDate, todayInLondon } from "@/domain/dates";
import { consentKindLabels, consentMethodLabels } from "@/domain/health";
import { can } from "@/domain/permissions";
import { datePartValues } from "@/domain/schemas/consent";
import { getConsentOverview } from "@/server/consent/queries";
import { requireCtx } from "@/server/context";
import { forPage } from "@/server/page-guard";
import { withdrawConsentAction } from "./actions";

export const metadata: Metadata = { title: "Withdraw consent" };

/** One page per withdrawal (GOV.UK: one thing per page), so a destructive change is confirmed on its own. */
export default async function WithdrawConsentPage({ params }: { params: Promise<{ personId: string; consentId: string }> }) {
  const ctx = await requireCtx();
  if (!can(ctx.user.role, "health:write")) forbidden();
  const { personId, consentId } = await params;
  const { person, current, history } = await forPage(getConsentOverview({ ctx, personId }));
  const consent = history.find((c) => c.id === consentId);
  if (!consent) notFound();
  const fullName = `${person.givenName} ${person.familyName}`;
  const inForce = current[consent.kind].state === "given" && current[consent.kind].consent?.id === consent.id;

  return (
    <>
      <BackLink href={`/people/${person.id}/consent`}>Back to consent</BackLink>
      <span className="block text-lg text-muted">
        {fullName}, CRN {person.crn}
      </span>
      <h1 className="h1">Withdraw consent for {consentKindLabels[consent.kind].toLowerCase()}</h1>
      <div className="card max-w-2xl">
        <SummaryList
          rows={[
            { key: "Consent for", value: consentKindLabels[consent.kind] },
            { key: "Given on", value: formatDate(consent.decidedOn) },
            { key: "Information given", value: consent.informationVersion },
            { key: "How obtained", value: consentMethodLabels[consent.method] },
            { key: "Recorded by", value: consent.recordedByName },
          ]}
        />
      </div>
      {inForce ? (
        <div className="max-w-2xl">
          <p className="mb-6">
            Withdrawal takes effect as soon as you save it.
            {consent.kind === "hub_care" && " The hub cannot record new health information for this person until they consent again."}
            {consent.kind === "share_with_probation" && " Probation will no longer see this person's health status."}
          </p>
          <ConsentWithdrawForm
            action={withdrawConsentAction}
            initialValues={{ personId: person.id, consentId: consent.id, version: String(consent.version), ...datePartValues("withdrawnOn", todayInLondon()) }}
          />
        </div>
      ) : (
        <p className="mb-6">
          This consent is not in force, so there is nothing to withdraw. <Link href={`/people/${person.id}/consent`}>See the consent now</Link>.
        </p>
      )}
    </>
  );
}
