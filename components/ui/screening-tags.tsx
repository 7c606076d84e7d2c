import { Tag, type TagTone } from "@/components/ui/tag";
import { screeningStatusLabels, type RecordedScreeningStatus } from "@/domain/health";
import type { EligibilityStatus } from "@/domain/screening";

const eligibilityTags: Record<EligibilityStatus, { label: string; tone: TagTone }> = {
  not_eligible: { label: "Not eligible", tone: "grey" },
  due: { label: "Due", tone: "yellow" },
  overdue: { label: "Overdue", tone: "red" },
  up_to_date: { label: "Up to date", tone: "green" },
};

const recordedTones: Record<RecordedScreeningStatus, TagTone> = {
  discussed: "blue",
  booked: "purple",
  attended: "green",
  declined: "grey",
  result_received: "green",
};

export function EligibilityTag({ status }: { status: EligibilityStatus }) {
  return <Tag tone={eligibilityTags[status].tone}>{eligibilityTags[status].label}</Tag>;
}

export function RecordedStatusTag({ status }: { status: RecordedScreeningStatus | null }) {
  if (!status) return <span className="text-muted">Nothing recorded</span>;
  return <Tag tone={recordedTones[status]}>{screeningStatusLabels[status]}</Tag>;
}
