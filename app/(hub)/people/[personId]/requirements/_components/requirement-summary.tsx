import type { SummaryRow } from "@/components/ui/summary-list";
import { formatDate, formatDateTime } from "@/domain/dates";
import type { RequirementView } from "@/server/requirements/queries";
import { RequirementStatusTag, ReviewDue } from "./requirement-tags";

const notRecorded = <span className="text-muted">Not recorded</span>;

/** The summary-list rows for one requirement; `full` adds the note and when it was last changed. */
export function requirementRows(r: RequirementView, { full }: { full: boolean }): SummaryRow[] {
  const rows: SummaryRow[] = [
    { key: "Status", value: <RequirementStatusTag status={r.status} /> },
    {
      key: "Suitability assessment",
      value: r.suitabilityAssessedOn ? `${formatDate(r.suitabilityAssessedOn)}: ${r.suitable === false ? "not suitable" : r.suitable ? "suitable" : "outcome not recorded"}` : notRecorded,
    },
    {
      key: "Order made",
      value: r.madeOn ? (
        <>
          {formatDate(r.madeOn)}
          {r.lengthMonths !== null && <span className="block">{r.lengthMonths === 1 ? "1 month" : `${r.lengthMonths} months`}{r.endsOn && `, ending ${formatDate(r.endsOn)}`}</span>}
        </>
      ) : r.lengthMonths !== null ? (
        <span className="text-muted">Not made yet ({r.lengthMonths} months proposed)</span>
      ) : (
        notRecorded
      ),
    },
    { key: "Treatment provider", value: r.provider ?? notRecorded },
    { key: "Treatment started", value: r.treatmentStartedOn ? formatDate(r.treatmentStartedOn) : notRecorded },
  ];
  if (r.endedOn) rows.push({ key: r.status === "breached" ? "Breached" : "Completed", value: formatDate(r.endedOn) });
  if (r.schedule.required) rows.push({ key: "Court reviews", value: <ReviewDue schedule={r.schedule} dated={Boolean(r.madeOn ?? r.treatmentStartedOn)} /> });
  if (r.reviews.length > 0) {
    const [latest] = r.reviews;
    rows.push({
      key: "Reviews held",
      value: `${r.reviews.length}${latest ? `, latest ${formatDate(latest.reviewedOn)}` : ""}`,
    });
  }
  if (full) {
    if (r.note) rows.push({ key: "Note", value: <span className="whitespace-pre-line">{r.note}</span> });
    rows.push({ key: "Last updated", value: formatDateTime(r.updatedAt) });
  }
  return rows;
}
