import { dashboardMessages } from "@/domain/dashboard/messages";
import { formatCell, type DashboardCell, type DashboardTable } from "@/domain/dashboard/table";

function Cell({ cell }: { cell: DashboardCell }) {
  if (cell.kind === "suppressed") return <abbr title={dashboardMessages.suppressed}>*</abbr>;
  if (cell.kind === "none") return <span className="text-muted">{formatCell(cell)}</span>;
  return <>{formatCell(cell)}</>;
}

/** One dashboard table: row labels as row headers, sites (or measures) as columns, figures already suppressed by the server. */
export function DashboardTableView({ table, exportHref }: { table: DashboardTable; exportHref: string }) {
  return (
    <div className="mb-8">
      <div className="overflow-x-auto">
        <table className="w-full border-collapse bg-white" id={table.id}>
          <caption className="mb-2 text-left text-xl font-bold">{table.caption}</caption>
          <thead className="border-b-2 border-ink">
            <tr>
              <th scope="col" className="px-3 py-2 text-left font-semibold">
                {table.rowHeading}
              </th>
              {table.columns.map((c) => (
                <th key={c.key} scope="col" className="px-3 py-2 text-right font-semibold">
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-line">
            {table.rows.map((r) => (
              <tr key={r.key} className={r.total ? "border-t-2 border-ink font-semibold" : undefined}>
                <th scope="row" className={`px-3 py-2 text-left align-top ${r.total ? "font-semibold" : "font-normal"}`}>
                  {r.label}
                </th>
                {r.cells.map((cell, i) => (
                  <td key={table.columns[i]?.key ?? i} className="px-3 py-2 text-right align-top tabular-nums">
                    <Cell cell={cell} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="mt-2">
        <a href={exportHref} download>
          Download CSV<span className="sr-only">: {table.caption}</span>
        </a>
      </p>
    </div>
  );
}
