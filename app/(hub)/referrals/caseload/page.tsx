import type { Metadata } from "next";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { href, param } from "@/components/ui/href";
import { Pagination } from "@/components/ui/pagination";
import { Table, Td, Th } from "@/components/ui/table";
import { formatDate, formatDateTime } from "@/domain/dates";
import { can } from "@/domain/permissions";
import { serviceCategoryLabels } from "@/domain/referrals";
import { requireCtx } from "@/server/context";
import { forPage } from "@/server/page-guard";
import { listCaseloadReferrals } from "@/server/referrals/probation";
import { ReferralStatusTag } from "@/components/ui/referral-tags";

export const metadata: Metadata = { title: "Referrals for my cases" };

const dash = <span className="text-muted">–</span>;

/**
 * For a probation officer: where the hub's referrals of the people assigned to them have got to.
 * Status and dates only, and only for people who agreed to share with probation.
 */
export default async function CaseloadReferralsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await requireCtx();
  if (!can(ctx.user.role, "referral-status:read")) forbidden();
  const sp = await searchParams;
  const result = await forPage(listCaseloadReferrals({ ctx, page: Number.parseInt(param(sp.page) ?? "1", 10) || 1 }));

  return (
    <>
      <h1 className="h1">Referrals for my cases</h1>
      <p className="mb-6 max-w-3xl">
        Referrals the health hub has made for people assigned to you, where the person agreed to share their health status with probation. You see the kind of service, where
        the referral has got to and when: never the reason or any health details.
      </p>
      {result.total === 0 ? (
        <p className="mb-6">No referrals to show.</p>
      ) : (
        <Table
          caption={<span className="sr-only">Referrals by person</span>}
          head={
            <>
              <Th>Person</Th>
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
          {result.rows.map((r, i) => (
            <tr key={`${r.personId}-${r.createdAt.toISOString()}-${i}`}>
              <Td>
                <Link href={`/people/${r.personId}`}>{r.personName}</Link>
                <span className="block font-mono text-sm text-muted">{r.crn}</span>
              </Td>
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
      <Pagination page={result.page} pageCount={result.pageCount} total={result.total} hrefFor={(page) => href("/referrals/caseload", { page })} />
    </>
  );
}
