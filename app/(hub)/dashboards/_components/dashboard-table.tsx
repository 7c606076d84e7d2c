import { formatCell, type DashboardCell, type DashboardTable } from "@/domain/dashboard/table";

// A dashboard carries thousands of cells, each sent twice (the HTML and React's payload): the cells
// are styled by the table's class (.dashboard-table in app/globals.css), and a suppressed one says
// only "Suppressed"; the page explains suppression once, above the tables.
function Cell({ cell }: { cell: DashboardCell }) {
  if (cell.kind === "suppressed") return <abbr title="Suppressed">*</abbr>;
  if (cell.kind === "none") return <span className="text-muted">{formatCell(cell)}</span>;
  return <>{formatCell(cell)}</>;
}

/** One dashboard table: row labels as row headers, sites (or measures) as columns, figures already suppressed by the server. */
export function DashboardTableView({ table, exportHref }: { table: DashboardTable; exportHref: string }) {
  return (
    <div className="mb-8">
      <div className="overflow-x-auto">
        <table className="dashboard-table w-full border-collapse bg-white" id={table.id}>
          <caption className="mb-2 text-left text-xl font-bold">{table.caption}</caption>
          <thead className="border-b-2 border-ink">
            <tr>
              <th scope="col" className="text-left">
                {table.rowHeading}
              </th>
              {table.columns.map((c) => (
                <th key={c.key} scope="col">
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-line">
            {table.rows.map((r) => (
              <tr key={r.key} className={r.total ? "total" : undefined}>
                <th scope="row">{r.label}</th>
                {r.cells.map((cell, i) => (
                  <td key={table.columns[i]?.key ?? i}>
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
