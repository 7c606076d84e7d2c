import type { Metadata } from "next";
import { TrendChart } from "@/components/charts/trend-chart";
import { ErrorSummary } from "@/components/ui/error-summary";
import { formatDateTime, formatTime, toLondon, todayInLondon } from "@/domain/dates";
import { dashboardMessages } from "@/domain/dashboard/messages";
import { monthLabels, periodFromQuery, sinceStart } from "@/domain/dashboard/periods";
import { chartValue, formatCell, type DashboardTable } from "@/domain/dashboard/table";
import { requireCtx } from "@/server/context";
import { SITE_COLUMNS } from "@/server/dashboards/build";
import { getDashboard, getEarliestEnrolment } from "@/server/dashboards/measures";
import { forPage } from "@/server/page-guard";
import { listMySites } from "@/server/sites/queries";
import { DashboardTableView } from "./_components/dashboard-table";
import { PeriodForm } from "./_components/period-form";

type Search = Record<string, string | string[] | undefined>;

const TITLE = "Pilot dashboard";

function firstValues(sp: Search): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(sp).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
}

function allValues(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

export async function generateMetadata({ searchParams }: { searchParams: Promise<Search> }): Promise<Metadata> {
  // The preset that needs the earliest enrolment never has errors, so no database read is needed here.
  const query = periodFromQuery(firstValues(await searchParams), todayInLondon(), null);
  return { title: query.ok ? TITLE : `Error: ${TITLE}` };
}

/** HH:MM today, or the date as well when the figures were last brought up to date on another day. */
function figuresAsAt(instant: Date, today: string): string {
  return toLondon(instant).date === today ? formatTime(instant) : formatDateTime(instant);
}

export default async function DashboardsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const ctx = await requireCtx();
  const sp = await searchParams;
  const today = todayInLondon();
  const earliest = await forPage(getEarliestEnrolment({ ctx }));
  const sites = await forPage(listMySites({ ctx }));
  const query = periodFromQuery(firstValues(sp), today, earliest);
  // Only sites the user works at can be asked for; anything else in the address is ignored.
  const asked = allValues(sp.site).filter((id) => sites.some((s) => s.id === id));
  const dashboard = query.ok ? await forPage(getDashboard({ ctx, input: { siteIds: asked, from: query.period.from, to: query.period.to } })) : null;
  const errors = query.ok ? {} : query.errors;

  const exportHref = (table: string) => {
    const params = new URLSearchParams({ table, from: dashboard?.period.from ?? "", to: dashboard?.period.to ?? "" });
    for (const id of asked) params.append("site", id);
    return `/dashboards/export?${params.toString()}`;
  };

  const renderTable = (table: DashboardTable) => {
    const view = <DashboardTableView table={table} exportHref={exportHref(table.id)} />;
    if (table.chart) {
      const last = table.columns.length - 1;
      const points = table.rows
        .filter((r) => !r.total)
        .map((r) => {
          const cell = r.cells[last] ?? { kind: "none" as const };
          return { label: monthLabels(r.key).short, value: chartValue(cell), display: formatCell(cell) };
        });
      return (
        <div key={table.id}>
          <TrendChart id={`chart-${table.id}`} title={table.caption} unit={table.chart.unit} points={points}>
            {view}
          </TrendChart>
        </div>
      );
    }
    if (table.folded) {
      return (
        <details key={table.id} className="mb-6">
          <summary className="cursor-pointer text-brand underline">{table.caption}</summary>
          <div className="mt-3">{view}</div>
        </details>
      );
    }
    return <div key={table.id}>{view}</div>;
  };

  return (
    <>
      <ErrorSummary errors={Object.entries(errors).map(([field, message]) => ({ href: `#${field}Day`, message }))} />
      <h1 className="h1">{TITLE}</h1>
      <p className="mb-6 max-w-3xl">
        Figures for the pilot sites you cover, side by side, for the period you choose. No one is named. Counts from 1 to 4, rates and medians built on
        them, and any figure that would let them be worked out from a total are shown as *.
      </p>

      <PeriodForm
        preset={query.preset}
        fields={query.fields}
        errors={errors}
        today={today}
        sinceStart={sinceStart(today, earliest)}
        sites={sites}
        selectedSiteIds={asked.length ? asked : sites.map((s) => s.id)}
      />

      {dashboard && dashboard.sites.length === 0 && <p className="mb-6">You are not a member of any site, so there are no figures to show.</p>}

      {dashboard && dashboard.sites.length > 0 && (
        <>
          <h2 className="h2">
            {dashboard.periodLabel}: {dashboard.sites.length > SITE_COLUMNS ? `${dashboard.sites.length} sites` : dashboard.sites.map((s) => s.name).join(", ")}
          </h2>
          <p className="mb-4" data-testid="figures-as-at">
            {/* The person facts are a rollup refreshed every few minutes; probation attendance is kept current as it is recorded (server/dashboards/rollups.ts). */}
            Figures as at {figuresAsAt(dashboard.asAt ?? new Date(), today)} (London time); probation attendance as it is recorded. They are brought up to date every few minutes. A downloaded CSV file&apos;s name gives the time its own figures are as at.
          </p>
          <div className="mb-8 border-l-4 border-brand bg-white p-4">
            <p>
              <strong>*</strong> {dashboardMessages.suppressed}. &quot;No data&quot; means there was nothing to count.
            </p>
          </div>
          <nav aria-label="Dashboard sections" className="mb-8">
            <h2 className="h3">Contents</h2>
            <ul className="list-disc space-y-1 pl-6">
              {dashboard.sections.map((s) => (
                <li key={s.id}>
                  <a href={`#section-${s.id}`}>{s.title}</a>
                </li>
              ))}
            </ul>
          </nav>
          {dashboard.sections.map((section) => (
            <section key={section.id} id={`section-${section.id}`} aria-labelledby={`section-${section.id}-title`} className="mb-10">
              <h2 id={`section-${section.id}-title`} className="h2">
                {section.title}
              </h2>
              <p className="mb-6 max-w-3xl text-muted">{section.description}</p>
              {section.tables.map(renderTable)}
            </section>
          ))}
        </>
      )}
    </>
  );
}
