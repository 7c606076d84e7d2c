import type { Metadata } from "next";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { can } from "@/domain/permissions";
import { requireCtx } from "@/server/context";
import { forPage } from "@/server/page-guard";
import { listServices } from "@/server/services/queries";
import { listMySites } from "@/server/sites/queries";
import { DirectoryFilterForm, directoryFilters, ServicesTable } from "./_components/services-directory";

export const metadata: Metadata = { title: "Services directory" };

/** The local services clinicians refer people to; read only (administrators maintain it). */
export default async function ServicesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await requireCtx();
  if (!can(ctx.user.role, "service:read")) forbidden();
  const sp = await searchParams;
  const sites = await forPage(listMySites({ ctx }));
  const filters = { ...directoryFilters(sp, sites), includeInactive: false };
  const rows = await forPage(listServices({ ctx, query: { siteId: filters.siteId || undefined, category: filters.category || undefined } }));

  return (
    <>
      <h1 className="h1">Services directory</h1>
      <p className="mb-6 max-w-2xl">Local services people at your sites can be referred to. If something here is out of date, tell an administrator.</p>
      <DirectoryFilterForm path="/services" sites={sites} filters={filters} offerInactive={false} />
      {rows.length === 0 ? (
        <p className="mb-6">No services match. {filters.siteId || filters.category ? <Link href="/services">Clear the filters</Link> : null}</p>
      ) : (
        <ServicesTable rows={rows} showStatus={false} />
      )}
    </>
  );
}
