import { Tag, type TagTone } from "@/components/ui/tag";
import { formatDate } from "@/domain/dates";
import { requirementStatusLabels, type RequirementStatus } from "@/domain/referrals";
import type { ReviewSchedule } from "@/domain/requirements";

const tones: Record<RequirementStatus, TagTone> = {
  proposed: "grey",
  assessed_suitable: "blue",
  assessed_unsuitable: "grey",
  ordered: "purple",
  started: "blue",
  completed: "green",
  breached: "red",
};

export function RequirementStatusTag({ status }: { status: RequirementStatus }) {
  return <Tag tone={tones[status]}>{requirementStatusLabels[status]}</Tag>;
}

/**
 * Court reviews of a DRR over 12 months: when the next is due, whether it is overdue, and how many
 * were missed. `dated`: the order date (or the treatment start) is known, so a schedule exists.
 */
export function ReviewDue({ schedule, dated }: { schedule: ReviewSchedule; dated: boolean }) {
  if (!schedule.required) return null;
  const missed = schedule.missed > 0 && (
    <span className="block text-sm">
      {schedule.missed === 1 ? "1 monthly review missed" : `${schedule.missed} monthly reviews missed`}
    </span>
  );
  if (!dated) return <span className="text-muted">Court reviews are mandatory: record the date the order was made to see when they are due</span>;
  if (!schedule.nextDueOn) {
    return (
      <>
        <span>No further review due</span>
        {missed}
      </>
    );
  }
  return (
    <>
      {schedule.overdue ? (
        <span className="flex flex-wrap items-center gap-2">
          <Tag tone="red">Overdue</Tag> was due {formatDate(schedule.nextDueOn)}
        </span>
      ) : (
        <span>Next due {formatDate(schedule.nextDueOn)}</span>
      )}
      {missed}
    </>
  );
}
