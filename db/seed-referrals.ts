/**
 * Demo referrals, "please see" requests and treatment-requirement tracking for the seeded people.
 * Called by seedDemoData inside its transaction, once health records and the services directory
 * are written: it reads back what it builds on (consent in force, each person's latest completed
 * health check, GP status, the services at each site, the requirement rows) because their ids come
 * from the database.
 *
 * Written the way the app would have written them:
 * - A referral goes to an active service at the person's site, mostly in a category that
 *   domain/referral-suggestions.ts suggests from the latest completed health check, made on or
 *   after that check while consent to hub care is in force.
 * - Its history is built one step at a time through domain/referral-lifecycle.ts's transition(),
 *   so it is always a path the app allows; the step times on the row are then derived from that
 *   history as server/referrals/steps.ts sets them (first booking kept, first attendance is the
 *   appointment's start, and so on), and version counts the steps as the app does.
 * - Booking puts a health appointment of type referral_first_appointment on the person's timeline,
 *   as server/referrals/mutations.ts does; a missed one stays when the service rebooks.
 * - Each site gets what its worklists show: a referral sent 8 or more working days ago with no
 *   response, one accepted with no appointment booked, one whose first appointment was missed, one
 *   appointment coming up, and two or three open "please see" requests.
 * - Treatment requirements move from "order made" to where a real order would be by now, and DRRs
 *   over 12 months get their monthly court reviews, all but one kept up to date.
 *
 * Assumptions where DOMAIN.md is silent: steps happen on England and Wales working days (services
 * do not respond at weekends); a referral made without a suggestion is for housing, dental, sexual
 * health, sight or social care needs raised in conversation; suitability is assessed in the weeks
 * before sentence; court reviews sit on a working day on or just before the due date.
 *
 * Deterministic: mulberry32 streams seeded by REFERRAL_SEED with a CRN (and category) or a site,
 * never by a database id; every timestamp is set explicitly, and nothing but a booked first
 * appointment is dated on or after `today`.
 */
import { eq, sql } from "drizzle-orm";
import { currentConsent } from "@/domain/consent";
import { addDays, londonToUtc, toLondon } from "@/domain/dates";
import type { GpStatus } from "@/domain/health";
import type { HealthCheckScores } from "@/domain/health-check";
import type { RequirementKind } from "@/domain/people";
import { isTerminal, transition, type ReferralEvent } from "@/domain/referral-lifecycle";
import { suggestReferrals, type ReferralSuggestion } from "@/domain/referral-suggestions";
import type { ClosureReason, ReferralStatus, ReferralUrgency, RequirementStatus, SeeRequestReason, SeeRequestStatus, ServiceCategory } from "@/domain/referrals";
import { addMonths, requirementEndsOn, requirementProblems, reviewSchedule, reviewsMandatory } from "@/domain/requirements";
import { isWorkingDay } from "@/domain/working-days";
import type { Executor } from "./client";
import { appointments, consents, gpRegistrations, healthChecks, referralEvents, referrals, requirementReviews, seeRequests, services, treatmentRequirements } from "./schema";
import type { AppointmentPlan, PersonPlan, SiteCode } from "./seed";
import { Random, hashString } from "./seed-random";

const REFERRAL_SEED = 0x52_45_46_31; // "REF1"
const INSERT_CHUNK = 500;
/** Share of people with consent to hub care who have been referred somewhere. */
const REFERRED_SHARE = 0.35;
/** A referral tied to a health check is made within this many working days of it (a follow-up visit). */
const MAX_WORKING_DAYS_AFTER_CHECK = 40;
const FIRST_APPOINTMENT_MINUTES = 45;

// ---------------------------------------------------------------------------------------------
// Seeded randomness: db/seed-random.ts.

const stream = (key: string) => new Random((REFERRAL_SEED ^ hashString(key)) >>> 0);

// ---------------------------------------------------------------------------------------------
// Dates and times

// The plan steps through the calendar a great deal; these small caches keep it to map lookups.
const nextDays = new Map<string, string>();
const previousDays = new Map<string, string>();
const workingDays = new Map<string, boolean>();

function dayAfter(iso: string, step: 1 | -1): string {
  const cache = step === 1 ? nextDays : previousDays;
  let day = cache.get(iso);
  if (day === undefined) {
    day = addDays(iso, step);
    cache.set(iso, day);
  }
  return day;
}

function isWorking(iso: string): boolean {
  let working = workingDays.get(iso);
  if (working === undefined) {
    working = isWorkingDay(iso);
    workingDays.set(iso, working);
  }
  return working;
}

/** n working days after (n > 0) or before (n < 0) a date; 0 gives the date itself or the next working day. */
function addWorkingDays(iso: string, n: number): string {
  let d = iso;
  if (n === 0) {
    while (!isWorking(d)) d = dayAfter(d, 1);
    return d;
  }
  const step = n > 0 ? 1 : -1;
  for (let left = Math.abs(n); left > 0; ) {
    d = dayAfter(d, step);
    if (isWorking(d)) left--;
  }
  return d;
}

/** As domain/working-days.ts counts them: working days after `from`, up to and including `to`. */
function workingDaysFrom(from: string, to: string): number {
  let count = 0;
  for (let d = dayAfter(from, 1); d <= to; d = dayAfter(d, 1)) if (isWorking(d)) count++;
  return count;
}

/** The working day that, by `today`, has been waited on for exactly n working days. */
function workingDaysBefore(today: string, n: number): string {
  let d = today;
  for (let counted = 0; counted < n; d = dayAfter(d, -1)) if (isWorking(d)) counted++;
  return workingDayOnOrBefore(d);
}

function workingDayOnOrBefore(iso: string): string {
  let d = iso;
  while (!isWorking(d)) d = dayAfter(d, -1);
  return d;
}

function londonInstant(date: string, minutesAfterMidnight: number): Date {
  if (minutesAfterMidnight >= 24 * 60) throw new Error(`Seed: ${minutesAfterMidnight} minutes runs past midnight on ${date}`);
  const time = `${String(Math.floor(minutesAfterMidnight / 60)).padStart(2, "0")}:${String(minutesAfterMidnight % 60).padStart(2, "0")}`;
  const instant = londonToUtc(date, time);
  if (!instant) throw new Error(`No London instant for ${date} ${time}`);
  return instant;
}

const minutes = (instant: Date, n: number) => new Date(instant.getTime() + n * 60_000);
const londonDate = (instant: Date) => toLondon(instant).date;
const maxDate = (a: string, b: string) => (a > b ? a : b);
const laterOf = (a: Date, b: Date) => (a.getTime() >= b.getTime() ? a : b);
/** A time in office hours, on the quarter hour from 09:15 to `latestStart`. */
const officeTime = (rng: Random, latestStart = 16 * 60 + 30) => 9 * 60 + 15 * rng.int(1, Math.floor((latestStart - 9 * 60) / 15));

// ---------------------------------------------------------------------------------------------
// What the plan builds on, read back from the transaction

export type ReferralSeedInput = {
  today: string;
  people: readonly PersonPlan[];
  appointments: readonly AppointmentPlan[];
  /** Each site's clinicians, the site's own first. */
  clinicians: Record<SiteCode, readonly string[]>;
  /** Each site's probation officers: the duty officer for someone not yet allocated. */
  officers: Record<SiteCode, readonly string[]>;
};

export type ReferralSeedIds = {
  site: (code: SiteCode) => string;
  user: (email: string) => string;
  person: (crn: string) => string;
};

export type ReferralSeedSummary = {
  referrals: number;
  openReferrals: number;
  referralEvents: number;
  referralAppointments: number;
  seeRequests: number;
  openSeeRequests: number;
  trackedRequirements: number;
  requirementReviews: number;
};

type LatestCheck = { id: string; completedAt: Date; clinicianId: string; scores: HealthCheckScores };
type ServiceRow = { id: string; name: string; category: ServiceCategory };

type PersonFacts = {
  person: PersonPlan;
  personId: string;
  siteId: string;
  /** When the consent to hub care now in force was recorded; null when none is in force. */
  hubCareSince: Date | null;
  latestCheck: LatestCheck | null;
  /** GP status recorded by the time of the latest check (or latest of all without one). */
  gpStatus: GpStatus | null;
  /** Missed a health hub appointment in the last three months: a reason probation asks the hub to see them. */
  missedHealthAppointment: boolean;
};

type RequirementRow = { id: string; personId: string; kind: RequirementKind; madeOn: string | null; lengthMonths: number | null };

// ---------------------------------------------------------------------------------------------
// Referrals: the words

/** What the clinician adds to a suggestion's reason, once they have talked it through with the person. */
const reasonFollowOns: Partial<Record<ServiceCategory, readonly string[]>> = {
  stop_smoking: [
    "Wants to stop and agreed to a referral; interested in nicotine replacement therapy.",
    "Has tried to stop before without support; would like to try again with the service.",
    "Keen to switch to a vape as a way to stop; agreed to a referral for behavioural support.",
  ],
  talking_therapies: [
    "Low mood and worry affecting sleep and motivation; agreed to a referral for assessment.",
    "Would prefer telephone appointments at first; agreed to a referral.",
    "Worry about money and housing is a large part of this; open to talking therapy.",
  ],
  community_mental_health: [
    "Discussed with the person, who agreed to an assessment by the team; safety plan agreed today.",
    "Known to mental health services before custody; asked to be seen again.",
  ],
  drug_alcohol: [
    "Drinking most days; would like support to cut down.",
    "Agreed to an assessment with the service; would prefer morning appointments.",
  ],
  gp_primary_care: [
    "Needs a GP for repeat medication; the practice has been told no proof of address or ID is needed.",
    "Has had no GP since release; hub to support registration with the local practice.",
  ],
};

/** Referrals raised in conversation rather than by a score: category, weight, reasons. */
const conversationReferrals: readonly (readonly [ServiceCategory, number, readonly string[]])[] = [
  [
    "housing",
    45,
    [
      "No fixed address since release; staying with friends. Referred for a housing options assessment.",
      "At risk of losing current accommodation at the end of the month; needs housing advice.",
      "Sleeping in a car for the past fortnight; referred for help with emergency accommodation.",
    ],
  ],
  [
    "dental",
    25,
    [
      "Toothache for three weeks and not registered with a dentist; referred for urgent dental care.",
      "Broken tooth causing pain when eating; no NHS dentist.",
    ],
  ],
  ["sexual_health", 15, ["Asked for a sexual health check-up; prefers a walk-in clinic.", "Asked for contraception advice and testing."]],
  ["optometry", 8, ["Struggling to read letters and forms; no sight test for several years."]],
  ["social_care", 7, ["Struggling with daily living after a brain injury; referred for a care needs assessment."]],
];

const rejectionReasons: Partial<Record<ServiceCategory, readonly string[]>> = {
  gp_primary_care: ["Address outside the practice boundary; signposted to a practice nearer the person's accommodation"],
  talking_therapies: ["Needs are above what the service offers; advised a referral to the community mental health team"],
  community_mental_health: ["Does not meet the team's criteria at present; advised NHS Talking Therapies and GP follow-up"],
  drug_alcohol: ["Already open to the service through another referral", "Duplicate: already referred by the person's GP"],
  stop_smoking: ["The service asks people to self-refer; the person has been given the details"],
  housing: ["No local connection; signposted to the council for the last settled address"],
  dental: ["Not urgent enough for the urgent care line; given a list of practices taking NHS patients"],
};
const genericRejection = "Duplicate referral: the person is already on the service's waiting list";

const closureReasonsFrom: Partial<Record<ReferralStatus, readonly (readonly [ClosureReason, number])[]>> = {
  draft: [["declined", 60], ["no_longer_needed", 40]],
  sent: [["no_longer_needed", 40], ["moved_away", 25], ["returned_to_custody", 20], ["other", 15]],
  accepted: [["declined", 35], ["moved_away", 25], ["returned_to_custody", 20], ["not_engaged", 20]],
  did_not_attend: [["not_engaged", 75], ["returned_to_custody", 15], ["moved_away", 10]],
  attended: [["not_engaged", 40], ["moved_away", 25], ["returned_to_custody", 20], ["other", 15]],
};

const otherClosureNotes: Partial<Record<ReferralStatus, string>> = {
  sent: "The service asked for the referral to come through the person's GP instead",
  attended: "The service referred the person on to a specialist team",
};

// ---------------------------------------------------------------------------------------------
// Referrals: the plan

export type ReferralEventPlan = { from: ReferralStatus | null; to: ReferralStatus; at: Date; note: string | null };
export type FirstAppointmentPlan = { startsAt: Date; bookedAt: Date; outcome: "attended" | "dna_unacceptable" | null; outcomeRecordedAt: Date | null };

export type ReferralPlan = {
  crn: string;
  personId: string;
  siteId: string;
  serviceId: string;
  category: ServiceCategory;
  healthCheckId: string | null;
  reason: string;
  urgency: ReferralUrgency;
  status: ReferralStatus;
  closureReason: ClosureReason | null;
  rejectionReason: string | null;
  byId: string;
  events: ReferralEventPlan[];
  /** Every first appointment booked, in order; the last is the one the referral points at. */
  appointments: FirstAppointmentPlan[];
};

/** What is known about a referral before its history is planned. */
type ReferralSeed = Omit<ReferralPlan, "status" | "closureReason" | "rejectionReason" | "events" | "appointments"> & {
  /** The earliest moment it can be made: the health check it follows, or consent to hub care. */
  origin: Date;
  originDate: string;
  /** Most working days between the origin and the referral being made. */
  maxGap: number;
  rng: Random;
};

/** Where a referral's history takes it. */
type History = Pick<ReferralPlan, "status" | "closureReason" | "rejectionReason" | "events" | "appointments">;

type Step = {
  event: ReferralEvent | null;
  from: ReferralStatus | null;
  to: ReferralStatus;
  /** Working days after the referral was made. */
  offset: number;
  /** Sent as it was made: the same instant, as the app does for "Send referral". */
  sameInstant: boolean;
  /** For a booking, working days after the referral was made on which the appointment falls. */
  appointmentOffset: number | null;
};

/** The events from a new draft to `target`; a missed first appointment is sometimes rebooked on the way. */
function eventsTo(rng: Random, target: ReferralStatus): ReferralEvent[] {
  const accepted: ReferralEvent[] = ["send", "accept"];
  const missedThenRebooked: ReferralEvent[] = rng.chance(0.12) ? ["book_first_appointment", "record_did_not_attend"] : [];
  switch (target) {
    case "draft":
      return [];
    case "sent":
      return ["send"];
    case "accepted":
      return accepted;
    case "rejected":
      return ["send", "reject"];
    case "appointment_booked":
      return [...accepted, ...missedThenRebooked, "book_first_appointment"];
    case "did_not_attend":
      return [...accepted, "book_first_appointment", "record_did_not_attend"];
    case "attended":
      return [...accepted, ...missedThenRebooked, "book_first_appointment", "record_attended"];
    case "completed":
      return [...accepted, ...missedThenRebooked, "book_first_appointment", "record_attended", "complete"];
    case "closed": {
      const from = rng.weighted<ReferralStatus>([["draft", 8], ["sent", 14], ["accepted", 14], ["did_not_attend", 40], ["attended", 24]]);
      return [...eventsTo(rng, from), "close"];
    }
  }
}

/** Working days from the step before, as services and hubs tend to take. */
function gapBefore(rng: Random, event: ReferralEvent, from: ReferralStatus, urgency: ReferralUrgency): { gap: number; sameInstant: boolean; recordedDaysLater: number } {
  const plain = (gap: number) => ({ gap, sameInstant: false, recordedDaysLater: 0 });
  switch (event) {
    case "send":
      return rng.chance(0.8) ? { gap: 0, sameInstant: true, recordedDaysLater: 0 } : plain(rng.int(1, 3));
    case "accept":
      return plain(urgency === "urgent" ? rng.int(0, 1) : urgency === "soon" ? rng.int(1, 3) : rng.int(1, 7));
    case "reject":
      return plain(rng.int(1, 8));
    case "book_first_appointment":
      return plain(from === "did_not_attend" ? rng.int(1, 5) : rng.int(1, 6));
    case "record_attended":
    case "record_did_not_attend": {
      // The appointment is 3 to 12 working days after booking; recorded that day or the next.
      const later = rng.chance(0.75) ? 0 : 1;
      return { gap: rng.int(3, 12) + later, sameInstant: false, recordedDaysLater: later };
    }
    case "complete":
      return plain(rng.int(10, 50));
    case "close":
      return plain(from === "draft" ? rng.int(3, 15) : from === "sent" ? rng.int(8, 20) : from === "attended" ? rng.int(10, 40) : rng.int(3, 15));
  }
}

/** Working days a referral has been waiting in an open status by today. */
const dwellRanges: Partial<Record<ReferralStatus, readonly [number, number]>> = {
  draft: [1, 6],
  sent: [1, 5],
  accepted: [1, 8],
  appointment_booked: [1, 8],
  attended: [2, 50],
  did_not_attend: [1, 10],
};

type PlanOptions = { dwell?: readonly [number, number]; maxGap?: number };

/**
 * The dated history of one referral ending at `target`, or null when it cannot fit between its
 * origin and today. A finished referral is made soon after its origin and runs forward; one still
 * open is counted back from today, so it has waited a realistic time in its current status.
 */
function planHistory(seed: ReferralSeed, target: ReferralStatus, today: string, options: PlanOptions = {}): History | null {
  const { rng } = seed;
  const latest = addWorkingDays(today, -1);
  const steps: Step[] = [{ event: null, from: null, to: "draft", offset: 0, sameInstant: false, appointmentOffset: null }];
  let status: ReferralStatus = "draft";
  let offset = 0;
  for (const event of eventsTo(rng, target)) {
    const moved = transition(status, event);
    if (!moved.ok) throw new Error(`Seed: ${event} from ${status}: ${moved.message}`);
    const { gap, sameInstant, recordedDaysLater } = gapBefore(rng, event, status, seed.urgency);
    offset += gap;
    if (event === "record_attended" || event === "record_did_not_attend") {
      const booking = steps[steps.length - 1];
      if (booking?.event !== "book_first_appointment") throw new Error("Seed: an outcome must follow a booking");
      booking.appointmentOffset = offset - recordedDaysLater;
    }
    steps.push({ event, from: status, to: moved.to, offset, sameInstant, appointmentOffset: null });
    status = moved.to;
  }
  if (status !== target) throw new Error(`Seed: planned ${status}, wanted ${target}`);

  const { originDate } = seed;
  let madeOn: string;
  if (isTerminal(target)) {
    madeOn = addWorkingDays(originDate, rng.chance(0.6) ? 0 : rng.int(1, 8));
    if (addWorkingDays(madeOn, offset) > latest) return null;
  } else {
    const [min, max] = options.dwell ?? dwellRanges[target] ?? [1, 5];
    madeOn = addWorkingDays(workingDaysBefore(today, rng.int(min, max)), -offset);
    if (madeOn < originDate || workingDaysFrom(originDate, madeOn) > (options.maxGap ?? seed.maxGap)) return null;
  }

  // A first appointment still to come is in the next two weeks.
  let upcoming: string | null = null;
  const last = steps[steps.length - 1];
  if (target === "appointment_booked" && last) {
    const bookedOn = addWorkingDays(madeOn, last.offset);
    const days: string[] = [];
    for (let d = 1; d <= 14; d++) if (isWorkingDay(addDays(today, d)) && addDays(today, d) > bookedOn) days.push(addDays(today, d));
    upcoming = rng.pick(days);
  }

  // Times: the first step just after the origin on its day, later steps in office hours, a step on
  // the same day as the one before a little after it, an outcome after the appointment ended.
  const events: ReferralEventPlan[] = [];
  const booked: FirstAppointmentPlan[] = [];
  let previous: Date | null = null;
  let previousOn: string | null = null;
  for (const step of steps) {
    const on = addWorkingDays(madeOn, step.offset);
    let at: Date;
    if (step.sameInstant && previous) at = previous;
    else if (previous && previousOn === on) at = minutes(previous, rng.int(10, 90));
    else if (step.event === null && on === originDate) at = minutes(seed.origin, rng.int(5, 20));
    else at = londonInstant(on, officeTime(rng));

    const appointment = booked[booked.length - 1];
    if ((step.event === "record_attended" || step.event === "record_did_not_attend") && appointment) {
      at = laterOf(at, minutes(appointment.startsAt, FIRST_APPOINTMENT_MINUTES + rng.int(10, 40)));
      appointment.outcome = step.event === "record_attended" ? "attended" : "dna_unacceptable";
      appointment.outcomeRecordedAt = at;
    }
    if (step.event === "book_first_appointment") {
      const date = step.appointmentOffset === null ? upcoming : addWorkingDays(madeOn, step.appointmentOffset);
      if (date === null) throw new Error("Seed: a booking with no appointment date");
      booked.push({ startsAt: londonInstant(date, officeTime(rng, 16 * 60 + 15)), bookedAt: at, outcome: null, outcomeRecordedAt: null });
    }
    events.push({ from: step.from, to: step.to, at, note: null });
    previous = at;
    previousOn = on;
  }

  let closureReason: ClosureReason | null = null;
  let rejectionReason: string | null = null;
  const final = events[events.length - 1];
  if (target === "closed" && final?.from) {
    closureReason = rng.weighted(closureReasonsFrom[final.from] ?? [["other", 1]]);
    if (closureReason === "other") final.note = otherClosureNotes[final.from] ?? "Closed at the service's request";
    else if (closureReason === "returned_to_custody") final.note = rng.chance(0.5) ? "Recalled to custody" : null;
  }
  if (target === "rejected") rejectionReason = rng.pick(rejectionReasons[seed.category] ?? [genericRejection]);

  return { status: target, closureReason, rejectionReason, events, appointments: booked };
}

/** Statuses for referrals with nothing to guarantee: finished ones the most, as the pilot has run a while. */
const statusWeights: readonly (readonly [ReferralStatus, number])[] = [
  ["draft", 5],
  ["sent", 7],
  ["accepted", 6],
  ["rejected", 5],
  ["appointment_booked", 9],
  ["attended", 20],
  ["did_not_attend", 4],
  ["completed", 26],
  ["closed", 20],
];

/** What each site's worklists and timeline must show (the seed's promise to a demo). */
const siteGuarantees: readonly (readonly [ReferralStatus, PlanOptions])[] = [
  ["sent", { dwell: [8, 12] }],
  ["accepted", {}],
  ["did_not_attend", {}],
  ["appointment_booked", {}],
];

/** The suggestion to act on: recommended ones first, never a crisis referral (that is the same-day alert's job). */
function pickSuggestion(rng: Random, suggestions: readonly ReferralSuggestion[], taken: ReadonlySet<ServiceCategory>): ReferralSuggestion | null {
  const options = suggestions.filter((s) => s.category !== "crisis" && !taken.has(s.category));
  if (!options.length) return null;
  return rng.weighted(options.map((s) => [s, s.strength === "recommended" ? 3 : 1] as const));
}

function planReferrals(input: ReferralSeedInput, facts: readonly PersonFacts[], servicesBySite: ReadonlyMap<string, readonly ServiceRow[]>, clinicianIds: (site: SiteCode) => string[]): ReferralPlan[] {
  const { today } = input;
  const siteCodes = [...new Set(input.people.map((p) => p.siteCode))];
  const bySite: { seeds: ReferralSeed[]; order: ReferralSeed[] }[] = [];

  siteCodes.forEach((siteCode, siteIndex) => {
    const siteRng = new Random(REFERRAL_SEED + 7919 * (siteIndex + 1));
    const consenting = facts.filter((f) => f.person.siteCode === siteCode && f.hubCareSince !== null);
    const siteId = consenting[0]?.siteId;
    if (siteId === undefined) return;
    const siteServices = servicesBySite.get(siteId) ?? [];
    const serviceFor = (rng: Random, category: ServiceCategory) => {
      const options = siteServices.filter((s) => s.category === category);
      return options.length ? rng.pick(options) : null;
    };
    const available = (category: ServiceCategory) => siteServices.some((s) => s.category === category);
    const suggestionsOf = (f: PersonFacts) =>
      f.latestCheck ? suggestReferrals({ scores: f.latestCheck.scores, gpStatus: f.gpStatus }).filter((s) => s.category !== "crisis" && available(s.category)) : [];

    // About 35% of those with consent, most of them prompted by their health check.
    const howMany = Math.round(consenting.length * REFERRED_SHARE);
    const suggested = siteRng.shuffle(consenting.filter((f) => suggestionsOf(f).length > 0));
    const others = siteRng.shuffle(consenting.filter((f) => suggestionsOf(f).length === 0));
    const fromOthers = Math.min(others.length, Math.max(howMany - suggested.length, Math.round(howMany * 0.15)));
    const chosen = new Set([...suggested.slice(0, howMany - fromOthers), ...others.slice(0, fromOthers)]);
    const clinicians = clinicianIds(siteCode);
    const defaultClinician = clinicians[0];
    if (defaultClinician === undefined) throw new Error(`Seed: no clinician at ${siteCode}`);

    const seeds: ReferralSeed[] = [];
    for (const f of facts) {
      const hubCareSince = f.hubCareSince;
      if (!chosen.has(f) || hubCareSince === null) continue;
      const personRng = stream(f.person.crn);
      const taken = new Set<ServiceCategory>();
      const wanted = personRng.chance(0.25) ? 2 : 1;
      const suggestions = suggestionsOf(f);
      for (let n = 0; n < wanted; n++) {
        const suggestion = n === 0 || personRng.chance(0.5) ? pickSuggestion(personRng, suggestions, taken) : null;
        const check = f.latestCheck;
        if (suggestion && check) {
          const rng = stream(`${f.person.crn}|${suggestion.category}`);
          const service = serviceFor(rng, suggestion.category);
          if (!service) continue;
          taken.add(suggestion.category);
          const followOn = reasonFollowOns[suggestion.category];
          seeds.push({
            crn: f.person.crn,
            personId: f.personId,
            siteId: f.siteId,
            serviceId: service.id,
            category: suggestion.category,
            healthCheckId: check.id,
            reason: followOn ? `${suggestion.reason}. ${rng.pick(followOn)}` : `${suggestion.reason}.`,
            urgency: suggestion.urgency === "routine" && rng.chance(0.1) ? "soon" : suggestion.urgency,
            byId: clinicians.includes(check.clinicianId) ? check.clinicianId : defaultClinician,
            origin: laterOf(check.completedAt, hubCareSince),
            originDate: londonDate(laterOf(check.completedAt, hubCareSince)),
            maxGap: MAX_WORKING_DAYS_AFTER_CHECK,
            rng,
          });
          continue;
        }
        const options = conversationReferrals.filter(([c]) => available(c) && !taken.has(c));
        if (!options.length) continue;
        const category = personRng.weighted(options.map(([c, w]) => [c, w] as const));
        const rng = stream(`${f.person.crn}|${category}`);
        const service = serviceFor(rng, category);
        if (!service) continue;
        taken.add(category);
        seeds.push({
          crn: f.person.crn,
          personId: f.personId,
          siteId: f.siteId,
          serviceId: service.id,
          category,
          healthCheckId: null,
          reason: rng.pick(conversationReferrals.find(([c]) => c === category)?.[2] ?? ["Referred after a conversation at the hub."]),
          urgency: rng.chance(0.85) ? "routine" : "soon",
          byId: f.latestCheck && clinicians.includes(f.latestCheck.clinicianId) ? f.latestCheck.clinicianId : defaultClinician,
          origin: hubCareSince,
          originDate: londonDate(hubCareSince),
          maxGap: Number.POSITIVE_INFINITY,
          rng,
        });
      }
    }

    bySite.push({ seeds, order: siteRng.shuffle(seeds) });
  });

  // Guarantees first, each from the first referral in a shuffled order that it fits; then the rest by weight.
  const done = new Map<ReferralSeed, History>();
  const firstFit = (order: readonly ReferralSeed[], target: ReferralStatus, options: PlanOptions) => {
    for (const seed of order) {
      if (done.has(seed)) continue;
      const history = planHistory({ ...seed, rng: stream(`${seed.crn}|${seed.category}|${target}`) }, target, today, options);
      if (history) return done.set(seed, history);
    }
    return null;
  };
  // Close to a health check if possible; otherwise made at a later visit.
  const guarantee = (order: readonly ReferralSeed[], target: ReferralStatus, options: PlanOptions) =>
    firstFit(order, target, options) ?? firstFit(order, target, { ...options, maxGap: Number.POSITIVE_INFINITY });
  for (const { order } of bySite) for (const [target, options] of siteGuarantees) guarantee(order, target, options);
  // Every status somewhere in the pilot, whatever the date.
  const everywhere = bySite.flatMap((s) => s.order);
  const anywhere = new Random(REFERRAL_SEED + 1).shuffle(everywhere);
  for (const [target] of statusWeights) if (![...done.values()].some((h) => h.status === target)) guarantee(anywhere, target, {});

  for (const seed of everywhere) {
    if (done.has(seed)) continue;
    let history: History | null = null;
    for (const target of seed.rng.weightedOrder(statusWeights)) {
      for (let attempt = 0; attempt < 3 && history === null; attempt++) history = planHistory(seed, target, today);
      if (history) break;
    }
    // Nothing else fits between the origin and today: a draft written just after it.
    history ??= { status: "draft", closureReason: null, rejectionReason: null, events: [{ from: null, to: "draft", at: minutes(seed.origin, 10), note: null }], appointments: [] };
    done.set(seed, history);
  }
  return bySite.flatMap(({ seeds }) =>
    seeds.flatMap((seed) => {
      const history = done.get(seed);
      if (!history) return [];
      const { crn, personId, siteId, serviceId, category, healthCheckId, reason, urgency, byId } = seed;
      return [{ crn, personId, siteId, serviceId, category, healthCheckId, reason, urgency, byId, ...history }];
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// "Please see" requests: in probation's words, never clinical.

const seeRequestNotes: Record<SeeRequestReason, readonly string[]> = {
  general_health: ["Mentioned feeling unwell for a couple of weeks and has not seen anyone about it.", "Asked whether the hub could help with a health worry; did not want to say more to me."],
  gp_registration: ["Says they have had no GP since moving to the area; asked how to register.", "Trying to get a prescription sorted but not registered anywhere."],
  mental_health_concern: ["Seemed low and withdrawn at supervision; asked if someone at the hub could talk with them.", "Has been finding things hard since a family bereavement; happy to be contacted."],
  drug_or_alcohol_concern: ["Smelled of alcohol at the last appointment; open to talking to someone.", "Says they want help cutting down; asked to see the hub."],
  missed_health_appointments: ["Has missed the last two hub appointments; says the times clash with work.", "Forgot the last hub appointment; reminders by text would help."],
  other: ["Asked for help getting to hospital appointments; no money for travel.", "Needs a letter about a health condition for the job centre."],
};

export type SeeRequestPlan = {
  personId: string;
  siteId: string;
  reason: SeeRequestReason;
  note: string | null;
  status: SeeRequestStatus;
  requestedById: string;
  requestedAt: Date;
  handledById: string | null;
  handledAt: Date | null;
};

function planSeeRequests(input: ReferralSeedInput, facts: readonly PersonFacts[], ids: ReferralSeedIds, clinicianIds: (site: SiteCode) => string[]): SeeRequestPlan[] {
  const { today } = input;
  const out: SeeRequestPlan[] = [];
  const siteCodes = [...new Set(input.people.map((p) => p.siteCode))];
  siteCodes.forEach((siteCode, siteIndex) => {
    const rng = new Random(REFERRAL_SEED + 104_729 * (siteIndex + 1));
    const handler = clinicianIds(siteCode)[0];
    if (handler === undefined) return;
    const allocated = rng.shuffle(facts.filter((f) => f.person.siteCode === siteCode && f.person.assignedOfficerEmail !== null));
    // Open ones came in over the last week and a half; a few older ones were handled within days.
    const open = allocated.slice(0, rng.int(2, 3)).map((f) => ({ f, requestedOn: maxDate(addWorkingDays(today, -rng.int(1, 7)), addWorkingDays(f.person.enrolledOn, 0)) }));
    const handled = allocated
      .slice(open.length)
      .map((f) => ({ f, requestedOn: addWorkingDays(today, -rng.int(12, 50)) }))
      .filter(({ f, requestedOn }) => f.person.enrolledOn <= requestedOn)
      .slice(0, rng.int(1, 2));
    for (const { f, requestedOn } of [...open, ...handled]) {
      const officer = f.person.assignedOfficerEmail;
      if (officer === null || requestedOn >= today) continue;
      const reasons: (readonly [SeeRequestReason, number])[] = [
        ["general_health", 20],
        ["mental_health_concern", 20],
        ["other", 8],
        ["gp_registration", f.gpStatus === "registered" ? 0 : 30],
        ["drug_or_alcohol_concern", f.person.requirements.some((r) => r.kind !== "MHTR") ? 30 : 10],
        ["missed_health_appointments", f.missedHealthAppointment ? 30 : 0],
      ];
      const reason = rng.weighted(reasons.filter(([, w]) => w > 0));
      const note = rng.chance(0.9) ? rng.pick(seeRequestNotes[reason]) : null;
      const requestedAt = londonInstant(requestedOn, officeTime(rng));
      let handledAt: Date | null = null;
      if (handled.some((h) => h.f === f)) {
        const handledOn = addWorkingDays(requestedOn, rng.int(0, 3));
        handledAt = handledOn === requestedOn ? minutes(requestedAt, rng.int(30, 120)) : londonInstant(handledOn, officeTime(rng));
      }
      const status: SeeRequestStatus = handledAt === null ? "open" : f.hubCareSince !== null && rng.chance(0.75) ? "seen" : "closed";
      out.push({
        personId: f.personId,
        siteId: f.siteId,
        reason,
        note,
        status,
        requestedById: ids.user(officer),
        requestedAt,
        handledById: handledAt === null ? null : handler,
        handledAt,
      });
    }
  });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Treatment requirements: from "order made" to where the order is by now. Notes and court review
// outcomes are seen by probation officers too, so they stay non-clinical.

const reviewOutcomes: readonly (readonly [string, number])[] = [
  ["Progress satisfactory; order to continue", 40],
  ["Good attendance; next review in one month", 20],
  ["Negative tests this month; the court commended progress", 12],
  ["Positive drug test discussed; order to continue", 15],
  ["Missed a testing appointment; warned about compliance", 8],
  ["Attendance improving; order to continue", 5],
];

const breachNotes = ["Returned to court after repeated missed appointments", "Breach proceedings started after missed appointments"];

export type RequirementPlan = {
  id: string;
  kind: RequirementKind;
  madeOn: string;
  lengthMonths: number;
  status: RequirementStatus;
  suitabilityAssessedOn: string;
  suitable: boolean;
  provider: string;
  treatmentStartedOn: string | null;
  endedOn: string | null;
  note: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  reviews: { reviewedOn: string; outcome: string; recordedById: string; recordedAt: Date }[];
};

function planRequirements(input: ReferralSeedInput, facts: readonly PersonFacts[], rows: readonly RequirementRow[], servicesBySite: ReadonlyMap<string, readonly ServiceRow[]>, ids: ReferralSeedIds): RequirementPlan[] {
  const { today } = input;
  const latest = addWorkingDays(today, -1);
  const byPerson = new Map<string, RequirementRow[]>();
  for (const r of rows) byPerson.set(r.personId, [...(byPerson.get(r.personId) ?? []), r]);
  const out: RequirementPlan[] = [];

  for (const f of facts) {
    const kinds = ["MHTR", "DRR", "ATR"] as const;
    const mine = [...(byPerson.get(f.personId) ?? [])].sort((a, b) => kinds.indexOf(a.kind) - kinds.indexOf(b.kind));
    const siteServices = servicesBySite.get(f.siteId) ?? [];
    const named = (category: ServiceCategory) => siteServices.find((s) => s.category === category)?.name ?? null;
    const officerEmail = f.person.assignedOfficerEmail ?? input.officers[f.person.siteCode][0];
    if (officerEmail === undefined) throw new Error(`Seed: no probation officer at ${f.person.siteCode}`);
    const officer = ids.user(officerEmail);

    for (const r of mine) {
      const { madeOn, lengthMonths } = r;
      const endsOn = requirementEndsOn(madeOn, lengthMonths);
      if (madeOn === null || lengthMonths === null || endsOn === null) continue;
      const rng = stream(`${f.person.crn}|${r.kind}|requirement`);
      const provider =
        (r.kind === "MHTR" ? (rng.chance(0.7) ? named("community_mental_health") : named("talking_therapies")) : named("drug_alcohol")) ??
        (r.kind === "MHTR" ? "Community mental health team" : "Local drug and alcohol service");
      const suitabilityAssessedOn = workingDayOnOrBefore(addDays(madeOn, -rng.int(7, 28)));
      const startCandidate = addWorkingDays(madeOn, rng.int(2, 10));

      let status: RequirementStatus;
      let treatmentStartedOn: string | null = null;
      let endedOn: string | null = null;
      let note: string | null = null;
      if (endsOn <= latest) {
        // The order has run its course: most complete it, some were breached on the way.
        treatmentStartedOn = startCandidate;
        if (rng.chance(0.78)) {
          status = "completed";
          endedOn = workingDayOnOrBefore(endsOn);
          note = rng.chance(0.4) ? "Completed the requirement" : null;
        } else {
          status = "breached";
          endedOn = addWorkingDays(treatmentStartedOn, rng.int(20, Math.max(21, workingDaysFrom(treatmentStartedOn, endsOn) - 5)));
          note = rng.pick(breachNotes);
        }
      } else if (startCandidate > latest || (workingDaysFrom(madeOn, latest) <= 10 && rng.chance(0.4))) {
        status = "ordered";
        note = "First appointment with the provider arranged";
      } else {
        treatmentStartedOn = startCandidate;
        status = "started";
        if (workingDaysFrom(treatmentStartedOn, latest) > 45 && rng.chance(0.08)) {
          status = "breached";
          endedOn = addWorkingDays(treatmentStartedOn, rng.int(25, workingDaysFrom(treatmentStartedOn, latest)));
          note = rng.pick(breachNotes);
        }
      }
      if (endedOn !== null && endedOn > latest) endedOn = latest;

      // Monthly court reviews, each on a working day on or just before it falls due.
      const reviews: RequirementPlan["reviews"] = [];
      if (reviewsMandatory(r.kind, lengthMonths)) {
        const cutoff = endedOn !== null && endedOn < endsOn ? endedOn : endsOn;
        let last = madeOn;
        for (;;) {
          const due = addMonths(last, 1);
          if (due >= cutoff) break;
          const reviewedOn = workingDayOnOrBefore(due);
          if (reviewedOn > latest || (endedOn !== null && reviewedOn > endedOn)) break;
          reviews.push({ reviewedOn, outcome: rng.weighted(reviewOutcomes), recordedById: officer, recordedAt: londonInstant(reviewedOn, 14 * 60 + 15 * rng.int(0, 10)) });
          last = reviewedOn;
        }
      }

      const problems = requirementProblems({ status, suitabilityAssessedOn, suitable: true, madeOn, lengthMonths, provider, treatmentStartedOn, endedOn });
      if (Object.keys(problems).length) throw new Error(`Seed: requirement for ${f.person.crn} is inconsistent: ${JSON.stringify(problems)}`);

      // Entered on the hub's record at enrolment; each later step saved late on its day.
      const createdOn = maxDate(f.person.enrolledOn, suitabilityAssessedOn);
      const createdAt = londonInstant(createdOn, officeTime(rng));
      const changes = [treatmentStartedOn, endedOn].filter((d): d is string => d !== null).map((d) => londonInstant(maxDate(d, createdOn), 16 * 60 + 45));
      const updatedAt = [...changes, ...reviews.map((v) => v.recordedAt)].reduce(laterOf, createdAt);
      out.push({
        id: r.id,
        kind: r.kind,
        madeOn,
        lengthMonths,
        status,
        suitabilityAssessedOn,
        suitable: true,
        provider,
        treatmentStartedOn,
        endedOn,
        note,
        // Entered at 1, the assessment and order at 2, then one save per step and per review.
        version: 2 + (treatmentStartedOn ? 1 : 0) + (endedOn ? 1 : 0) + reviews.length,
        createdAt,
        updatedAt,
        reviews,
      });
    }
  }

  // One DRR somewhere has fallen behind with its reviews, for the overdue flag.
  const scheduleOf = (p: RequirementPlan) =>
    reviewSchedule({ kind: p.kind, lengthMonths: p.lengthMonths, madeOn: p.madeOn, treatmentStartedOn: p.treatmentStartedOn, reviews: p.reviews.map((v) => v.reviewedOn), today, endedOn: p.endedOn });
  const behind = new Random(REFERRAL_SEED + 31).shuffle(out.filter((p) => p.status === "started" && p.reviews.length >= 2))[0];
  if (behind) {
    while (behind.reviews.length && !scheduleOf(behind).overdue) {
      behind.reviews.pop();
      behind.version -= 1;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Reading back and writing

function chunked<T>(rows: readonly T[], size = INSERT_CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = out.get(k);
    if (list) list.push(row);
    else out.set(k, [row]);
  }
  return out;
}

async function readFacts(tx: Executor, input: ReferralSeedInput, ids: ReferralSeedIds): Promise<PersonFacts[]> {
  const consentRows = groupBy(
    await tx
      .select({ personId: consents.personId, kind: consents.kind, decision: consents.decision, decidedOn: consents.decidedOn, recordedAt: consents.recordedAt, withdrawnOn: consents.withdrawnOn })
      .from(consents)
      .where(eq(consents.kind, "hub_care")),
    (c) => c.personId,
  );
  const checkRows = groupBy(
    await tx
      .select({
        id: healthChecks.id,
        personId: healthChecks.personId,
        completedAt: healthChecks.completedAt,
        createdAt: healthChecks.createdAt,
        clinicianId: healthChecks.createdById,
        smokingStatus: healthChecks.smokingStatus,
        vapes: healthChecks.vapes,
        hsiScore: healthChecks.hsiScore,
        auditCScore: healthChecks.auditCScore,
        auditCPositive: healthChecks.auditCPositive,
        auditScore: healthChecks.auditScore,
        phq9Score: healthChecks.phq9Score,
        phq9Item9: healthChecks.phq9Item9,
        gad7Score: healthChecks.gad7Score,
        bmi: healthChecks.bmi,
      })
      .from(healthChecks)
      .where(eq(healthChecks.status, "completed")),
    (c) => c.personId,
  );
  const gpRows = groupBy(
    await tx.select({ personId: gpRegistrations.personId, status: gpRegistrations.status, recordedAt: gpRegistrations.recordedAt, atEnrolment: gpRegistrations.atEnrolment }).from(gpRegistrations),
    (g) => g.personId,
  );
  const missedSince = addDays(input.today, -92);
  const missed = new Set(
    input.appointments
      .filter((a) => a.kind === "health" && (a.outcome === "dna_unacceptable" || a.outcome === "dna_acceptable") && londonDate(a.startsAt) >= missedSince)
      .map((a) => a.crn),
  );

  return input.people.map((person) => {
    const personId = ids.person(person.crn);
    const consent = currentConsent(consentRows.get(personId) ?? [], "hub_care");
    const latest = (checkRows.get(personId) ?? [])
      .flatMap((c) => (c.completedAt ? [{ ...c, completedAt: c.completedAt }] : []))
      .sort((a, b) => b.completedAt.getTime() - a.completedAt.getTime() || b.createdAt.getTime() - a.createdAt.getTime())[0];
    const gpAsOf = latest?.completedAt ?? null;
    const gp = (gpRows.get(personId) ?? [])
      .filter((g) => gpAsOf === null || g.recordedAt.getTime() <= gpAsOf.getTime())
      .sort((a, b) => b.recordedAt.getTime() - a.recordedAt.getTime() || Number(a.atEnrolment) - Number(b.atEnrolment))[0];
    return {
      person,
      personId,
      siteId: ids.site(person.siteCode),
      hubCareSince: consent.state === "given" && consent.record ? consent.record.recordedAt : null,
      latestCheck: latest
        ? {
            id: latest.id,
            completedAt: latest.completedAt,
            clinicianId: latest.clinicianId,
            // Suggestions need the scores, not the bands (as server/referrals/queries.ts reads them).
            scores: {
              smokingStatus: latest.smokingStatus,
              vapes: latest.vapes,
              hsiScore: latest.hsiScore,
              hsiBand: null,
              auditCScore: latest.auditCScore,
              auditCPositive: latest.auditCPositive,
              auditScore: latest.auditScore,
              auditBand: null,
              phq9Score: latest.phq9Score,
              phq9Band: null,
              phq9Item9: latest.phq9Item9,
              gad7Score: latest.gad7Score,
              gad7Band: null,
              bmi: latest.bmi,
            },
          }
        : null,
      gpStatus: gp?.status ?? null,
      missedHealthAppointment: missed.has(person.crn),
    };
  });
}

/** Plans and writes referrals, please-see requests and requirement tracking in the caller's transaction. */
export async function seedReferrals(tx: Executor, input: ReferralSeedInput, ids: ReferralSeedIds): Promise<ReferralSeedSummary> {
  const facts = await readFacts(tx, input, ids);
  const serviceRows = await tx.select({ id: services.id, siteId: services.siteId, name: services.name, category: services.category, active: services.active }).from(services);
  const servicesBySite = groupBy(
    serviceRows.filter((s) => s.active).sort((a, b) => a.category.localeCompare(b.category) || a.name.localeCompare(b.name)),
    (s) => s.siteId,
  );
  const requirementRows = await tx
    .select({ id: treatmentRequirements.id, personId: treatmentRequirements.personId, kind: treatmentRequirements.kind, madeOn: treatmentRequirements.madeOn, lengthMonths: treatmentRequirements.lengthMonths })
    .from(treatmentRequirements);
  const clinicianIds = (site: SiteCode) => input.clinicians[site].map((email) => ids.user(email));

  const referralPlan = planReferrals(input, facts, servicesBySite, clinicianIds);
  const seeRequestPlan = planSeeRequests(input, facts, ids, clinicianIds);
  const requirementPlan = planRequirements(input, facts, requirementRows, servicesBySite, ids);

  // First appointments, clear of the person's other appointments (a person is never booked twice at once).
  const taken = new Set(input.appointments.map((a) => a.key));
  for (const r of referralPlan) {
    for (const a of r.appointments) {
      while (taken.has(`${r.crn}|${a.startsAt.toISOString()}`)) a.startsAt = minutes(a.startsAt, 15);
      taken.add(`${r.crn}|${a.startsAt.toISOString()}`);
    }
  }
  const appointmentKey = (personId: string, startsAt: Date) => `${personId}|${startsAt.toISOString()}`;
  const appointmentRows = referralPlan.flatMap((r) =>
    r.appointments.map((a) => ({
      personId: r.personId,
      siteId: r.siteId,
      kind: "health" as const,
      type: "referral_first_appointment" as const,
      startsAt: a.startsAt,
      durationMinutes: FIRST_APPOINTMENT_MINUTES,
      clinicianAttends: false,
      outcome: a.outcome,
      outcomeRecordedAt: a.outcomeRecordedAt,
      outcomeRecordedById: a.outcome === null ? null : r.byId,
      createdById: r.byId,
      version: a.outcome === null ? 1 : 2,
      createdAt: a.bookedAt,
      updatedAt: a.outcomeRecordedAt ?? a.bookedAt,
    })),
  );
  const appointmentIds = new Map<string, string>();
  for (const chunk of chunked(appointmentRows)) {
    const rows = await tx.insert(appointments).values(chunk).returning({ id: appointments.id, personId: appointments.personId, startsAt: appointments.startsAt });
    for (const row of rows) appointmentIds.set(appointmentKey(row.personId, row.startsAt), row.id);
  }

  // Each step's time on the row, from the history, as server/referrals/steps.ts sets it.
  const referralRows = referralPlan.map((r) => {
    const at = (to: ReferralStatus) => r.events.find((e) => e.to === to && e.from !== null)?.at ?? null;
    const first = r.appointments[r.appointments.length - 1];
    const created = r.events[0];
    const last = r.events[r.events.length - 1];
    if (!created || !last) throw new Error(`Seed: a referral for ${r.crn} has no history`);
    const responded = r.events.find((e) => e.from === "sent" && (e.to === "accepted" || e.to === "rejected"))?.at ?? null;
    const ended = r.events.find((e) => e.to === "rejected" || e.to === "completed" || e.to === "closed")?.at ?? null;
    return {
      personId: r.personId,
      siteId: r.siteId,
      serviceId: r.serviceId,
      healthCheckId: r.healthCheckId,
      reason: r.reason,
      urgency: r.urgency,
      personAgreed: true,
      status: r.status,
      closureReason: r.closureReason,
      rejectionReason: r.rejectionReason,
      firstAppointmentId: first ? (appointmentIds.get(appointmentKey(r.personId, first.startsAt)) ?? null) : null,
      createdAt: created.at,
      sentAt: at("sent"),
      respondedAt: responded,
      acceptedAt: at("accepted"),
      appointmentBookedAt: at("appointment_booked"),
      firstAttendedAt: at("attended") && first ? first.startsAt : null,
      endedAt: ended,
      createdById: r.byId,
      updatedAt: last.at,
      version: r.events.length,
    };
  });
  const referralIds = new Map<string, string>();
  for (const chunk of chunked(referralRows)) {
    const rows = await tx.insert(referrals).values(chunk).returning({ id: referrals.id, personId: referrals.personId, serviceId: referrals.serviceId });
    for (const row of rows) referralIds.set(`${row.personId}|${row.serviceId}`, row.id);
  }
  const eventRows = referralPlan.flatMap((r) => {
    const referralId = referralIds.get(`${r.personId}|${r.serviceId}`);
    if (referralId === undefined) throw new Error(`Seed: no referral for ${r.crn}`);
    return r.events.map((e) => ({ referralId, fromStatus: e.from, toStatus: e.to, at: e.at, byId: r.byId, note: e.note }));
  });
  for (const chunk of chunked(eventRows)) await tx.insert(referralEvents).values(chunk);

  for (const chunk of chunked(seeRequestPlan)) {
    await tx.insert(seeRequests).values(chunk.map((s) => ({ ...s, version: s.status === "open" ? 1 : 2 })));
  }

  // One statement per chunk rather than one per requirement: the rows exist, so this is an update.
  const column = (c: { name: string }) => sql.identifier(c.name);
  const t = treatmentRequirements;
  for (const chunk of chunked(requirementPlan)) {
    const rows = sql.join(
      chunk.map(
        (r) =>
          sql`(${r.id}::uuid, ${r.status}::requirement_status, ${r.suitabilityAssessedOn}::date, ${r.suitable}::boolean, ${r.provider}::text, ${r.treatmentStartedOn}::date, ${r.endedOn}::date, ${r.note}::text, ${r.version}::integer, ${r.createdAt.toISOString()}::timestamptz, ${r.updatedAt.toISOString()}::timestamptz)`,
      ),
      sql`, `,
    );
    await tx.execute(sql`
      update ${t} set
        ${column(t.status)} = v.status, ${column(t.suitabilityAssessedOn)} = v.assessed_on, ${column(t.suitable)} = v.suitable,
        ${column(t.provider)} = v.provider, ${column(t.treatmentStartedOn)} = v.started_on, ${column(t.endedOn)} = v.ended_on,
        ${column(t.note)} = v.note, ${column(t.version)} = v.version, ${column(t.createdAt)} = v.created_at, ${column(t.updatedAt)} = v.updated_at
      from (values ${rows}) as v(id, status, assessed_on, suitable, provider, started_on, ended_on, note, version, created_at, updated_at)
      where ${t.id} = v.id`);
  }
  const reviewRows = requirementPlan.flatMap((r) => r.reviews.map((v) => ({ requirementId: r.id, ...v })));
  for (const chunk of chunked(reviewRows)) await tx.insert(requirementReviews).values(chunk);

  return {
    referrals: referralPlan.length,
    openReferrals: referralPlan.filter((r) => !isTerminal(r.status)).length,
    referralEvents: eventRows.length,
    referralAppointments: appointmentRows.length,
    seeRequests: seeRequestPlan.length,
    openSeeRequests: seeRequestPlan.filter((s) => s.status === "open").length,
    trackedRequirements: requirementPlan.length,
    requirementReviews: reviewRows.length,
  };
}
