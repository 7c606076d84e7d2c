import type { Metadata } from "next";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { href, param } from "@/components/ui/href";
import { Pagination } from "@/components/ui/pagination";
import { Table, Td, Th } from "@/components/ui/table";
import { Tag } from "@/components/ui/tag";
import { can } from "@/domain/permissions";
import { roleLabels } from "@/domain/roles";
import { requireCtx } from "@/server/context";
import { forPage } from "@/server/page-guard";
import { listUsers } from "@/server/users/queries";

export const metadata: Metadata = { title: "Users" };

type Search = Record<string, string | string[] | undefined>;

export default async function UsersPage({ searchParams }: { searchParams: Promise<Search> }) {
  const ctx = await requireCtx();
  if (!can(ctx.user.role, "user:manage")) forbidden();
  const sp = await searchParams;
  const q = param(sp.q)?.slice(0, 100) ?? "";
  const pageNumber = Number.parseInt(param(sp.page) ?? "1", 10) || 1;
  const result = await forPage(listUsers({ ctx, query: { q, page: pageNumber } }));

  return (
    <>
      <div className="flex flex-wrap items-baseline justify-between gap-4">
        <h1 className="h1">Users</h1>
        <Link href="/admin/users/new" className="btn">
          Create a user
        </Link>
      </div>

      <form method="get" action="/admin/users" className="card flex flex-wrap items-end gap-4" role="search" aria-label="Users">
        <div>
          <label htmlFor="q" className="mb-1 block font-semibold">
            Name or email address
          </label>
          <input id="q" name="q" defaultValue={q} className="input w-72" spellCheck={false} />
        </div>
        <button type="submit" className="btn-secondary">
          Search
        </button>
      </form>

      {result.total === 0 ? (
        <p className="mb-6">No users match. {q ? <Link href="/admin/users">Clear the search</Link> : null}</p>
      ) : (
        <Table
          caption={<span className="sr-only">Users at your sites, sorted by name</span>}
          head={
            <>
              <Th>Name</Th>
              <Th>Email address</Th>
              <Th>Role</Th>
              <Th>Sites</Th>
              <Th>Status</Th>
            </>
          }
        >
          {result.rows.map((u) => (
            <tr key={u.id}>
              <Td>
                <Link href={`/admin/users/${u.id}`}>{u.name}</Link>
              </Td>
              <Td className="break-all">{u.email}</Td>
              <Td>{roleLabels[u.role]}</Td>
              <Td>{u.siteNames.length ? u.siteNames.join(", ") : <span className="text-muted">None</span>}</Td>
              <Td>{u.disabled ? <Tag tone="grey">Disabled</Tag> : <Tag tone="green">Active</Tag>}</Td>
            </tr>
          ))}
        </Table>
      )}
      <Pagination page={result.page} pageCount={result.pageCount} total={result.total} hrefFor={(page) => href("/admin/users", { q, page })} />
    </>
  );
}
