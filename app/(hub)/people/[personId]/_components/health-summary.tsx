import Link from "next/link";
import { ConsentStateTag } from "@/components/ui/consent-state-tag";
import { EligibilityTag, RecordedStatusTag } from "@/components/ui/screening-tags";
import { SummaryList } from "@/components/ui/summary-list";
import { Table, Td, Th } from "@/components/ui/table";
import { Tag } from "@/components/ui/tag";
import { formatDate, formatDateTime, toLondon } from "@/domain/dates";
import { alertKindLabels, consentKindLabels, consentKinds, gpStatusLabels, screeningProgrammeLabels } from "@/domain/health";
import { listOpenAlertsForPerson } from "@/server/alerts/queries";
import type { Ctx } from "@/server/context";
import { getConsentOverview } from "@/server/consent/queries";
import { getGpRegistration } from "@/server/gp/queries";
import { getHealthHistory } from "@/server/health-checks/queries";
import { forPage } from "@/server/page-guard";
import { getScreeningOverview } from "@/server/screening/queries";

const dash = <span className="text-muted">–</span>;
const score = (n: number | null) => (n === null ? dash : n);

/** The clinician's view of a person's health: consent, alerts, latest scores and their trend, GP, screening. */
export async function HealthSummary({ ctx, personId }: { ctx: Ctx; personId: string }) {
  const [consent, history, gp, screening, alerts] = await Promise.all([
    forPage(getConsentOverview({ ctx, personId })),
    forPage(getHealthHistory({ ctx, personId })),
    forPage(getGpRegistration({ ctx, personId })),
    forPage(getScreeningOverview({ ctx, personId })),
    forPage(listOpenAlertsForPerson({ ctx, personId })),
  ]);
  const hubCare = consent.current.hub_care.state === "given";
  const latest = history.completed[0];
  const attention = screening.programmes.filter((p) => p.eligibility.status === "due" || p.eligibility.status === "overdue" || p.recordedStatus);

  return (
    <section aria-labelledby="health-heading" className="card">
      <h2 id="health-heading" className="h2">
        Health record
      </h2>

      {alerts.length > 0 && (
        <div className="mb-6 border-l-8 border-danger bg-[#fde8e6] p-4" role="region" aria-label="Open alerts">
          <h3 className="h3">Open alerts</h3>
          <ul className="list-none space-y-1">
            {alerts.map((a) => (
              <li key={a.alertId}>
                <Link href={`/alerts/${a.alertId}`} className="font-semibold">
                  {alertKindLabels[a.kind]}
                </Link>{" "}
                <span className="text-muted">raised {formatDateTime(a.raisedAt)}</span>
              </li>
            ))}
          </ul>
        </div>
      )}

      <h3 className="h3">Consent</h3>
      <SummaryList
        rows={consentKinds.map((k) => ({
          key: consentKindLabels[k],
          value: (
            <>
              <ConsentStateTag state={consent.current[k].state} />
              {consent.current[k].consent && <span className="ml-2 text-muted">{formatDate(consent.current[k].consent?.withdrawnOn ?? consent.current[k].consent?.decidedOn ?? "")}</span>}
            </>
          ),
          change: { href: `/people/${personId}/consent`, label: `consent: ${consentKindLabels[k]}` },
        }))}
      />

      <div className="mb-6 flex flex-wrap items-baseline justify-between gap-4">
        <h3 className="h3">Health checks</h3>
        {hubCare &&
          (history.draft ? (
            <Link href={`/health-checks/${history.draft.id}`} className="btn">
              Continue health check
            </Link>
          ) : (
            <Link href={`/people/${personId}/health-checks/new`} className="btn">
              Start a health check
            </Link>
          ))}
      </div>
      {!hubCare && <p className="mb-4">Record consent to care from the hub before starting a health check.</p>}
      {history.draft && <p className="mb-4">A health check is in progress, last saved {formatDateTime(history.draft.updatedAt)}.</p>}
      {history.completed.length === 0 ? (
        <p className="mb-6 text-muted">No completed health checks yet.</p>
      ) : (
        <Table
          caption={<span className="text-base font-normal">Scores over time, newest first{latest ? `: latest ${formatDate(toLondon(latest.completedAt).date)}` : ""}</span>}
          head={
            <>
              <Th>Completed</Th>
              <Th>PHQ-9</Th>
              <Th>GAD-7</Th>
              <Th>AUDIT-C</Th>
              <Th>AUDIT</Th>
              <Th>Smoking (HSI)</Th>
              <Th>BMI</Th>
            </>
          }
        >
          {history.completed.map((c) => (
            <tr key={c.id}>
              <Td>
                <Link href={`/health-checks/${c.id}/result`}>{formatDateTime(c.completedAt)}</Link>
              </Td>
              <Td>{score(c.phq9Score)}</Td>
              <Td>{score(c.gad7Score)}</Td>
              <Td>
                {score(c.auditCScore)}
                {c.auditCPositive ? <span className="ml-1 text-sm">(positive)</span> : null}
              </Td>
              <Td>{score(c.auditScore)}</Td>
              <Td>
                {c.smokingStatus === "current" ? `Smokes${c.hsiScore === null ? "" : ` (${c.hsiScore})`}` : c.smokingStatus === "ex" ? "Ex-smoker" : c.smokingStatus === "never" ? "Never" : dash}
              </Td>
              <Td>{c.bmi ?? dash}</Td>
            </tr>
          ))}
        </Table>
      )}

      <h3 className="h3">GP registration</h3>
      <SummaryList
        rows={[
          {
            key: "Now",
            value: gp.current ? (
              <>
                {gp.current.status === "registered" ? <Tag tone="green">Registered</Tag> : <Tag tone="yellow">{gpStatusLabels[gp.current.status]}</Tag>}
                {gp.current.practiceName && <span className="ml-2">{gp.current.practiceName} ({gp.current.odsCode})</span>}
              </>
            ) : (
              <span className="text-muted">Not recorded</span>
            ),
            change: { href: `/people/${personId}/gp-registration`, label: "GP registration" },
          },
          { key: "At enrolment", value: gp.atEnrolment ? gpStatusLabels[gp.atEnrolment.status] : <span className="text-muted">Not recorded</span> },
        ]}
      />

      <div className="flex flex-wrap items-baseline justify-between gap-4">
        <h3 className="h3">Screening</h3>
        <Link href={`/people/${personId}/screening`}>All screening programmes</Link>
      </div>
      {attention.length === 0 ? (
        <p className="text-muted">Nothing due and nothing recorded.</p>
      ) : (
        <SummaryList
          rows={attention.map((p) => ({
            key: screeningProgrammeLabels[p.programme],
            value: (
              <span className="flex flex-wrap gap-2">
                <EligibilityTag status={p.eligibility.status} />
                <RecordedStatusTag status={p.recordedStatus} />
                {p.recordedStatus === "booked" && p.bookedFor && <span>for {formatDate(p.bookedFor)}</span>}
              </span>
            ),
            change: { href: `/people/${personId}/screening/${p.programme}`, label: screeningProgrammeLabels[p.programme] },
          }))}
        />
      )}
    </section>
  );
}
