import Link from "next/link";
import type { ReactNode } from "react";

export type SortDirection = "asc" | "desc";

/** A column heading that sorts by following a link, so sorting works without JavaScript. */
export function SortHeader({
  label,
  column,
  current,
  direction,
  hrefFor,
}: {
  label: string;
  column: string;
  current: string;
  direction: SortDirection;
  hrefFor: (column: string, direction: SortDirection) => string;
}) {
  const active = current === column;
  const next: SortDirection = active && direction === "asc" ? "desc" : "asc";
  return (
    <th scope="col" aria-sort={active ? (direction === "asc" ? "ascending" : "descending") : "none"} className="px-3 py-2 text-left font-semibold">
      <Link href={hrefFor(column, next)} className="text-ink">
        {label}
        <span aria-hidden="true">{active ? (direction === "asc" ? " ▲" : " ▼") : " ⇅"}</span>
      </Link>
    </th>
  );
}

export function Table({ caption, head, children }: { caption: ReactNode; head: ReactNode; children: ReactNode }) {
  return (
    <div className="mb-6 overflow-x-auto">
      <table className="w-full border-collapse bg-white">
        <caption className="mb-2 text-left text-xl font-bold">{caption}</caption>
        <thead className="border-b-2 border-ink">
          <tr>{head}</tr>
        </thead>
        <tbody className="divide-y divide-line">{children}</tbody>
      </table>
    </div>
  );
}

export function Th({ children }: { children: ReactNode }) {
  return (
    <th scope="col" className="px-3 py-2 text-left font-semibold">
      {children}
    </th>
  );
}

export function Td({ children, className }: { children: ReactNode; className?: string }) {
  return <td className={`px-3 py-2 align-top ${className ?? ""}`}>{children}</td>;
}
