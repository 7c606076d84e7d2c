import Link from "next/link";
import { Table, Td, Th } from "@/components/ui/table";
import { formatDate, formatDateTime } from "@/domain/dates";
import { healthMessages } from "@/domain/messages";
import { can } from "@/domain/permissions";
import { serviceCategoryLabels } from "@/domain/referrals";
import type { Ctx } from "@/server/context";
import { forPage } from "@/server/page-guard";
import { getProbationReferrals } from "@/server/referrals/probation";
import { ReferralStatusTag } from "@/components/ui/referral-tags";

const dash = <span className="text-muted">–</span>;

/**
 * The probation officer's view of a person's referrals: kind of service, status and dates, only
 * with the person's consent to share. The server sends nothing more (no reason, notes or service
 * name). Renders nothing for a role without referral-status:read.
 */
export async function ProbationReferralsCard({ ctx, personId }: { ctx: Ctx; personId: string }) {
  if (!can(ctx.user.role, "referral-status:read")) return null;
  const result = await forPage(getProbationReferrals({ ctx, personId }));

  return (
    <section aria-labelledby="probation-referrals-heading" className="card">
      <div className="flex flex-wrap items-baseline justify-between gap-4">
        <h2 id="probation-referrals-heading" className="h2">
          Referrals by the health hub
        </h2>
        <span className="flex flex-wrap gap-4">
          {can(ctx.user.role, "see-request:create") && <Link href={`/people/${personId}/please-see`}>Ask the hub to see this person</Link>}
          <Link href="/referrals/caseload">Referrals for all my cases</Link>
        </span>
      </div>
      {!result.shared ? (
        <p>{healthMessages.noSharingConsent}</p>
      ) : result.referrals.length === 0 ? (
        <p className="text-muted">No referrals made.</p>
      ) : (
        <Table
          caption={<span className="sr-only">Referrals, newest first</span>}
          head={
            <>
              <Th>Kind of service</Th>
              <Th>Status</Th>
              <Th>Referred</Th>
              <Th>Accepted</Th>
              <Th>First appointment</Th>
              <Th>First attended</Th>
              <Th>Ended</Th>
            </>
          }
        >
          {result.referrals.map((r, i) => (
            <tr key={`${r.createdAt.toISOString()}-${i}`}>
              <Td>{serviceCategoryLabels[r.category]}</Td>
              <Td>
                <ReferralStatusTag status={r.status} />
              </Td>
              <Td>{r.sentAt ? formatDateTime(r.sentAt) : dash}</Td>
              <Td>{r.acceptedAt ? formatDateTime(r.acceptedAt) : dash}</Td>
              <Td>{r.firstAppointmentOn ? formatDate(r.firstAppointmentOn) : dash}</Td>
              <Td>{r.firstAttendedAt ? formatDateTime(r.firstAttendedAt) : dash}</Td>
              <Td>{r.endedAt ? formatDateTime(r.endedAt) : dash}</Td>
            </tr>
          ))}
        </Table>
      )}
    </section>
  );
}
