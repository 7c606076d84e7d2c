import type { Metadata } from "next";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { href, param } from "@/components/ui/href";
import { Pagination } from "@/components/ui/pagination";
import { SortHeader, Table, Td, Th, type SortDirection } from "@/components/ui/table";
import { formatDateTime } from "@/domain/dates";
import { can } from "@/domain/permissions";
import { referralStatuses, referralStatusLabels, serviceCategoryLabels, type ReferralStatus } from "@/domain/referrals";
import { requireCtx } from "@/server/context";
import { forPage } from "@/server/page-guard";
import { listReferrals, referralSorts, type ReferralSort, type ReferralStatusFilter } from "@/server/referrals/queries";
import { listMySites } from "@/server/sites/queries";
import { DaysWaiting, ReferralStatusTag, UrgencyTag } from "@/components/ui/referral-tags";

export const metadata: Metadata = { title: "Referrals" };

const statusFilters: { value: ReferralStatusFilter; label: string }[] = [
  { value: "open", label: "Open (still needing something)" },
  ...referralStatuses.map((s) => ({ value: s as ReferralStatusFilter, label: referralStatusLabels[s] })),
  { value: "all", label: "All referrals" },
];

/** Every referral at the clinician's sites: filter by status, sort by days waiting, a page at a time. */
export default async function ReferralsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await requireCtx();
  if (!can(ctx.user.role, "referral:read")) forbidden();
  const sp = await searchParams;
  const statusParam = param(sp.status);
  const status: ReferralStatusFilter = statusFilters.some((f) => f.value === statusParam) ? (statusParam as ReferralStatus | "open" | "all") : "open";
  const sortParam = param(sp.sort);
  const sort: ReferralSort = (referralSorts as readonly string[]).includes(sortParam ?? "") ? (sortParam as ReferralSort) : "waiting";
  const dirParam = param(sp.dir);
  const dir: SortDirection = dirParam === "asc" || dirParam === "desc" ? dirParam : sort === "waiting" ? "desc" : "asc";
  const pageNumber = Number.parseInt(param(sp.page) ?? "1", 10) || 1;

  const sites = await forPage(listMySites({ ctx }));
  const siteParam = param(sp.site) ?? "";
  const siteId = sites.some((s) => s.id === siteParam) ? siteParam : "";
  const result = await forPage(listReferrals({ ctx, query: { status, siteId: siteId || undefined, sort, dir, page: pageNumber } }));

  const base = { status, site: siteId, sort, dir };
  const sortHref = (column: string, direction: SortDirection) => href("/referrals", { ...base, sort: column, dir: direction });
  const pageHref = (page: number) => href("/referrals", { ...base, page });
  const showSite = !siteId && sites.length > 1;

  return (
    <>
      <h1 className="h1">Referrals</h1>
      <form method="get" action="/referrals" className="card flex flex-wrap items-end gap-4" aria-label="Filter referrals">
        <div>
          <label htmlFor="status" className="mb-1 block font-semibold">
            Status
          </label>
          <select id="status" name="status" defaultValue={status} className="input w-72">
            {statusFilters.map((f) => (
              <option key={f.value} value={f.value}>
                {f.label}
              </option>
            ))}
          </select>
        </div>
        {sites.length > 1 && (
          <div>
            <label htmlFor="site" className="mb-1 block font-semibold">
              Site
            </label>
            <select id="site" name="site" defaultValue={siteId} className="input w-52">
              <option value="">All my sites</option>
              {sites.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </div>
        )}
        <input type="hidden" name="sort" value={sort} />
        <input type="hidden" name="dir" value={dir} />
        <button type="submit" className="btn-secondary">
          Show
        </button>
      </form>

      {result.total === 0 ? (
        <p className="mb-6">No referrals match. {status !== "all" && <Link href={href("/referrals", { status: "all" })}>Show all referrals</Link>}</p>
      ) : (
        <Table
          caption={<span className="sr-only">Referrals, sorted by {sort === "waiting" ? "days waiting" : sort}</span>}
          head={
            <>
              <SortHeader label="Person" column="person" current={sort} direction={dir} hrefFor={sortHref} />
              {showSite && <Th>Site</Th>}
              <Th>Service</Th>
              <SortHeader label="Status" column="status" current={sort} direction={dir} hrefFor={sortHref} />
              <Th>Urgency</Th>
              <SortHeader label="Made" column="created" current={sort} direction={dir} hrefFor={sortHref} />
              <SortHeader label="Days waiting" column="waiting" current={sort} direction={dir} hrefFor={sortHref} />
              <Th>
                <span className="sr-only">Actions</span>
              </Th>
            </>
          }
        >
          {result.rows.map((r) => (
            <tr key={r.id}>
              <Td>
                <Link href={`/people/${r.personId}`}>{r.personName}</Link>
                <span className="block font-mono text-sm text-muted">{r.crn}</span>
              </Td>
              {showSite && <Td>{r.siteName}</Td>}
              <Td>
                {r.serviceName}
                <span className="block text-sm text-muted">{serviceCategoryLabels[r.category]}</span>
              </Td>
              <Td>
                <ReferralStatusTag status={r.status} />
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
                  View<span className="sr-only"> referral for {r.personName}</span>
                </Link>
              </Td>
            </tr>
          ))}
        </Table>
      )}
      <Pagination page={result.page} pageCount={result.pageCount} total={result.total} hrefFor={pageHref} />
    </>
  );
}
