import type { Metadata } from "next";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { can } from "@/domain/permissions";
import { requireCtx } from "@/server/context";
import { forPage } from "@/server/page-guard";
import { listServices } from "@/server/services/queries";
import { listMySites } from "@/server/sites/queries";
import { DirectoryFilterForm, directoryFilters, ServicesTable } from "../../services/_components/services-directory";

export const metadata: Metadata = { title: "Services" };

export default async function AdminServicesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await requireCtx();
  if (!can(ctx.user.role, "service:manage")) forbidden();
  const sp = await searchParams;
  const sites = await forPage(listMySites({ ctx }));
  const filters = directoryFilters(sp, sites);
  const rows = await forPage(
    listServices({ ctx, query: { siteId: filters.siteId || undefined, category: filters.category || undefined, includeInactive: filters.includeInactive } }),
  );

  return (
    <>
      <div className="flex flex-wrap items-baseline justify-between gap-4">
        <h1 className="h1">Services</h1>
        <Link href="/admin/services/new" className="btn">
          Add a service
        </Link>
      </div>
      <p className="mb-6 max-w-2xl">The local services clinicians at your sites refer people to. Deactivate a service that closes: referrals already made to it are kept.</p>
      <DirectoryFilterForm path="/admin/services" sites={sites} filters={filters} offerInactive />
      {rows.length === 0 ? (
        <p className="mb-6">No services match. {filters.siteId || filters.category || filters.includeInactive ? <Link href="/admin/services">Clear the filters</Link> : null}</p>
      ) : (
        <ServicesTable rows={rows} hrefFor={(id) => `/admin/services/${id}`} showStatus />
      )}
    </>
  );
}
