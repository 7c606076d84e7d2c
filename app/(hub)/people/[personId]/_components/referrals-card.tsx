import Link from "next/link";
import { Table, Td, Th } from "@/components/ui/table";
import { formatDateTime } from "@/domain/dates";
import { can } from "@/domain/permissions";
import { seeRequestReasonLabels, serviceCategoryLabels } from "@/domain/referrals";
import type { Ctx } from "@/server/context";
import { forPage } from "@/server/page-guard";
import { listReferralsForPerson } from "@/server/referrals/queries";
import { listSeeRequestsForPerson } from "@/server/see-requests/queries";
import { DaysWaiting, ReferralStatusTag, UrgencyTag } from "@/components/ui/referral-tags";

/**
 * The clinician's view of a person's referrals on the person page, with any open "please see"
 * requests from probation. Renders nothing for a role without referral:read.
 */
export async function ReferralsCard({ ctx, personId }: { ctx: Ctx; personId: string }) {
  if (!can(ctx.user.role, "referral:read")) return null;
  const [referrals, requests] = await Promise.all([
    forPage(listReferralsForPerson({ ctx, personId })),
    can(ctx.user.role, "see-request:handle") ? forPage(listSeeRequestsForPerson({ ctx, personId })) : Promise.resolve([]),
  ]);
  const openRequests = requests.filter((r) => r.status === "open");

  return (
    <section aria-labelledby="referrals-heading" className="card">
      <div className="flex flex-wrap items-baseline justify-between gap-4">
        <h2 id="referrals-heading" className="h2">
          Referrals
        </h2>
        {can(ctx.user.role, "referral:write") && (
          <Link href={`/people/${personId}/referrals/new`} className="btn">
            Make a referral
          </Link>
        )}
      </div>

      {openRequests.length > 0 && (
        <div className="mb-6 border-l-8 border-brand bg-[#e8edee] p-4" role="region" aria-label="Requests from probation">
          <h3 className="h3">Probation asked the hub to see this person</h3>
          <ul className="list-none space-y-1">
            {openRequests.map((r) => (
              <li key={r.id}>
                <Link href={`/people/${personId}/please-see/${r.id}`} className="font-semibold">
                  {seeRequestReasonLabels[r.reason]}
                </Link>{" "}
                <span className="text-muted">
                  asked {formatDateTime(r.requestedAt)} by {r.requestedByName}
                </span>
              </li>
            ))}
          </ul>
        </div>
      )}

      {referrals.length === 0 ? (
        <p className="text-muted">No referrals yet.</p>
      ) : (
        <Table
          caption={<span className="sr-only">Referrals, newest first</span>}
          head={
            <>
              <Th>Service</Th>
              <Th>Status</Th>
              <Th>Urgency</Th>
              <Th>Made</Th>
              <Th>Days waiting</Th>
              <Th>
                <span className="sr-only">Actions</span>
              </Th>
            </>
          }
        >
          {referrals.map((r) => (
            <tr key={r.id}>
              <Td>
                {r.serviceName}
                <span className="block text-sm text-muted">{serviceCategoryLabels[r.category]}</span>
              </Td>
              <Td>
                <ReferralStatusTag status={r.status} />
                {r.firstAppointmentAt && <span className="block text-sm text-muted">First appointment {formatDateTime(r.firstAppointmentAt)}</span>}
              </Td>
              <Td>
                <UrgencyTag urgency={r.urgency} />
              </Td>
              <Td>{formatDateTime(r.createdAt)}</Td>
              <Td>
                <DaysWaiting days={r.workingDaysWaiting} />
              </Td>
              <Td>
                <Link href={`/referrals/${r.id}`}>
                  View<span className="sr-only"> referral to {r.serviceName}</span>
                </Link>
              </Td>
            </tr>
          ))}
        </Table>
      )}
    </section>
  );
}
