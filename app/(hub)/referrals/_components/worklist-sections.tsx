import Link from "next/link";
import { href, param } from "@/components/ui/href";
import { SortHeader, Table, Td, Th, type SortDirection } from "@/components/ui/table";
import { formatDate, formatDateTime, toLondon } from "@/domain/dates";
import { can } from "@/domain/permissions";
import { seeRequestReasonLabels, serviceCategoryLabels } from "@/domain/referrals";
import type { Ctx } from "@/server/context";
import { forPage } from "@/server/page-guard";
import { MAX_RESPONSE_WORKING_DAYS, responseDaysFrom } from "@/server/referrals/settings";
import { listAcceptedNotBooked, listAwaitingResponse, listDidNotAttend, type ReferralWorklistRow } from "@/server/referrals/worklists";
import { listOpenSeeRequests, type OpenSeeRequestRow } from "@/server/see-requests/queries";
import { DaysWaiting, UrgencyTag } from "@/components/ui/referral-tags";

type Search = Record<string, string | string[] | undefined>;
type Dirs = { sentDir: SortDirection; acceptedDir: SortDirection; dnaDir: SortDirection };

export type ReferralWorklists = {
  days: number;
  dirs: Dirs;
  seeRequests: OpenSeeRequestRow[] | null;
  awaiting: ReferralWorklistRow[] | null;
  accepted: ReferralWorklistRow[] | null;
  didNotAttend: ReferralWorklistRow[] | null;
};

const direction = (v: string | undefined): SortDirection => (v === "asc" ? "asc" : "desc");

/**
 * The worklist's referral and "please see" sections: the data, loaded by the worklist page
 * (which shows the counts in its contents list), and their tables. A list the role may not see
 * is null and its section is left out. `?days=` overrides how long a sent referral may wait.
 */
export async function loadReferralWorklists({ ctx, siteId, searchParams }: { ctx: Ctx; siteId?: string; searchParams: Search }): Promise<ReferralWorklists> {
  const days = responseDaysFrom(param(searchParams.days));
  const dirs: Dirs = { sentDir: direction(param(searchParams.sentDir)), acceptedDir: direction(param(searchParams.acceptedDir)), dnaDir: direction(param(searchParams.dnaDir)) };
  const referrals = can(ctx.user.role, "referral:read");
  const [seeRequests, awaiting, accepted, didNotAttend] = await Promise.all([
    can(ctx.user.role, "see-request:handle") ? forPage(listOpenSeeRequests({ ctx, siteId })) : null,
    referrals ? forPage(listAwaitingResponse({ ctx, siteId, days, dir: dirs.sentDir })) : null,
    referrals ? forPage(listAcceptedNotBooked({ ctx, siteId, dir: dirs.acceptedDir })) : null,
    referrals ? forPage(listDidNotAttend({ ctx, siteId, dir: dirs.dnaDir })) : null,
  ]);
  return { days, dirs, seeRequests, awaiting, accepted, didNotAttend };
}

function PersonCell({ personId, personName, crn }: { personId: string; personName: string; crn: string }) {
  return (
    <>
      <Link href={`/people/${personId}`}>{personName}</Link>
      <span className="block font-mono text-sm text-muted">{crn}</span>
    </>
  );
}

function ReferralTable({
  rows,
  caption,
  sinceLabel,
  showSite,
  sortHref,
  dir,
}: {
  rows: ReferralWorklistRow[];
  caption: string;
  sinceLabel: string;
  showSite: boolean;
  sortHref: (column: string, direction: SortDirection) => string;
  dir: SortDirection;
}) {
  return (
    <Table
      caption={<span className="sr-only">{caption}</span>}
      head={
        <>
          <Th>Person</Th>
          {showSite && <Th>Site</Th>}
          <Th>Service</Th>
          <Th>Urgency</Th>
          <Th>{sinceLabel}</Th>
          <SortHeader label="Working days waiting" column="waiting" current="waiting" direction={dir} hrefFor={sortHref} />
          <Th>
            <span className="sr-only">Actions</span>
          </Th>
        </>
      }
    >
      {rows.map((r) => (
        <tr key={r.referralId}>
          <Td>
            <PersonCell {...r} />
          </Td>
          {showSite && <Td>{r.siteName}</Td>}
          <Td>
            {r.serviceName}
            <span className="block text-sm text-muted">{serviceCategoryLabels[r.category]}</span>
          </Td>
          <Td>
            <UrgencyTag urgency={r.urgency} />
          </Td>
          <Td>{formatDate(toLondon(r.since).date)}</Td>
          <Td>
            <DaysWaiting days={r.workingDaysWaiting} />
          </Td>
          <Td>
            <Link href={`/referrals/${r.referralId}`}>
              Open<span className="sr-only"> referral for {r.personName}</span>
            </Link>
          </Td>
        </tr>
      ))}
    </Table>
  );
}

export function ReferralWorklistSections({ worklists, siteId, showSite }: { worklists: ReferralWorklists; siteId?: string; showSite: boolean }) {
  const { days, dirs, seeRequests, awaiting, accepted, didNotAttend } = worklists;
  const base = { site: siteId, days, ...dirs };
  const sortHref = (key: keyof Dirs, anchor: string) => (_column: string, d: SortDirection) => `${href("/worklist", { ...base, [key]: d })}#${anchor}`;

  return (
    <>
      {seeRequests && (
        <section id="please-see" aria-labelledby="please-see-heading" className="mb-8">
          <h2 id="please-see-heading" className="h2">
            Probation asked the hub to see
          </h2>
          {seeRequests.length === 0 ? (
            <p>No open requests from probation.</p>
          ) : (
            <Table caption={<span className="sr-only">Open requests from probation, oldest first</span>} head={<><Th>Asked</Th><Th>Person</Th>{showSite && <Th>Site</Th>}<Th>Reason</Th><Th>Asked by</Th></>}>
              {seeRequests.map((s) => (
                <tr key={s.id}>
                  <Td>{formatDateTime(s.requestedAt)}</Td>
                  <Td>
                    <PersonCell {...s} />
                  </Td>
                  {showSite && <Td>{s.siteName}</Td>}
                  <Td>
                    <Link href={`/people/${s.personId}/please-see/${s.id}`}>{seeRequestReasonLabels[s.reason]}</Link>
                  </Td>
                  <Td>{s.requestedByName}</Td>
                </tr>
              ))}
            </Table>
          )}
        </section>
      )}

      {awaiting && (
        <section id="referrals-waiting" aria-labelledby="referrals-waiting-heading" className="mb-8">
          <div className="flex flex-wrap items-baseline justify-between gap-4">
            <h2 id="referrals-waiting-heading" className="h2">
              Referrals with no response after {days === 1 ? "1 working day" : `${days} working days`}
            </h2>
            <Link href="/referrals">All referrals</Link>
          </div>
          <form method="get" action="/worklist#referrals-waiting" className="mb-4 flex flex-wrap items-end gap-4">
            {siteId && <input type="hidden" name="site" value={siteId} />}
            <div>
              <label htmlFor="days" className="mb-1 block font-semibold">
                Waiting longer than (working days)
              </label>
              <input id="days" name="days" type="number" min={0} max={MAX_RESPONSE_WORKING_DAYS} defaultValue={days} className="input w-24" />
            </div>
            <button type="submit" className="btn-secondary">
              Show
            </button>
          </form>
          {awaiting.length === 0 ? (
            <p>No sent referrals waiting that long for a response.</p>
          ) : (
            <ReferralTable rows={awaiting} caption="Sent referrals waiting for a response" sinceLabel="Sent" showSite={showSite} sortHref={sortHref("sentDir", "referrals-waiting")} dir={dirs.sentDir} />
          )}
        </section>
      )}

      {accepted && (
        <section id="referrals-accepted" aria-labelledby="referrals-accepted-heading" className="mb-8">
          <h2 id="referrals-accepted-heading" className="h2">
            Accepted, first appointment not booked
          </h2>
          {accepted.length === 0 ? (
            <p>No accepted referrals waiting for a first appointment.</p>
          ) : (
            <ReferralTable rows={accepted} caption="Accepted referrals with no first appointment" sinceLabel="Accepted" showSite={showSite} sortHref={sortHref("acceptedDir", "referrals-accepted")} dir={dirs.acceptedDir} />
          )}
        </section>
      )}

      {didNotAttend && (
        <section id="referrals-dna" aria-labelledby="referrals-dna-heading" className="mb-8">
          <h2 id="referrals-dna-heading" className="h2">
            Did not attend the first appointment
          </h2>
          {didNotAttend.length === 0 ? (
            <p>Nobody to follow up.</p>
          ) : (
            <ReferralTable rows={didNotAttend} caption="Missed first appointments to follow up" sinceLabel="Missed appointment" showSite={showSite} sortHref={sortHref("dnaDir", "referrals-dna")} dir={dirs.dnaDir} />
          )}
        </section>
      )}
    </>
  );
}
