import Link from "next/link";
import type { ReactNode } from "react";

export type SummaryRow = { key: string; value: ReactNode; change?: { href: string; label: string } };

export function SummaryList({ rows }: { rows: SummaryRow[] }) {
  return (
    <dl className="mb-6 divide-y divide-line border-y border-line">
      {rows.map((row) => (
        <div key={row.key} className="grid grid-cols-1 gap-1 py-3 sm:grid-cols-[14rem_1fr_auto] sm:gap-4">
          <dt className="font-semibold">{row.key}</dt>
          <dd>{row.value}</dd>
          <dd>
            {row.change && (
              <Link href={row.change.href}>
                Change<span className="sr-only"> {row.change.label}</span>
              </Link>
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}
