/**
 * Who is eligible for which screening programme, and whether they are due (DOMAIN.md, "Screening
 * programmes", England). Pure: the caller passes today's London date, the facts from the person's
 * record (date of birth, sex registered at GP, smoking history from the latest health check) and
 * the last test in each programme. What the hub has done about a programme (booked, attended...)
 * is recorded elsewhere; this works out only "not eligible", "due", "overdue" and "up to date".
 *
 * Assumptions, where the national rules leave a choice to the hub:
 * - "Overdue" means still not tested OVERDUE_AFTER_MONTHS months after the due date. This is a hub
 *   convention for prioritising people, not a national definition.
 * - Age limits are birthdays: "aged 50 to 74" runs from the 50th birthday to the day before the
 *   75th. A date that a later month or year lacks (29 February in a non-leap year, 31 March plus 6
 *   months) falls on the 1st of the following month, as ageOn treats 29 February birthdays.
 * - When the next routine test would fall on or after the upper age limit, there is no next due
 *   date (nextDueOn null) and the person stays "up to date" until they age out.
 * - A last test taken before the person became eligible never makes them due before the date they
 *   became eligible.
 */
import { ageOn, dateParts, daysInMonth, formatDate, isRealDate } from "./dates";
import type { ScreeningProgramme } from "./health";
import type { EthnicGroup, SexRegisteredAtGp } from "./people";

export type SmokingHistory = "current" | "ex" | "never" | "unknown";

export type EligibilityInput = {
  /** ISO date. */
  dateOfBirth: string;
  sexRegisteredAtGp: SexRegisteredAtGp;
  /** Only used for the prostate higher-risk note (Black men). */
  ethnicGroup?: EthnicGroup;
  /** From the latest health check. */
  smokingHistory: SmokingHistory;
  /** ISO date of the last test in this programme (for prostate, the last PSA discussion). */
  lastTestOn: string | null;
  /** Cervical only: whether the last result was HPV negative. */
  lastResultHpvNegative?: boolean | null;
  /** ISO date, today in London. */
  today: string;
};

export type EligibilityStatus = "not_eligible" | "due" | "overdue" | "up_to_date";

export type Eligibility = {
  programme: ScreeningProgramme;
  eligible: boolean;
  status: EligibilityStatus;
  nextDueOn: string | null;
  /** A short plain-English sentence for the clinician. */
  reason: string;
};

/** Hub convention, not national policy: due for this many months, then overdue. */
export const OVERDUE_AFTER_MONTHS = 6;

/** Results taken from this date in people aged 25 to 49 that are HPV negative move recall to 5 years. */
const CERVICAL_HPV_FIVE_YEAR_FROM = "2025-07-01";

function iso(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** The same day `months` later; a day the target month lacks falls on the 1st of the next month. */
function addMonths(date: string, months: number): string {
  const [y, m, d] = dateParts(date);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  if (d <= daysInMonth(year, month)) return iso(year, month, d);
  return month === 12 ? iso(year + 1, 1, 1) : iso(year, month + 1, 1);
}

function addYears(date: string, years: number): string {
  return addMonths(date, years * 12);
}

function later(a: string, b: string): string {
  return a > b ? a : b;
}

function statusOn(nextDueOn: string, today: string): EligibilityStatus {
  if (today < nextDueOn) return "up_to_date";
  if (today < addMonths(nextDueOn, OVERDUE_AFTER_MONTHS)) return "due";
  return "overdue";
}

function notEligible(programme: ScreeningProgramme, reason: string): Eligibility {
  return { programme, eligible: false, status: "not_eligible", nextDueOn: null, reason };
}

function eligibleFrom(programme: ScreeningProgramme, nextDueOn: string, today: string, reason: string): Eligibility {
  return { programme, eligible: true, status: statusOn(nextDueOn, today), nextDueOn, reason };
}

/**
 * A programme with a routine recall: due at the start age if never tested, otherwise the interval
 * after the last test; no next date once that would reach the upper age limit.
 */
function recall(
  programme: ScreeningProgramme,
  input: EligibilityInput,
  limits: { fromAge: number; untilAge: number },
  intervalYears: number,
  reasons: { eligible: string; lastRoutine: string },
): Eligibility {
  const startOn = addYears(input.dateOfBirth, limits.fromAge);
  if (input.lastTestOn === null) return eligibleFrom(programme, startOn, input.today, reasons.eligible);
  const nextDueOn = later(addYears(input.lastTestOn, intervalYears), startOn);
  if (nextDueOn >= addYears(input.dateOfBirth, limits.untilAge)) {
    return { programme, eligible: true, status: "up_to_date", nextDueOn: null, reason: reasons.lastRoutine };
  }
  return eligibleFrom(programme, nextDueOn, input.today, reasons.eligible);
}

function bowel(input: EligibilityInput): Eligibility {
  const age = ageOn(input.dateOfBirth, input.today);
  if (age < 50) return notEligible("bowel", "Bowel screening is for everyone aged 50 to 74: not yet 50.");
  if (age >= 75) {
    return notEligible("bowel", "Bowel screening invitations stop at 75; people aged 75 or over can ask for a home test kit every 2 years through the bowel cancer screening helpline.");
  }
  return recall("bowel", input, { fromAge: 50, untilAge: 75 }, 2, {
    eligible: "Aged 50 to 74: a home test kit every 2 years.",
    lastRoutine: "Aged 50 to 74, but the next kit would fall after the 75th birthday: no further invitation.",
  });
}

function breast(input: EligibilityInput): Eligibility {
  if (input.sexRegisteredAtGp !== "female") {
    return notEligible("breast", "Breast screening invitations follow the GP record, which is not registered female; anyone with breast tissue can ask their GP about screening.");
  }
  const age = ageOn(input.dateOfBirth, input.today);
  if (age < 50) return notEligible("breast", "Breast screening is for women aged 50 up to their 71st birthday: not yet 50.");
  if (age >= 71) {
    return notEligible("breast", "Breast screening invitations stop at the 71st birthday; women aged 71 or over can ask their local breast screening service for a screen every 3 years.");
  }
  return recall("breast", input, { fromAge: 50, untilAge: 71 }, 3, {
    eligible: "Registered female at GP, aged 50 up to the 71st birthday: screening every 3 years.",
    lastRoutine: "Registered female at GP, but the next screen would fall after the 71st birthday: no further invitation.",
  });
}

/** The recall set by the last test: by age at that test, and from July 2025 by its HPV result. */
function cervicalRecall(input: EligibilityInput): { years: number; why: string } {
  if (input.lastTestOn === null) return { years: 3, why: "no test recorded" };
  if (ageOn(input.dateOfBirth, input.lastTestOn) >= 50) return { years: 5, why: "tested every 5 years from 50 to 64" };
  if (input.lastResultHpvNegative === true && input.lastTestOn >= CERVICAL_HPV_FIVE_YEAR_FROM) {
    return { years: 5, why: "next test 5 years after an HPV-negative result taken from 1 July 2025" };
  }
  return { years: 3, why: "tested every 3 years from 25 to 49" };
}

function cervical(input: EligibilityInput): Eligibility {
  if (input.sexRegisteredAtGp !== "female") {
    return notEligible("cervical", "Cervical screening invitations follow the GP record, which is not registered female; anyone with a cervix aged 25 to 64 can ask their GP for a test.");
  }
  const age = ageOn(input.dateOfBirth, input.today);
  if (age < 25) return notEligible("cervical", "Cervical screening is for people with a cervix aged 25 to 64: not yet 25.");
  if (age >= 65) return notEligible("cervical", "Cervical screening invitations stop at the 65th birthday, unless a recent test was abnormal.");
  const { years, why } = cervicalRecall(input);
  return recall("cervical", input, { fromAge: 25, untilAge: 65 }, years, {
    eligible: `Registered female at GP, aged 25 to 64: ${why}.`,
    lastRoutine: "Registered female at GP, but the next test would fall after the 65th birthday: no further routine invitation.",
  });
}

/**
 * AAA screening is offered once, in the calendar year a man turns 65, so "became eligible" is
 * 1 January of that year. Men over 65 who were never screened can self-refer; nobody will invite
 * them, so the hub shows them as due rather than overdue.
 */
function aaa(input: EligibilityInput): Eligibility {
  if (input.sexRegisteredAtGp !== "male") {
    return notEligible("aaa", "AAA screening invitations follow the GP record and go to men registered male.");
  }
  if (input.lastTestOn !== null) {
    return notEligible("aaa", `Already screened for AAA on ${formatDate(input.lastTestOn)}: the screen is offered once only.`);
  }
  const yearTurning65 = dateParts(input.dateOfBirth)[0] + 65;
  const thisYear = dateParts(input.today)[0];
  const startOn = iso(yearTurning65, 1, 1);
  if (thisYear < yearTurning65) {
    return notEligible("aaa", `AAA screening is offered to men in the year they turn 65 (${yearTurning65}).`);
  }
  if (thisYear === yearTurning65) {
    return eligibleFrom("aaa", startOn, input.today, "Turns 65 this year: AAA screening is offered once, in the year a man turns 65.");
  }
  return { programme: "aaa", eligible: true, status: "due", nextDueOn: startOn, reason: "Over 65 and never screened: can self-refer to the local AAA screening service." };
}

function lung(input: EligibilityInput): Eligibility {
  const age = ageOn(input.dateOfBirth, input.today);
  if (age < 55 || age >= 75) {
    return notEligible("lung", "The targeted lung health check is for people aged 55 to 74 who smoke or used to smoke.");
  }
  switch (input.smokingHistory) {
    case "never":
      return notEligible("lung", "Never smoked: the targeted lung health check is for current and former smokers.");
    case "unknown":
      return notEligible("lung", "Smoking history needed: record it in the health check to see whether a lung health check is due.");
    case "current":
    case "ex":
      return recall("lung", input, { fromAge: 55, untilAge: 75 }, 2, {
        eligible: `Aged 55 to 74 and ${input.smokingHistory === "current" ? "smokes" : "used to smoke"}: a lung health check every 2 years.`,
        lastRoutine: "Aged 55 to 74, but the next check would fall after the 75th birthday: no further invitation.",
      });
  }
}

/**
 * There is no national prostate screening programme: men 50 and over may ask for a PSA test after
 * an informed discussion. Treated as a one-off: due until a discussion is recorded, then up to date.
 */
function prostate(input: EligibilityInput): Eligibility {
  if (input.sexRegisteredAtGp !== "male") {
    return notEligible("prostate", "No national prostate screening programme; the PSA discussion here follows the GP record (registered male), but anyone with a prostate can ask their GP about a PSA test.");
  }
  if (ageOn(input.dateOfBirth, input.today) < 50) {
    return notEligible("prostate", "No national prostate screening programme; men aged 50 or over can ask for a PSA test after an informed discussion.");
  }
  const risk =
    input.ethnicGroup === "black"
      ? "Higher risk as a Black man, and higher again with a family history of prostate cancer."
      : "Higher risk for Black men and men with a family history of prostate cancer.";
  const base = "No national programme: men aged 50 or over can ask for a PSA test after an informed discussion.";
  if (input.lastTestOn !== null) {
    return { programme: "prostate", eligible: true, status: "up_to_date", nextDueOn: null, reason: `${base} Discussion recorded on ${formatDate(input.lastTestOn)}. ${risk}` };
  }
  return { programme: "prostate", eligible: true, status: "due", nextDueOn: addYears(input.dateOfBirth, 50), reason: `${base} ${risk}` };
}

const rules: Record<ScreeningProgramme, (input: EligibilityInput) => Eligibility> = { bowel, breast, cervical, aaa, lung, prostate };

export function screeningEligibility(programme: ScreeningProgramme, input: EligibilityInput): Eligibility {
  if (!isRealDate(input.dateOfBirth)) throw new RangeError(`dateOfBirth is not a real ISO date: ${input.dateOfBirth}`);
  if (!isRealDate(input.today)) throw new RangeError(`today is not a real ISO date: ${input.today}`);
  if (input.lastTestOn !== null && !isRealDate(input.lastTestOn)) throw new RangeError(`lastTestOn is not a real ISO date: ${input.lastTestOn}`);
  return rules[programme](input);
}

export function allScreeningEligibility(
  input: Omit<EligibilityInput, "lastTestOn" | "lastResultHpvNegative">,
  lastTests: Partial<Record<ScreeningProgramme, { lastTestOn: string | null; lastResultHpvNegative?: boolean | null }>>,
): Record<ScreeningProgramme, Eligibility> {
  const one = (programme: ScreeningProgramme) => {
    const last = lastTests[programme];
    return screeningEligibility(programme, { ...input, lastTestOn: last?.lastTestOn ?? null, lastResultHpvNegative: last?.lastResultHpvNegative ?? null });
  };
  return { bowel: one("bowel"), breast: one("breast"), cervical: one("cervical"), aaa: one("aaa"), lung: one("lung"), prostate: one("prostate") };
}
