import type { Metadata } from "next";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { param } from "@/components/ui/href";
import { SiteFilter } from "@/components/ui/site-filter";
import { Table, Td, Th } from "@/components/ui/table";
import { Tag } from "@/components/ui/tag";
import { formatDate, formatDateTime } from "@/domain/dates";
import { alertKindLabels, gpStatusLabels, screeningProgrammeLabels } from "@/domain/health";
import { can } from "@/domain/permissions";
import { listOpenAlerts } from "@/server/alerts/queries";
import { requireCtx } from "@/server/context";
import { listNotRegisteredWithGp } from "@/server/gp/queries";
import { listDraftHealthChecks } from "@/server/health-checks/queries";
import { forPage } from "@/server/page-guard";
import { listScreeningDueAtSites } from "@/server/screening/queries";
import { listMySites } from "@/server/sites/queries";
import { loadReferralWorklists, ReferralWorklistSections } from "../referrals/_components/worklist-sections";

export const metadata: Metadata = { title: "Worklist" };

function PersonCell({ personId, personName, crn }: { personId: string; personName: string; crn: string }) {
  return (
    <>
      <Link href={`/people/${personId}`}>{personName}</Link>
      <span className="block font-mono text-sm text-muted">{crn}</span>
    </>
  );
}

/** The hub's to-do list for a site: open alerts first, then drafts, screening due, and GP registration. */
export default async function WorklistPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await requireCtx();
  if (!can(ctx.user.role, "health:read")) forbidden();
  const sp = await searchParams;
  const sites = await forPage(listMySites({ ctx }));
  const siteParam = param(sp.site);
  const siteId = sites.some((s) => s.id === siteParam) ? siteParam : undefined;
  const [alerts, drafts, screening, gp] = await Promise.all([
    forPage(listOpenAlerts({ ctx, siteId })),
    forPage(listDraftHealthChecks({ ctx, siteId })),
    forPage(listScreeningDueAtSites({ ctx, siteId })),
    forPage(listNotRegisteredWithGp({ ctx, siteId })),
  ]);
  const referralLists = await loadReferralWorklists({ ctx, siteId, searchParams: sp });
  const showSite = !siteId && sites.length > 1;

  return (
    <>
      <h1 className="h1">Worklist</h1>
      <nav aria-label="Worklist sections" className="mb-6">
        <ul className="flex flex-wrap gap-6">
          <li>
            <a href="#alerts">Open alerts ({alerts.length})</a>
          </li>
          <li>
            <a href="#drafts">Health checks in draft ({drafts.length})</a>
          </li>
          <li>
            <a href="#screening">Screening due ({screening.length})</a>
          </li>
          <li>
            <a href="#gp">Not registered with a GP ({gp.length})</a>
          </li>
          {referralLists.seeRequests && (
            <li>
              <a href="#please-see">Probation asked the hub to see ({referralLists.seeRequests.length})</a>
            </li>
          )}
          {referralLists.awaiting && (
            <li>
              <a href="#referrals-waiting">Referrals with no response ({referralLists.awaiting.length})</a>
            </li>
          )}
          {referralLists.accepted && (
            <li>
              <a href="#referrals-accepted">Referrals accepted, not booked ({referralLists.accepted.length})</a>
            </li>
          )}
          {referralLists.didNotAttend && (
            <li>
              <a href="#referrals-dna">Missed first appointments ({referralLists.didNotAttend.length})</a>
            </li>
          )}
        </ul>
      </nav>
      {sites.length > 1 && (
        <SiteFilter action="/worklist" sites={sites} siteId={siteId} />
      )}

      <section id="alerts" aria-labelledby="alerts-heading" className="mb-8">
        <h2 id="alerts-heading" className="h2">
          Open alerts
        </h2>
        {alerts.length === 0 ? (
          <p>No open alerts.</p>
        ) : (
          <Table caption={<span className="sr-only">Open alerts, oldest first</span>} head={<><Th>Raised</Th><Th>Person</Th>{showSite && <Th>Site</Th>}<Th>Alert</Th></>}>
            {alerts.map((a) => (
              <tr key={a.alertId}>
                <Td>{formatDateTime(a.raisedAt)}</Td>
                <Td>
                  <PersonCell {...a} />
                </Td>
                {showSite && <Td>{a.siteName}</Td>}
                <Td>
                  <Link href={`/alerts/${a.alertId}`}>{alertKindLabels[a.kind]}</Link>
                </Td>
              </tr>
            ))}
          </Table>
        )}
      </section>

      <section id="drafts" aria-labelledby="drafts-heading" className="mb-8">
        <h2 id="drafts-heading" className="h2">
          Health checks in draft
        </h2>
        {drafts.length === 0 ? (
          <p>No health checks in draft.</p>
        ) : (
          <Table caption={<span className="sr-only">Draft health checks, oldest first</span>} head={<><Th>Started</Th><Th>Person</Th>{showSite && <Th>Site</Th>}<Th>Progress</Th></>}>
            {drafts.map((d) => (
              <tr key={d.healthCheckId}>
                <Td>{formatDateTime(d.startedAt)}</Td>
                <Td>
                  <PersonCell {...d} />
                </Td>
                {showSite && <Td>{d.siteName}</Td>}
                <Td>
                  <Link href={`/health-checks/${d.healthCheckId}`}>{d.sectionsComplete} of 7 sections done</Link>
                </Td>
              </tr>
            ))}
          </Table>
        )}
      </section>

      <section id="screening" aria-labelledby="screening-heading" className="mb-8">
        <h2 id="screening-heading" className="h2">
          Screening due or overdue
        </h2>
        {screening.length === 0 ? (
          <p>Nobody is due for screening.</p>
        ) : (
          <Table caption={<span className="sr-only">Screening due, overdue first</span>} head={<><Th>Person</Th>{showSite && <Th>Site</Th>}<Th>Programme</Th><Th>Status</Th><Th>Due since</Th></>}>
            {screening.map((s) => (
              <tr key={`${s.personId}-${s.programme}`}>
                <Td>
                  <PersonCell {...s} />
                </Td>
                {showSite && <Td>{s.siteName}</Td>}
                <Td>
                  <Link href={`/people/${s.personId}/screening/${s.programme}`}>{screeningProgrammeLabels[s.programme]}</Link>
                </Td>
                <Td>{s.status === "overdue" ? <Tag tone="red">Overdue</Tag> : <Tag tone="yellow">Due</Tag>}</Td>
                <Td>{s.nextDueOn ? formatDate(s.nextDueOn) : "–"}</Td>
              </tr>
            ))}
          </Table>
        )}
      </section>

      <section id="gp" aria-labelledby="gp-heading" className="mb-8">
        <h2 id="gp-heading" className="h2">
          Not registered with a GP
        </h2>
        {gp.length === 0 ? (
          <p>Everyone is registered with a GP.</p>
        ) : (
          <Table caption={<span className="sr-only">People not known to be registered with a GP</span>} head={<><Th>Person</Th>{showSite && <Th>Site</Th>}<Th>Status</Th><Th>Support started</Th></>}>
            {gp.map((g) => (
              <tr key={g.personId}>
                <Td>
                  <PersonCell {...g} />
                </Td>
                {showSite && <Td>{g.siteName}</Td>}
                <Td>
                  <Link href={`/people/${g.personId}/gp-registration`}>{g.status ? gpStatusLabels[g.status] : "Not recorded"}</Link>
                </Td>
                <Td>{g.supportStartedOn ? formatDate(g.supportStartedOn) : "–"}</Td>
              </tr>
            ))}
          </Table>
        )}
      </section>

      <ReferralWorklistSections worklists={referralLists} siteId={siteId} showSite={showSite} />
    </>
  );
}
