import { formatDate, formatDateTime } from "@/domain/dates";
import { screeningProgrammeLabels, type ScreeningProgramme } from "@/domain/health";
import { healthMessages } from "@/domain/messages";
import { SummaryList } from "./summary-list";
import { Tag } from "./tag";

type Status =
  | { shared: false }
  | { shared: true; gpRegistered: boolean | null; screenings: { programme: ScreeningProgramme; status: "booked" | "attended"; on: string | null }[]; lastHealthCheckOn: Date | null };

/** The health card a probation officer sees: statuses only, never clinical detail. */
export function ProbationHealthStatusCard({ status }: { status: Status }) {
  return (
    <section aria-labelledby="health-status-heading" className="card">
      <h2 id="health-status-heading" className="h2">
        Health hub status
      </h2>
      {!status.shared ? (
        <p>{healthMessages.noSharingConsent}</p>
      ) : (
        <SummaryList
          rows={[
            {
              key: "Registered with a GP",
              value: status.gpRegistered === null ? <span className="text-muted">Not recorded yet</span> : status.gpRegistered ? <Tag tone="green">Yes</Tag> : <Tag tone="yellow">No</Tag>,
            },
            { key: "Health check", value: status.lastHealthCheckOn ? `Done on ${formatDateTime(status.lastHealthCheckOn)}` : <span className="text-muted">Not done yet</span> },
            {
              key: "Screening",
              value: status.screenings.length ? (
                <ul className="list-none">
                  {status.screenings.map((s) => (
                    <li key={s.programme}>
                      {screeningProgrammeLabels[s.programme]}: {s.status === "booked" ? "booked" : "attended"}
                      {s.on ? ` (${formatDate(s.on)})` : ""}
                    </li>
                  ))}
                </ul>
              ) : (
                <span className="text-muted">None booked or attended</span>
              ),
            },
          ]}
        />
      )}
    </section>
  );
}
