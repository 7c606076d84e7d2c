import { Tag, type TagTone } from "@/components/ui/tag";
import { referralStatusLabels, referralUrgencyLabels, type ReferralStatus, type ReferralUrgency } from "@/domain/referrals";

const tones: Record<ReferralStatus, TagTone> = {
  draft: "grey",
  sent: "blue",
  accepted: "purple",
  rejected: "yellow",
  appointment_booked: "purple",
  attended: "green",
  did_not_attend: "red",
  completed: "green",
  closed: "grey",
};

/** A referral's status, for the clinicians' pages and probation's (the status is what probation may see). */
export function ReferralStatusTag({ status }: { status: ReferralStatus }) {
  return <Tag tone={tones[status]}>{referralStatusLabels[status]}</Tag>;
}

export function UrgencyTag({ urgency }: { urgency: ReferralUrgency }) {
  if (urgency === "routine") return <span>{referralUrgencyLabels.routine}</span>;
  return <Tag tone={urgency === "urgent" ? "red" : "yellow"}>{referralUrgencyLabels[urgency]}</Tag>;
}

/** "3 working days", or a dash once the referral is finished. */
export function DaysWaiting({ days }: { days: number | null }) {
  if (days === null) return <span className="text-muted">–</span>;
  return <>{days === 1 ? "1 working day" : `${days} working days`}</>;
}
