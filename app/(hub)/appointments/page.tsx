import type { Metadata } from "next";
import Link from "next/link";
import { href, param } from "@/components/ui/href";
import { SiteFilter } from "@/components/ui/site-filter";
import { OutcomeTag } from "@/components/ui/outcome-tag";
import { Table, Td, Th } from "@/components/ui/table";
import { appointmentKindLabels, appointmentTypeLabels } from "@/domain/appointments";
import { formatDate, formatDateTime, formatTime } from "@/domain/dates";
import { listUpcoming, type UpcomingRow } from "@/server/appointments/queries";
import { requireCtx } from "@/server/context";
import { forPage } from "@/server/page-guard";
import { listMySites } from "@/server/sites/queries";

export const metadata: Metadata = { title: "Appointments" };

export default async function AppointmentsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await requireCtx();
  const sp = await searchParams;
  const range = param(sp.range) === "week" ? "week" : "today";
  const sites = await forPage(listMySites({ ctx }));
  const siteParam = param(sp.site);
  const siteId = sites.some((s) => s.id === siteParam) ? siteParam : undefined;
  const { from, to, rows } = await forPage(listUpcoming({ ctx, range, siteId }));
  const now = new Date();

  const bySite = new Map<string, UpcomingRow[]>();
  for (const row of rows) bySite.set(row.siteName, [...(bySite.get(row.siteName) ?? []), row]);

  return (
    <>
      <h1 className="h1">{range === "today" ? `Appointments today, ${formatDate(from)}` : `Appointments this week, ${formatDate(from)} to ${formatDate(to)}`}</h1>
      <nav aria-label="Time period" className="mb-6 flex flex-wrap gap-6">
        <Link href={href("/appointments", { range: "today", site: siteId })} aria-current={range === "today" ? "page" : undefined} className={range === "today" ? "font-bold text-ink no-underline" : ""}>
          Today
        </Link>
        <Link href={href("/appointments", { range: "week", site: siteId })} aria-current={range === "week" ? "page" : undefined} className={range === "week" ? "font-bold text-ink no-underline" : ""}>
          This week
        </Link>
      </nav>
      {sites.length > 1 && (
        <SiteFilter action="/appointments" sites={sites} siteId={siteId} keep={{ range }} />
      )}
      {rows.length === 0 && <p>No appointments {range === "today" ? "today" : "this week"}.</p>}
      {[...bySite.entries()].map(([siteName, siteRows]) => (
        <Table
          key={siteName}
          caption={`${siteName} (${siteRows.length} ${siteRows.length === 1 ? "appointment" : "appointments"})`}
          head={
            <>
              <Th>{range === "today" ? "Time" : "Date and time"}</Th>
              <Th>Person</Th>
              <Th>Appointment</Th>
              <Th>Status</Th>
            </>
          }
        >
          {siteRows.map((a) => (
            <tr key={a.id}>
              <Td>
                <Link href={`/appointments/${a.id}`}>{range === "today" ? formatTime(a.startsAt) : formatDateTime(a.startsAt)}</Link>
              </Td>
              <Td>
                <Link href={`/people/${a.personId}`}>{a.personName}</Link>
                <span className="block font-mono text-sm text-muted">{a.crn}</span>
              </Td>
              <Td>
                {appointmentTypeLabels[a.type]}
                <span className="block text-sm text-muted">
                  {appointmentKindLabels[a.kind]}
                  {a.clinicianAttends ? ", clinician attends" : ""}
                </span>
              </Td>
              <Td>
                <OutcomeTag outcome={a.outcome} startsAt={a.startsAt} now={now} />
              </Td>
            </tr>
          ))}
        </Table>
      ))}
    </>
  );
}
