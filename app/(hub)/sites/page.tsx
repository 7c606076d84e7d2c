import type { Metadata } from "next";
import { Table, Td, Th } from "@/components/ui/table";
import type { Shown, ShownRate } from "@/domain/suppression";
import { requireCtx } from "@/server/context";
import { getSiteOverview } from "@/server/dashboards/site-overview";
import { forPage } from "@/server/page-guard";

export const metadata: Metadata = { title: "Sites" };

function showCount(s: Shown) {
  return s.kind === "count" ? s.value.toLocaleString("en-GB") : <abbr title="Suppressed: fewer than 5">*</abbr>;
}

function showRate(r: ShownRate) {
  if (r.kind === "rate") return `${r.percent.toFixed(1)}%`;
  if (r.kind === "none") return "No data";
  return <abbr title="Suppressed: built on fewer than 5">*</abbr>;
}

export default async function SitesPage() {
  const ctx = await requireCtx();
  const rows = await forPage(getSiteOverview({ ctx }));
  return (
    <>
      <h1 className="h1">Sites</h1>
      <p className="mb-6 max-w-3xl">
        Headline figures for the pilot sites you cover. Counts from 1 to 4, and rates built on them, are shown as * so nobody can be identified.
      </p>
      <Table
        caption="Sites at a glance"
        head={
          <>
            <Th>Site</Th>
            <Th>Probation region</Th>
            <Th>Integrated care board</Th>
            <Th>People enrolled</Th>
            <Th>Appointments this week</Th>
            <Th>Did not attend, last 90 days</Th>
          </>
        }
      >
        {rows.map((r) => (
          <tr key={r.siteId}>
            <Td className="font-semibold">{r.name}</Td>
            <Td>{r.probationRegion}</Td>
            <Td>{r.integratedCareBoard}</Td>
            <Td>{showCount(r.enrolled)}</Td>
            <Td>{showCount(r.appointmentsThisWeek)}</Td>
            <Td>{showRate(r.didNotAttendRate)}</Td>
          </tr>
        ))}
      </Table>
      <p className="text-muted">Full pilot dashboards with trends and breakdowns are planned; these figures come straight from the live records.</p>
    </>
  );
}
