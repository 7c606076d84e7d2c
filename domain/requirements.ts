/**
 * Community order treatment requirements (MHTR, DRR, ATR): whether a requirement's status and
 * dates agree, and when a DRR's court reviews are due (DOMAIN.md "Community order treatment
 * requirements"). Pure: "today" is always passed in.
 */
import { requirementMessages } from "./messages";
import type { RequirementKind } from "./people";
import type { RequirementStatus } from "./referrals";

/** A requirement runs for 1 to 36 months: a community order lasts at most three years. */
export const REQUIREMENT_MIN_MONTHS = 1;
export const REQUIREMENT_MAX_MONTHS = 36;

/** Court reviews of a DRR are mandatory when it lasts more than this many months. */
export const DRR_REVIEW_THRESHOLD_MONTHS = 12;

const pad = (n: number) => String(n).padStart(2, "0");

/**
 * An ISO date plus whole months, kept within the month it lands in: 31 January plus one month is
 * 28 February (29 in a leap year). Always count from the same starting date (start + 2 months,
 * not (start + 1 month) + 1 month), or the 31st drifts to the 28th for good.
 */
export function addMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12; // 0 = January
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return `${year}-${pad(month + 1)}-${pad(Math.min(d, lastDay))}`;
}

/** The order's end: the date it was made plus its length; null while either is not known. */
export function requirementEndsOn(madeOn: string | null, lengthMonths: number | null): string | null {
  return madeOn && lengthMonths ? addMonths(madeOn, lengthMonths) : null;
}

/** A DRR lasting more than 12 months must be reviewed by the court; exactly 12 months need not be. */
export function reviewsMandatory(kind: RequirementKind, lengthMonths: number | null): boolean {
  return kind === "DRR" && lengthMonths !== null && lengthMonths > DRR_REVIEW_THRESHOLD_MONTHS;
}

export type ReviewSchedule = {
  /** Court reviews are mandatory for this requirement. */
  required: boolean;
  /** When the next review is due; null when none is (not mandatory, dates not known yet, or the order has ended). */
  nextDueOn: string | null;
  /** The next review's due date has passed without a review. */
  overdue: boolean;
  /** Monthly reviews that did not take place, over the whole order so far. */
  missed: number;
};

/**
 * When a DRR's court reviews are due. Assumptions (DOMAIN.md says "at least monthly"; the statute
 * leaves the schedule to the court):
 * - The first review is due one calendar month after the order was made; when the order date is
 *   not recorded, one month after treatment started.
 * - After each review the next is due one calendar month later (a rolling month, so a review held
 *   early or late moves the next one with it). Months are calendar months clamped to the month's
 *   end: an order made on 31 January is first due for review on 28 (or 29) February.
 * - A review is due on its date and overdue from the day after.
 * - "Missed": every monthly due date that passed with no review by then, whether or not a review
 *   was held later (a review four days late still means one month went unreviewed).
 * - No review is due on or after the order's end (made date plus its length) or, if it ended early
 *   (completed or breached), its end date; missed reviews before then still count.
 * - Reviews dated on or before the order date, or after today, are ignored.
 */
export function reviewSchedule({
  kind,
  lengthMonths,
  madeOn,
  treatmentStartedOn,
  reviews,
  today,
  endedOn = null,
}: {
  kind: RequirementKind;
  lengthMonths: number | null;
  madeOn: string | null;
  treatmentStartedOn: string | null;
  reviews: readonly string[];
  today: string;
  endedOn?: string | null;
}): ReviewSchedule {
  const required = reviewsMandatory(kind, lengthMonths);
  const anchor = madeOn ?? treatmentStartedOn;
  if (!required || lengthMonths === null || !anchor) return { required, nextDueOn: null, overdue: false, missed: 0 };

  const orderEnd = addMonths(anchor, lengthMonths);
  const cutoff = endedOn && endedOn < orderEnd ? endedOn : orderEnd;
  const held = [...new Set(reviews)].filter((r) => r > anchor && r <= today).sort();

  /** Due dates after `from` (a month apart) that fell before `to` and before the order's end. */
  const dueDatesBefore = (from: string, to: string): number => {
    let n = 0;
    for (let k = 1; ; k++) {
      const due = addMonths(from, k);
      if (due >= to || due >= cutoff) return n;
      n++;
    }
  };

  let missed = 0;
  let last = anchor;
  for (const review of held) {
    missed += dueDatesBefore(last, review);
    last = review;
  }
  missed += dueDatesBefore(last, today);

  const next = addMonths(last, 1);
  const nextDueOn = today < cutoff && next < cutoff ? next : null;
  return { required, nextDueOn, overdue: nextDueOn !== null && nextDueOn < today, missed };
}

/** What the requirement form records; a null is a blank field. */
export type RequirementState = {
  /** null when no valid status was chosen: the rules that depend on it are skipped. */
  status: RequirementStatus | null;
  suitabilityAssessedOn: string | null;
  suitable: boolean | null;
  madeOn: string | null;
  lengthMonths: number | null;
  provider: string | null;
  treatmentStartedOn: string | null;
  endedOn: string | null;
};
export type RequirementField = keyof RequirementState;

/** How far along the path each status is: proposed, assessed, ordered, started, ended. */
const stage: Record<RequirementStatus, number> = {
  proposed: 0,
  assessed_suitable: 1,
  assessed_unsuitable: 1,
  ordered: 2,
  started: 3,
  completed: 4,
  breached: 4,
};

export const REQUIREMENT_ENDED_STATUSES: readonly RequirementStatus[] = ["completed", "breached"];

/** A requirement still in progress (a new one of the same kind would be a duplicate). */
export function requirementIsOpen(status: RequirementStatus): boolean {
  return status !== "completed" && status !== "breached" && status !== "assessed_unsuitable";
}

/**
 * Whether the status and dates agree, as field messages (empty when they do). The court needs an
 * assessment that treatment is suitable and treatment arranged with a named provider, so an order
 * needs its date, length and provider, and cannot follow an assessment that found it unsuitable.
 * Treatment cannot start before the order is made; completed and breached need the date it ended;
 * and no date can come before the order it belongs to.
 */
export function requirementProblems(r: RequirementState): Partial<Record<RequirementField, string>> {
  const problems: Partial<Record<RequirementField, string>> = {};
  const add = (field: RequirementField, message: string) => {
    problems[field] ??= message;
  };
  const m = requirementMessages;

  if (r.suitable !== null && !r.suitabilityAssessedOn) add("suitabilityAssessedOn", m.assessedOnNeeded);
  if (r.suitabilityAssessedOn && r.suitable === null) add("suitable", m.suitableNeeded);

  if (r.status !== null) {
    const at = stage[r.status];
    if (r.status === "assessed_suitable" || r.status === "assessed_unsuitable") {
      if (r.suitable === null) add("suitable", m.suitableNeeded);
      else if (r.suitable !== (r.status === "assessed_suitable")) add("suitable", m.suitableMismatch);
      if (!r.suitabilityAssessedOn) add("suitabilityAssessedOn", m.assessedOnNeeded);
    }
    if (at >= stage.ordered) {
      if (!r.madeOn) add("madeOn", m.madeOnNeeded);
      if (r.lengthMonths === null) add("lengthMonths", m.lengthNeeded);
      if (!r.provider) add("provider", m.providerNeeded);
      if (r.suitable === false) add("suitable", m.orderedButUnsuitable);
    } else if (r.madeOn) {
      add("madeOn", m.madeOnTooEarly);
    }
    // Breach can come before treatment starts (not turning up for it); completion cannot.
    if ((r.status === "started" || r.status === "completed") && !r.treatmentStartedOn) add("treatmentStartedOn", m.startedOnNeeded);
    if (at < stage.started && r.treatmentStartedOn) add("treatmentStartedOn", m.startedOnTooEarly);
    if (at === stage.completed) {
      if (!r.endedOn) add("endedOn", r.status === "completed" ? m.completedOnNeeded : m.breachedOnNeeded);
    } else if (r.endedOn) {
      add("endedOn", m.endedOnTooEarly);
    }
  }

  if (r.madeOn) {
    if (r.suitabilityAssessedOn && r.suitabilityAssessedOn > r.madeOn) add("suitabilityAssessedOn", m.assessedAfterOrder);
    if (r.treatmentStartedOn && r.treatmentStartedOn < r.madeOn) add("treatmentStartedOn", m.startedBeforeOrder);
    if (r.endedOn && r.endedOn < r.madeOn) add("endedOn", m.endedBeforeOrder);
  }
  if (r.treatmentStartedOn && r.endedOn && r.endedOn < r.treatmentStartedOn) add("endedOn", m.endedBeforeStart);
  return problems;
}
