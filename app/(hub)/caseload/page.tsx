import type { Metadata } from "next";
import Link from "next/link";
import { href, param } from "@/components/ui/href";
import { Pagination } from "@/components/ui/pagination";
import { SortHeader, Table, Td, Th, type SortDirection } from "@/components/ui/table";
import { formatDate } from "@/domain/dates";
import { requireCtx } from "@/server/context";
import { forPage } from "@/server/page-guard";
import { caseloadSorts, listCaseload, type CaseloadSort } from "@/server/people/queries";
import { listMySites } from "@/server/sites/queries";

export const metadata: Metadata = { title: "Caseload" };

type Search = Record<string, string | string[] | undefined>;

export default async function CaseloadPage({ searchParams }: { searchParams: Promise<Search> }) {
  const ctx = await requireCtx();
  const sp = await searchParams;
  const q = param(sp.q)?.slice(0, 100) ?? "";
  const siteId = param(sp.site) ?? "";
  const mine = param(sp.mine) === "1";
  const sortParam = param(sp.sort);
  const sort: CaseloadSort = (caseloadSorts as readonly string[]).includes(sortParam ?? "") ? (sortParam as CaseloadSort) : "name";
  const dir: SortDirection = param(sp.dir) === "desc" ? "desc" : "asc";
  const pageNumber = Number.parseInt(param(sp.page) ?? "1", 10) || 1;

  const sites = await forPage(listMySites({ ctx }));
  const validSite = sites.some((s) => s.id === siteId) ? siteId : "";
  const result = await forPage(listCaseload({ ctx, query: { q, siteId: validSite || undefined, mine, sort, dir, page: pageNumber } }));

  const base = { q, site: validSite, mine, sort, dir };
  const sortHref = (column: string, direction: SortDirection) => href("/caseload", { ...base, sort: column, dir: direction });
  const pageHref = (page: number) => href("/caseload", { ...base, page });

  return (
    <>
      <div className="flex flex-wrap items-baseline justify-between gap-4">
        <h1 className="h1">{mine ? "My cases" : "Caseload"}</h1>
        <Link href="/people/new" className="btn">
          Add a person
        </Link>
      </div>

      <form method="get" action="/caseload" className="card flex flex-wrap items-end gap-4" role="search" aria-label="Caseload">
        <div>
          <label htmlFor="q" className="mb-1 block font-semibold">
            Name or CRN
          </label>
          <input id="q" name="q" defaultValue={q} className="input w-64" />
        </div>
        <div>
          <label htmlFor="site" className="mb-1 block font-semibold">
            Site
          </label>
          <select id="site" name="site" defaultValue={validSite} className="input w-52">
            <option value="">All my sites</option>
            {sites.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
        <div className="flex items-center gap-2 pb-2">
          <input id="mine" name="mine" type="checkbox" value="1" defaultChecked={mine} className="h-6 w-6 accent-ink" />
          <label htmlFor="mine">Only people assigned to me</label>
        </div>
        <input type="hidden" name="sort" value={sort} />
        <input type="hidden" name="dir" value={dir} />
        <button type="submit" className="btn-secondary">
          Search
        </button>
      </form>

      {result.total === 0 ? (
        <p className="mb-6">No people match. {q || mine || validSite ? <Link href="/caseload">Clear the filters</Link> : null}</p>
      ) : (
        <Table
          caption={<span className="sr-only">People, sorted by {sort}</span>}
          head={
            <>
              <SortHeader label="Name" column="name" current={sort} direction={dir} hrefFor={sortHref} />
              <SortHeader label="CRN" column="crn" current={sort} direction={dir} hrefFor={sortHref} />
              <SortHeader label="Date of birth" column="dob" current={sort} direction={dir} hrefFor={sortHref} />
              <SortHeader label="Site" column="site" current={sort} direction={dir} hrefFor={sortHref} />
              <SortHeader label="Officer" column="officer" current={sort} direction={dir} hrefFor={sortHref} />
              <SortHeader label="Enrolled" column="enrolled" current={sort} direction={dir} hrefFor={sortHref} />
              <Th>
                <span className="sr-only">Actions</span>
              </Th>
            </>
          }
        >
          {result.rows.map((p) => (
            <tr key={p.id}>
              <Td>
                <Link href={`/people/${p.id}`}>{p.name}</Link>
              </Td>
              <Td className="font-mono">{p.crn}</Td>
              <Td>
                {formatDate(p.dateOfBirth)} <span className="text-muted">({p.age})</span>
              </Td>
              <Td>{p.siteName}</Td>
              <Td>{p.officerName ?? <span className="text-muted">Not assigned</span>}</Td>
              <Td>{formatDate(p.enrolledOn)}</Td>
              <Td>
                <Link href={`/people/${p.id}/appointments/new`}>
                  Book<span className="sr-only"> an appointment for {p.name}</span>
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
