import Link from "next/link";
import { param } from "@/components/ui/href";
import { Table, Td, Th } from "@/components/ui/table";
import { Tag } from "@/components/ui/tag";
import { commissionerTypeLabels, serviceCategories, serviceCategoryLabels, type ServiceCategory } from "@/domain/referrals";
import type { ServiceRow } from "@/server/services/queries";

// Shared by the clinicians' directory (/services) and the administrators' list (/admin/services).

export type DirectoryFilters = { siteId: string; category: ServiceCategory | ""; includeInactive: boolean };

/** Filters from the query string, keeping only a site the user works at and a known category. */
export function directoryFilters(sp: Record<string, string | string[] | undefined>, sites: { id: string }[]): DirectoryFilters {
  const site = param(sp.site) ?? "";
  const category = param(sp.category) ?? "";
  return {
    siteId: sites.some((s) => s.id === site) ? site : "",
    category: serviceCategories.find((c) => c === category) ?? "",
    includeInactive: param(sp.inactive) === "1",
  };
}

export function DirectoryFilterForm({
  path,
  sites,
  filters,
  offerInactive,
}: {
  path: string;
  sites: { id: string; name: string }[];
  filters: DirectoryFilters;
  offerInactive: boolean;
}) {
  return (
    <form method="get" action={path} className="card flex flex-wrap items-end gap-4" role="search" aria-label="Services">
      <div>
        <label htmlFor="site" className="mb-1 block font-semibold">
          Site
        </label>
        <select id="site" name="site" defaultValue={filters.siteId} className="input w-52">
          <option value="">All my sites</option>
          {sites.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="category" className="mb-1 block font-semibold">
          Kind of service
        </label>
        <select id="category" name="category" defaultValue={filters.category} className="input w-72">
          <option value="">All kinds</option>
          {serviceCategories.map((c) => (
            <option key={c} value={c}>
              {serviceCategoryLabels[c]}
            </option>
          ))}
        </select>
      </div>
      {offerInactive && (
        <div className="flex items-center gap-2 pb-2">
          <input id="inactive" name="inactive" type="checkbox" value="1" defaultChecked={filters.includeInactive} className="h-6 w-6 accent-ink" />
          <label htmlFor="inactive">Include deactivated services</label>
        </div>
      )}
      <button type="submit" className="btn-secondary">
        Filter
      </button>
    </form>
  );
}

export function ServicesTable({ rows, hrefFor, showStatus }: { rows: ServiceRow[]; hrefFor?: (id: string) => string; showStatus: boolean }) {
  return (
    <Table
      caption={<span className="sr-only">Services, by site and name</span>}
      head={
        <>
          <Th>Service</Th>
          <Th>Kind</Th>
          <Th>Commissioned by</Th>
          <Th>Contact</Th>
          <Th>Address</Th>
          <Th>Site</Th>
          {showStatus && <Th>Status</Th>}
        </>
      }
    >
      {rows.map((s) => (
        <tr key={s.id}>
          <Td>{hrefFor ? <Link href={hrefFor(s.id)}>{s.name}</Link> : s.name}</Td>
          <Td>{serviceCategoryLabels[s.category]}</Td>
          <Td>{commissionerTypeLabels[s.commissionerType]}</Td>
          <Td>{s.contact ?? <span className="text-muted">None</span>}</Td>
          <Td>{s.address ?? <span className="text-muted">None</span>}</Td>
          <Td>{s.siteName}</Td>
          {showStatus && <Td>{s.active ? <Tag tone="green">Active</Tag> : <Tag tone="grey">Deactivated</Tag>}</Td>}
        </tr>
      ))}
    </Table>
  );
}
