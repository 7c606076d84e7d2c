/**
 * Demo health records for the seeded people: consent, GP registration, health checks (completed
 * and in progress), the PHQ-9 question 9 alerts they raise, and screening. Called by seedDemoData
 * inside its transaction, once people and appointments exist.
 *
 * The records are written the way the app would have written them, so every page reads them as it
 * reads its own: answers are built, then stored as `applicableAnswers(parseAnswers(...))` (what
 * server/health-checks/mutations.ts stores) and every score column comes from computeScores on
 * those answers. Nothing clinical is made up after the fact.
 *
 * Deterministic like the rest of the seed: each person has their own mulberry32 stream, seeded by
 * HEALTH_SEED and their CRN, so adding a field here does not reshuffle everyone else. Every
 * timestamp is set explicitly (never the database's now(), which is one instant for the whole
 * transaction and would tie every "latest record" query), and nothing is dated after the last
 * weekday before `today`, except screening bookings, which are in the future by nature.
 *
 * Assumptions where DOMAIN.md is silent: consent is taken at
 * induction or the first hub contact, all three kinds in one conversation; a best-interests decision
 * covers care and sharing but never the evaluation (research needs the person's own consent); a
 * person who withdraws consent to hub care also withdraws sharing with probation.
 */
import { addDays, ageOn, londonToUtc, toLondon } from "@/domain/dates";
import type { AppointmentOutcome } from "@/domain/appointments";
import type {
  AlertAction,
  ConsentDecision,
  ConsentKind,
  ConsentMethod,
  GpBarrier,
  GpRegistrationType,
  GpStatus,
  HealthCheckSection,
  HealthCheckStatus,
  RecordedScreeningStatus,
  ScreeningProgramme,
  SmokingStatus,
} from "@/domain/health";
import { gpBarriers, healthCheckSections, screeningProgrammes } from "@/domain/health";
import { applicableAnswers, computeScores, emptyAnswers, incompleteSections, needsSameDayReview, parseAnswers, type HealthCheckScores } from "@/domain/health-check";
import { isValidOdsCode } from "@/domain/ods-code";
import {
  neurodivergentConditions,
  type DrugFrequency,
  type DrugSubstance,
  type HsiCigarettesPerDay,
  type HsiTimeToFirst,
  type NeurodivergentCondition,
  type ReasonableAdjustment,
  type SelfHarmAction,
} from "@/domain/questionnaires";
import { sectionAnswerSchemas, type ConditionAnswer, type DentistAnswer, type HealthCheckAnswers } from "@/domain/schemas/health-check";
import { allScreeningEligibility, type SmokingHistory } from "@/domain/screening";
import type { Executor } from "./client";
import { clinicalAlerts, consents, gpRegistrations, healthChecks, screenings } from "./schema";
import type { AppointmentPlan, PersonPlan, SiteCode } from "./seed";
import { Random, hashString } from "./seed-random";

const HEALTH_SEED = 0x4e_48_53_31; // "NHS1"
const INSERT_CHUNK = 500;
export const INFORMATION_VERSION = "Hub leaflet v1.2";

// ---------------------------------------------------------------------------------------------
// Seeded randomness: db/seed-random.ts.

const personStream = (crn: string, salt = 0) => new Random((HEALTH_SEED ^ hashString(crn)) + salt);

// ---------------------------------------------------------------------------------------------
// Dates

function isWeekend(iso: string): boolean {
  const day = new Date(`${iso}T00:00:00Z`).getUTCDay();
  return day === 0 || day === 6;
}

function daysBetween(fromIso: string, toIso: string): number {
  return Math.round((Date.parse(`${toIso}T00:00:00Z`) - Date.parse(`${fromIso}T00:00:00Z`)) / 86_400_000);
}

function weekdayOnOrBefore(iso: string): string {
  let d = iso;
  while (isWeekend(d)) d = addDays(d, -1);
  return d;
}

const minDate = (a: string, b: string) => (a < b ? a : b);
const maxDate = (a: string, b: string) => (a > b ? a : b);

/** A weekday in [from, to], or null when the range holds none. */
function weekdayBetween(rng: Random, from: string, to: string): string | null {
  if (from > to) return null;
  const d = addDays(from, rng.int(0, daysBetween(from, to)));
  for (let k = 0; k <= 3; k++) {
    const forward = addDays(d, k);
    if (forward <= to && !isWeekend(forward)) return forward;
    const back = addDays(d, -k);
    if (back >= from && !isWeekend(back)) return back;
  }
  return null;
}

function londonInstant(date: string, minutesAfterMidnight: number): Date {
  const time = `${String(Math.floor(minutesAfterMidnight / 60)).padStart(2, "0")}:${String(minutesAfterMidnight % 60).padStart(2, "0")}`;
  const instant = londonToUtc(date, time);
  if (!instant) throw new Error(`No London instant for ${date} ${time}`);
  return instant;
}

const minutes = (instant: Date, n: number) => new Date(instant.getTime() + n * 60_000);
const officeTime = (rng: Random, latestStart = 16 * 60) => 9 * 60 + 15 * rng.int(1, Math.floor((latestStart - 9 * 60) / 15));
const londonDate = (instant: Date) => toLondon(instant).date;

// ---------------------------------------------------------------------------------------------
// The plan: plain data keyed by CRN, e-mail and appointment key, like db/seed.ts

export type ConsentPlan = {
  crn: string;
  kind: ConsentKind;
  decision: ConsentDecision;
  decidedOn: string;
  method: ConsentMethod;
  recordedByEmail: string;
  recordedAt: Date;
  withdrawnOn: string | null;
  withdrawalRecordedByEmail: string | null;
  withdrawalRecordedAt: Date | null;
};

export type GpRegistrationPlan = {
  crn: string;
  status: GpStatus;
  practiceName: string | null;
  odsCode: string | null;
  registrationType: GpRegistrationType | null;
  supportStartedOn: string | null;
  registeredOn: string | null;
  barriers: GpBarrier[];
  note: string | null;
  atEnrolment: boolean;
  recordedByEmail: string;
  recordedAt: Date;
};

export type HealthCheckPlan = {
  /** `${crn}|${createdAt ISO}`: a person never starts two checks at the same moment. */
  key: string;
  crn: string;
  siteCode: SiteCode;
  appointmentKey: string | null;
  status: HealthCheckStatus;
  answers: HealthCheckAnswers;
  scores: HealthCheckScores;
  clinicianEmail: string;
  createdAt: Date;
  updatedAt: Date;
  completedAt: Date | null;
  version: number;
};

export type AlertPlan = {
  healthCheckKey: string;
  crn: string;
  siteCode: SiteCode;
  raisedAt: Date;
  action: AlertAction | null;
  actionNote: string | null;
  actionedAt: Date | null;
  actionedByEmail: string | null;
};

export type ScreeningPlan = {
  crn: string;
  programme: ScreeningProgramme;
  status: RecordedScreeningStatus | null;
  lastTestOn: string | null;
  lastResultHpvNegative: boolean | null;
  discussedOn: string | null;
  bookedFor: string | null;
  attendedOn: string | null;
  resultReceivedOn: string | null;
  declinedOn: string | null;
  note: string | null;
  updatedByEmail: string;
  updatedAt: Date;
  version: number;
};

export type HealthPlan = {
  consents: ConsentPlan[];
  gpRegistrations: GpRegistrationPlan[];
  healthChecks: HealthCheckPlan[];
  alerts: AlertPlan[];
  screenings: ScreeningPlan[];
};

export type HealthPlanInput = {
  today: string;
  people: readonly PersonPlan[];
  appointments: readonly AppointmentPlan[];
  /** Each site's clinicians, the site's own first. */
  clinicians: Record<SiteCode, readonly string[]>;
};

export type HealthSeedSummary = {
  consents: number;
  gpRegistrations: number;
  healthChecks: number;
  draftHealthChecks: number;
  alerts: number;
  openAlerts: number;
  screenings: number;
};

// ---------------------------------------------------------------------------------------------
// GP practices. ODS codes use each area's prefix (D81 Cambridgeshire, A81 Tees, L83 Devon, E85 west
// London); the practices and their numbers are made up.

const practices: Record<SiteCode, readonly (readonly [string, string])[]> = {
  cambridge: [
    ["Newmarket Road Surgery", "D81027"],
    ["Chesterton Medical Practice", "D81043"],
    ["Arbury Road Surgery", "D81061"],
    ["Cherry Hinton Health Centre", "D81018"],
    ["Mill Road Medical Practice", "D81035"],
  ],
  middlesbrough: [
    ["Linthorpe Road Surgery", "A81034"],
    ["Marton Medical Practice", "A81029"],
    ["Acklam Green Surgery", "A81063"],
    ["Berwick Hills Practice", "A81048"],
    ["Park End Medical Centre", "A81071"],
  ],
  ilfracombe: [
    ["Ilfracombe Medical Practice", "L83041"],
    ["Combe Martin Surgery", "L83089"],
    ["Braunton Health Centre", "L83058"],
    ["Barnstaple Riverside Practice", "L83106"],
  ],
  hammersmith: [
    ["Shepherd's Bush Medical Centre", "E85021"],
    ["Brook Green Surgery", "E85047"],
    ["White City Health Practice", "E85066"],
    ["Fulham Palace Road Surgery", "E85093"],
    ["Hammersmith Broadway Practice", "E85112"],
  ],
};

const barrierWeights: Record<SiteCode, readonly (readonly [GpBarrier, number])[]> = {
  cambridge: [["no_fixed_address", 30], ["asked_for_id_or_address", 20], ["practice_list_closed", 10], ["refused_without_reason", 6], ["language", 4], ["digital_only_registration", 14], ["person_declined", 10], ["other", 4]],
  middlesbrough: [["no_fixed_address", 32], ["asked_for_id_or_address", 22], ["practice_list_closed", 6], ["refused_without_reason", 8], ["language", 2], ["digital_only_registration", 12], ["person_declined", 12], ["other", 4]],
  ilfracombe: [["no_fixed_address", 28], ["asked_for_id_or_address", 16], ["practice_list_closed", 18], ["refused_without_reason", 6], ["language", 1], ["digital_only_registration", 12], ["person_declined", 12], ["other", 5]],
  hammersmith: [["no_fixed_address", 30], ["asked_for_id_or_address", 22], ["practice_list_closed", 6], ["refused_without_reason", 8], ["language", 12], ["digital_only_registration", 10], ["person_declined", 8], ["other", 4]],
};

const otherBarrierNotes = [
  "Removed from the old practice's list while in custody",
  "Worried the practice would share information with probation",
  "Previous practice is outside the area since moving to approved premises",
];

// ---------------------------------------------------------------------------------------------
// What a person is like: kept from one health check to the next, with some change over time.

type DrugUse = { substance: DrugSubstance; frequency: DrugFrequency };

type Profile = {
  male: boolean;
  age: number;
  smoking: SmokingStatus;
  vapes: boolean;
  hsiTimeToFirst: HsiTimeToFirst;
  hsiCigarettesPerDay: HsiCigarettesPerDay;
  drinking: "none" | "lower" | "risky";
  drugs: DrugUse[];
  otherSubstance: string | null;
  everInjected: boolean;
  injectingNow: boolean;
  inTreatment: boolean;
  onOst: boolean;
  /** PHQ-9 total the person starts at. */
  phq9: number;
  item9Prone: boolean;
  conditions: Partial<Record<NeurodivergentCondition, "self_declared" | "confirmed">>;
  conditionOther: string | null;
  adjustments: (ReasonableAdjustment | "none")[];
  heightCm: number;
  bmi: number;
  systolic: number;
  diastolic: number;
  longTermConditions: string | null;
  aeBase: number;
  dentist: DentistAnswer;
};

const clamp = (n: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, n));

function makeProfile(rng: Random, person: PersonPlan, today: string): Profile {
  const male = person.sexRegisteredAtGp === "male" || (person.sexRegisteredAtGp !== "female" && rng.chance(0.5));
  const age = ageOn(person.dateOfBirth, today);
  const has = (kind: "MHTR" | "DRR" | "ATR") => person.requirements.some((r) => r.kind === kind);

  // About half smoke (DOMAIN.md), fewer among the oldest.
  const smoking = rng.weighted<SmokingStatus>([["current", age >= 60 ? 35 : 55], ["ex", age >= 45 ? 28 : 16], ["never", 30]]);
  const vapes = rng.chance(smoking === "current" ? 0.22 : smoking === "ex" ? 0.35 : 0.06);

  const drinking = rng.weighted<Profile["drinking"]>([["none", 25], ["lower", 55], ["risky", has("ATR") ? 100 : 19]]);

  const usesDrugs = has("DRR") ? rng.chance(0.9) : rng.chance(age < 40 ? 0.33 : 0.2);
  const drugs: DrugUse[] = [];
  if (usesDrugs) {
    const rates: readonly (readonly [DrugSubstance, number])[] = [
      ["cannabis", 0.6],
      ["cocaine_or_crack", has("DRR") ? 0.55 : 0.3],
      ["heroin_or_opioids", has("DRR") ? 0.45 : 0.12],
      ["benzodiazepines", 0.1],
      ["amphetamines", 0.06],
      ["synthetic_cannabinoids", 0.07],
      ["other", 0.04],
    ];
    const frequencies: Record<DrugSubstance, readonly (readonly [DrugFrequency, number])[]> = {
      cannabis: [["daily", 40], ["weekly", 30], ["monthly", 15], ["once_or_twice", 15]],
      cocaine_or_crack: [["daily", 12], ["weekly", 35], ["monthly", 33], ["once_or_twice", 20]],
      heroin_or_opioids: [["daily", 65], ["weekly", 20], ["monthly", 8], ["once_or_twice", 7]],
      benzodiazepines: [["daily", 30], ["weekly", 35], ["monthly", 20], ["once_or_twice", 15]],
      amphetamines: [["daily", 15], ["weekly", 35], ["monthly", 30], ["once_or_twice", 20]],
      synthetic_cannabinoids: [["daily", 45], ["weekly", 30], ["monthly", 15], ["once_or_twice", 10]],
      other: [["weekly", 30], ["monthly", 40], ["once_or_twice", 30]],
    };
    for (const [substance, p] of rates) if (rng.chance(p)) drugs.push({ substance, frequency: rng.weighted(frequencies[substance]) });
    if (drugs.length === 0) drugs.push({ substance: "cannabis", frequency: rng.weighted(frequencies.cannabis) });
  }
  const opioids = drugs.some((d) => d.substance === "heroin_or_opioids");
  const everInjected = rng.chance(opioids ? 0.5 : usesDrugs ? 0.05 : 0.01);
  const inTreatment = has("DRR") ? rng.chance(0.85) : opioids ? rng.chance(0.55) : usesDrugs ? rng.chance(0.12) : false;

  const phq9Band = rng.weighted<readonly [number, number]>([
    [[0, 4], has("MHTR") ? 10 : 40],
    [[5, 9], 40],
    [[10, 14], has("MHTR") ? 40 : 11],
    [[15, 19], has("MHTR") ? 25 : 5],
    [[20, 27], has("MHTR") ? 12 : 2.5],
  ]);
  const phq9 = rng.int(phq9Band[0], phq9Band[1]);

  const conditionRates: readonly (readonly [NeurodivergentCondition, number])[] = [
    ["adhd", 0.14],
    ["autism", 0.04],
    ["learning_disability", 0.05],
    ["acquired_brain_injury", 0.06],
    ["dyslexia", 0.12],
    ["other", 0.02],
  ];
  const conditions: Profile["conditions"] = {};
  for (const [condition, p] of conditionRates) if (rng.chance(p)) conditions[condition] = rng.chance(0.55) ? "self_declared" : "confirmed";
  const anyCondition = Object.keys(conditions).length > 0;
  let adjustments: Profile["adjustments"];
  if (anyCondition) {
    const options: (readonly [ReasonableAdjustment, number])[] = [
      ["easy_read", conditions.learning_disability ? 60 : 10],
      ["longer_appointments", 25],
      ["reminders", 35],
      ["quiet_space", conditions.autism ? 40 : 10],
      ["support_person", conditions.learning_disability ? 30 : 5],
      ["other", 4],
    ];
    const first = rng.weighted(options);
    const second = rng.chance(0.4) ? rng.weighted(options.filter(([a]) => a !== first)) : null;
    adjustments = second ? [first, second] : [first];
  } else {
    adjustments = rng.chance(0.1) ? ["reminders"] : rng.chance(0.015) ? ["interpreter"] : ["none"];
  }

  const heightCm = Math.round(male ? clamp(rng.normal(176, 7), 155, 200) : clamp(rng.normal(163, 6.5), 145, 185));
  const bmi = clamp(rng.normal(opioids ? 22.5 : 26.5, 4.5), 17, 44);
  const systolic = Math.round(clamp(rng.normal(116 + 0.5 * Math.max(0, age - 25) + (male ? 5 : 0), 13), 95, 185));
  const diastolic = Math.round(clamp(rng.normal(74 + 0.2 * Math.max(0, age - 25), 8), 55, 110));

  const ltc: string[] = [];
  if (rng.chance(0.12)) ltc.push("Asthma");
  if (rng.chance(0.08)) ltc.push("Chronic back pain");
  if (everInjected && rng.chance(0.4)) ltc.push(rng.chance(0.7) ? "Hepatitis C" : "Hepatitis C, treated");
  if (age >= 40 && rng.chance(0.1)) ltc.push("Type 2 diabetes");
  if (age >= 45 && rng.chance(0.15)) ltc.push("High blood pressure");
  if (age >= 45 && smoking !== "never" && rng.chance(0.15)) ltc.push("COPD");
  if (rng.chance(0.02)) ltc.push("Epilepsy");

  return {
    male,
    age,
    smoking,
    vapes,
    hsiTimeToFirst: rng.weighted<HsiTimeToFirst>([["within_5", 30], ["6_30", 40], ["31_60", 18], ["after_60", 12]]),
    hsiCigarettesPerDay: rng.weighted<HsiCigarettesPerDay>([["10_or_fewer", 42], ["11_20", 40], ["21_30", 13], ["31_or_more", 5]]),
    drinking,
    drugs,
    otherSubstance: drugs.some((d) => d.substance === "other") ? rng.pick(["Pregabalin, not prescribed", "Ketamine", "Nitrous oxide"]) : null,
    everInjected,
    injectingNow: everInjected && rng.chance(0.3),
    inTreatment,
    onOst: opioids && inTreatment && rng.chance(0.8),
    phq9,
    item9Prone: phq9 >= 10 ? rng.chance(0.3) : phq9 >= 5 ? rng.chance(0.06) : false,
    conditions,
    conditionOther: conditions.other ? rng.pick(["Dyspraxia", "Tourette's syndrome", "Foetal alcohol spectrum disorder"]) : null,
    adjustments,
    heightCm,
    bmi,
    systolic: Math.max(systolic, diastolic + 25),
    diastolic,
    longTermConditions: ltc.length ? ltc.join("; ") : null,
    aeBase: rng.weighted([[0, 58], [1, 22], [2, 10], [3, 5], [4, 3], [6, 2]] as const) + (opioids ? 1 : 0),
    dentist: rng.weighted<DentistAnswer>([["yes", 35], ["no", 50], ["not_known", 15]]),
  };
}

/** Spreads `total` points over `weights.length` items of at most `cap` each. */
function spread(rng: Random, total: number, weights: readonly number[], cap: number): number[] {
  const items = weights.map(() => 0);
  let left = Math.min(total, cap * weights.length);
  while (left > 0) {
    const open = weights.flatMap((w, i) => ((items[i] ?? cap) < cap ? [[i, w] as const] : []));
    const i = rng.weighted(open);
    items[i] = (items[i] ?? 0) + 1;
    left--;
  }
  return items;
}

const phqItemWeights = [1.1, 1.2, 1.5, 1.5, 1.0, 1.1, 1.0, 0.7];
const gadItemWeights = [1.3, 1.1, 1.2, 1.2, 0.8, 1.2, 0.8];

type CheckState = { phq9: number; item9Prone: boolean; smoking: SmokingStatus; vapes: boolean; visit: number };

/** Every section answered, in the stored shape, for one visit. */
function answersFor(rng: Random, p: Profile, state: CheckState, opts: { forceItem9?: boolean } = {}): HealthCheckAnswers {
  const a = emptyAnswers();

  // Smoking: very brief advice for everyone who smokes (ask, advise, act).
  a.smoking.status = state.smoking;
  a.smoking.vapes = state.vapes;
  if (state.smoking === "current") {
    a.smoking.hsiTimeToFirst = p.hsiTimeToFirst;
    a.smoking.hsiCigarettesPerDay = p.hsiCigarettesPerDay;
    a.smoking.briefAdvice = rng.chance(0.95);
    a.smoking.referralOffered = rng.chance(0.85);
    a.smoking.referralAccepted = a.smoking.referralOffered ? rng.chance(0.4) : null;
  }

  // Alcohol: AUDIT-C, and the full AUDIT when it is 5 or more.
  if (p.drinking === "none") {
    a.alcohol = { ...a.alcohol, audit1: 0, audit2: 0, audit3: 0 };
  } else if (p.drinking === "lower") {
    const audit1 = rng.weighted([[1, 40], [2, 40], [3, 20]] as const);
    const audit2 = rng.chance(0.3) ? 1 : 0;
    const audit3 = Math.min(rng.chance(0.35) ? 1 : 0, 4 - audit1 - audit2);
    a.alcohol = { ...a.alcohol, audit1, audit2, audit3 };
  } else {
    const audit1 = rng.weighted([[2, 25], [3, 40], [4, 35]] as const);
    const audit2 = rng.weighted([[1, 35], [2, 30], [3, 20], [4, 15]] as const);
    const audit3 = Math.max(rng.weighted([[1, 30], [2, 35], [3, 25], [4, 10]] as const), 5 - audit1 - audit2);
    const severity = (audit1 + audit2 + audit3 - 5) / 7;
    const lastYear = (shift: number) => clamp(Math.round(rng.normal(severity * 2.5 + shift - 0.4, 0.9)), 0, 4);
    const harm = () => rng.weighted([[0, 70 - 30 * severity], [2, 18], [4, 12 + 40 * severity]] as const);
    a.alcohol = {
      audit1,
      audit2,
      audit3,
      audit4: lastYear(0),
      audit5: lastYear(-0.5),
      audit6: lastYear(-1.2),
      audit7: lastYear(0.3),
      audit8: lastYear(-0.6),
      audit9: harm(),
      audit10: harm(),
    };
  }

  // Drugs: recorded plainly, not scored.
  a.drugs.substances = p.drugs.length ? p.drugs.map((d) => d.substance) : ["none"];
  for (const d of p.drugs) a.drugs[`frequency_${d.substance}`] = d.frequency;
  a.drugs.otherSubstance = p.otherSubstance;
  a.drugs.everInjected = p.everInjected;
  a.drugs.injectingNow = p.everInjected ? p.injectingNow : null;
  a.drugs.inTreatment = p.inTreatment;
  a.drugs.onOst = p.onOst;

  // Mood: PHQ-9 (question 9 on its own) and GAD-7, which tracks it loosely.
  const item9 = opts.forceItem9 ? rng.weighted([[1, 65], [2, 25], [3, 10]] as const) : state.item9Prone ? rng.weighted([[0, 20], [1, 55], [2, 18], [3, 7]] as const) : 0;
  const phqRest = spread(rng, clamp(state.phq9 - item9, 0, 24), phqItemWeights, 3);
  const [phq1 = 0, phq2 = 0, phq3 = 0, phq4 = 0, phq5 = 0, phq6 = 0, phq7 = 0, phq8 = 0] = phqRest;
  const phq = { phq1, phq2, phq3, phq4, phq5, phq6, phq7, phq8, phq9: item9 };
  const gadTotal = clamp(Math.round(state.phq9 * 0.75 + rng.normal(0, 3)), 0, 21);
  const [gad1 = 0, gad2 = 0, gad3 = 0, gad4 = 0, gad5 = 0, gad6 = 0, gad7 = 0] = spread(rng, gadTotal, gadItemWeights, 3);
  a.mood = { ...phq, gad1, gad2, gad3, gad4, gad5, gad6, gad7 };

  // Self-harm and suicide: recorded with the action taken, never scored (NICE NG225).
  const thoughts = item9 > 0 && rng.chance(0.7);
  const recentSelfHarm = rng.chance(item9 > 0 ? 0.35 : 0.04);
  a.self_harm.currentThoughts = thoughts;
  a.self_harm.recentSelfHarm = recentSelfHarm;
  const needsAction = item9 > 0 || thoughts || recentSelfHarm;
  a.self_harm.action = needsAction ? rng.weighted<SelfHarmAction>([["same_day_review", 50], ["safety_plan", 35], ["crisis_referral", 15]]) : "none_needed";
  a.self_harm.note = needsAction ? rng.pick(selfHarmNotes[a.self_harm.action]) : null;

  // Neurodivergence: the same person from one check to the next.
  for (const c of neurodivergentConditions) {
    const answer: ConditionAnswer = p.conditions[c] ?? "not_recorded";
    a.neurodiversity[`condition_${c}`] = answer;
  }
  a.neurodiversity.conditionOther = p.conditionOther;
  a.neurodiversity.adjustments = [...p.adjustments];
  a.neurodiversity.adjustmentsOther = p.adjustments.includes("other") ? "Appointment letters by post as well as by text" : null;

  // Physical: weight and blood pressure move a little between visits.
  const weightKg = Math.round(p.bmi * (p.heightCm / 100) ** 2 * 10 + rng.normal(0, 15) * state.visit) / 10;
  const diastolic = Math.round(p.diastolic + rng.normal(0, 4));
  a.physical.heightCm = p.heightCm;
  a.physical.weightKg = clamp(weightKg, 40, 200);
  a.physical.diastolic = diastolic;
  a.physical.systolic = Math.max(Math.round(p.systolic + rng.normal(0, 6)), diastolic + 20);
  a.physical.longTermConditions = p.longTermConditions;
  a.physical.aeAttendances = state.visit === 0 ? p.aeBase : Math.max(0, p.aeBase - rng.int(0, 1));
  a.physical.dentist = p.dentist;
  return a;
}

const selfHarmNotes: Record<SelfHarmAction, readonly string[]> = {
  none_needed: ["Discussed; no concerns raised."],
  same_day_review: [
    "Passive thoughts, no plan or intent. Reviewed the same day with the duty clinician.",
    "Fleeting thoughts over the last fortnight, none today. Protective factors: children and partner.",
  ],
  safety_plan: ["Safety plan written with the person; crisis numbers given. Follow-up booked.", "Agreed a safety plan; will tell their officer if they feel worse."],
  crisis_referral: ["Active thoughts with a plan: referred to the crisis team the same day.", "Crisis team contacted and assessment arranged for today."],
};

const alertActionFor: Record<SelfHarmAction, AlertAction> = {
  none_needed: "same_day_review",
  same_day_review: "same_day_review",
  safety_plan: "safety_plan",
  crisis_referral: "crisis_referral",
};

/**
 * What the app stores: only the answers each section's schema accepts, with those that no longer
 * apply dropped. Fails loudly when a section would not parse, which parseAnswers would otherwise
 * read as "unanswered".
 */
function storedAnswers(raw: HealthCheckAnswers): HealthCheckAnswers {
  for (const section of healthCheckSections) {
    const parsed = sectionAnswerSchemas[section].safeParse(raw[section]);
    if (!parsed.success) throw new Error(`Seed: generated ${section} answers do not parse: ${parsed.error.message}`);
  }
  return applicableAnswers(parseAnswers(raw));
}

/** A draft: the first `complete` sections saved, then maybe one section saved half-done. */
function draftAnswers(rng: Random, full: HealthCheckAnswers, complete: number): HealthCheckAnswers {
  const draft = emptyAnswers();
  const sections = healthCheckSections.slice(0, complete);
  const assign = <S extends HealthCheckSection>(section: S) => {
    draft[section] = full[section];
  };
  for (const s of sections) assign(s);
  const next = healthCheckSections[complete];
  if (next === "alcohol" && full.alcohol.audit4 !== null && rng.chance(0.7)) {
    // A positive AUDIT-C saved before the rest of the AUDIT: the task list shows it outstanding.
    draft.alcohol = { ...emptyAnswers().alcohol, audit1: full.alcohol.audit1, audit2: full.alcohol.audit2, audit3: full.alcohol.audit3 };
  } else if (next === "physical" && rng.chance(0.5)) {
    draft.physical = { ...emptyAnswers().physical, heightCm: full.physical.heightCm, weightKg: full.physical.weightKg };
  }
  return draft;
}

// ---------------------------------------------------------------------------------------------
// Planning

type PersonHealth = {
  person: PersonPlan;
  rng: Random;
  profile: Profile;
  clinician: string;
  /** When consent to hub care was given, if it was. */
  hubCareFrom: string | null;
  hubCareAt: Date | null;
  bestInterests: boolean;
  consents: ConsentPlan[];
  checks: HealthCheckPlan[];
  lastActivityOn: string | null;
  hasDraft: boolean;
  hasScreening: boolean;
};

const attendedOutcomes: readonly (AppointmentOutcome | null)[] = ["attended", "attended_late"];

/** Pure: the same input gives the same plan. */
export function planHealthRecords(input: HealthPlanInput): HealthPlan {
  const { today } = input;
  const latestDay = weekdayOnOrBefore(addDays(today, -1));
  const appointmentsByCrn = new Map<string, AppointmentPlan[]>();
  for (const a of input.appointments) {
    const list = appointmentsByCrn.get(a.crn) ?? [];
    list.push(a);
    appointmentsByCrn.set(a.crn, list);
  }
  for (const list of appointmentsByCrn.values()) list.sort((x, y) => x.startsAt.getTime() - y.startsAt.getTime());
  const attendedAppointmentOn = (crn: string, date: string, accept: (a: AppointmentPlan) => boolean) =>
    (appointmentsByCrn.get(crn) ?? []).find((a) => attendedOutcomes.includes(a.outcome) && londonDate(a.startsAt) === date && accept(a)) ?? null;

  const plan: HealthPlan = { consents: [], gpRegistrations: [], healthChecks: [], alerts: [], screenings: [] };
  const everyone: PersonHealth[] = [];

  for (const person of input.people) {
    const rng = personStream(person.crn);
    const siteClinicians = input.clinicians[person.siteCode];
    const primary = siteClinicians[0];
    if (primary === undefined) throw new Error(`Seed: no clinician at ${person.siteCode}`);
    // Most of a person's hub care is with one clinician; a second at the site covers some visits.
    const clinician = siteClinicians.length > 1 && rng.chance(0.25) ? rng.pick(siteClinicians.slice(1)) : primary;
    const h: PersonHealth = {
      person,
      rng,
      profile: makeProfile(rng, person, today),
      clinician,
      hubCareFrom: null,
      hubCareAt: null,
      bestInterests: rng.chance(0.025),
      consents: [],
      checks: [],
      lastActivityOn: null,
      hasDraft: false,
      hasScreening: false,
    };
    everyone.push(h);
    const mine = appointmentsByCrn.get(person.crn) ?? [];

    // ---- Consent: at induction (a clinician sits in) or at the first hub appointment.
    const firstHub = mine.find((a) => a.kind === "health" && attendedOutcomes.includes(a.outcome) && londonDate(a.startsAt) >= person.enrolledOn);
    const consentDay =
      rng.chance(0.55) || !firstHub
        ? (rng.chance(0.8) ? person.enrolledOn : (weekdayBetween(rng, person.enrolledOn, minDate(addDays(person.enrolledOn, 14), latestDay)) ?? person.enrolledOn))
        : londonDate(firstHub.startsAt);

    // The first health check, planned now so the consent conversation can open it.
    const firstCheckAppointment = mine.find((a) => a.type === "health_check" && attendedOutcomes.includes(a.outcome) && londonDate(a.startsAt) >= consentDay);
    const method: ConsentMethod = h.bestInterests ? "best_interests" : "own_consent";
    const hubGiven = rng.chance(0.88);
    let consentTime = officeTime(rng, 15 * 60);
    if (hubGiven && firstCheckAppointment && londonDate(firstCheckAppointment.startsAt) === consentDay) {
      const t = toLondon(firstCheckAppointment.startsAt).time.split(":").map(Number);
      consentTime = (t[0] ?? 9) * 60 + (t[1] ?? 0) + 2;
    }
    const conversationAt = londonInstant(consentDay, consentTime);
    const consent = (kind: ConsentKind, decision: ConsentDecision, on: string, at: Date, how: ConsentMethod = method): ConsentPlan => {
      const c: ConsentPlan = { crn: person.crn, kind, decision, decidedOn: on, method: how, recordedByEmail: clinician, recordedAt: at, withdrawnOn: null, withdrawalRecordedByEmail: null, withdrawalRecordedAt: null };
      h.consents.push(c);
      return c;
    };
    consent("hub_care", hubGiven ? "given" : "refused", consentDay, conversationAt);
    if (hubGiven) {
      h.hubCareFrom = consentDay;
      consent("share_with_probation", rng.chance(0.7) ? "given" : "refused", consentDay, minutes(conversationAt, 1));
    } else if (rng.chance(0.25)) {
      // Changed their mind a few weeks later, having seen what the hub does.
      const later = weekdayBetween(rng, addDays(consentDay, 21), minDate(addDays(consentDay, 56), latestDay));
      if (later) {
        const at = londonInstant(later, officeTime(rng, 15 * 60));
        consent("hub_care", "given", later, at);
        consent("share_with_probation", rng.chance(0.6) ? "given" : "refused", later, minutes(at, 1));
        h.hubCareFrom = later;
      }
    }
    if (!h.bestInterests) consent("evaluation", rng.chance(hubGiven ? 0.86 : 0.4) ? "given" : "refused", consentDay, minutes(conversationAt, 2), "own_consent");
    // A few withdraw sharing or evaluation later; withdrawal takes effect at once.
    for (const c of h.consents) {
      if (c.decision !== "given" || c.kind === "hub_care" || !rng.chance(c.kind === "share_with_probation" ? 0.04 : 0.025)) continue;
      const on = weekdayBetween(rng, addDays(c.decidedOn, 14), latestDay);
      if (!on) continue;
      Object.assign(c, { withdrawnOn: on, withdrawalRecordedByEmail: clinician, withdrawalRecordedAt: londonInstant(on, officeTime(rng)) });
    }

    const hubCareFrom = h.hubCareFrom;
    if (hubCareFrom === null) continue;
    const hubConsent = h.consents.find((c) => c.kind === "hub_care" && c.decision === "given");
    const hubConsentAt = hubConsent?.recordedAt ?? conversationAt;
    h.hubCareAt = hubConsentAt;

    // ---- GP registration: the status at enrolment, then any registration the hub helped with.
    const gpAt = minutes(hubConsentAt, 5);
    const atEnrolment = rng.weighted<GpStatus>([["registered", 55], ["not_registered", 35], ["unknown", 10]]);
    const gp = (row: Omit<GpRegistrationPlan, "crn" | "recordedByEmail">) => {
      plan.gpRegistrations.push({ crn: person.crn, recordedByEmail: clinician, ...row });
      h.lastActivityOn = h.lastActivityOn === null ? londonDate(row.recordedAt) : maxDate(h.lastActivityOn, londonDate(row.recordedAt));
    };
    if (atEnrolment === "registered") {
      const [practiceName, odsCode] = rng.pick(practices[person.siteCode]);
      const adult = addDays(person.dateOfBirth, 16 * 366);
      gp({
        status: "registered",
        practiceName,
        odsCode,
        registrationType: rng.chance(0.95) ? "permanent" : "temporary",
        supportStartedOn: null,
        registeredOn: maxDate(adult, addDays(person.enrolledOn, -rng.int(30, 12 * 365))),
        barriers: [],
        note: null,
        atEnrolment: true,
        recordedAt: gpAt,
      });
    } else if (atEnrolment === "unknown") {
      gp({
        status: "unknown",
        practiceName: null,
        odsCode: null,
        registrationType: null,
        supportStartedOn: null,
        registeredOn: null,
        barriers: [],
        note: rng.chance(0.5) ? "Not sure whether still registered after time in custody; to check with the practice" : null,
        atEnrolment: true,
        recordedAt: gpAt,
      });
    } else {
      const first = rng.weighted(barrierWeights[person.siteCode]);
      const second = rng.chance(0.35) ? rng.weighted(barrierWeights[person.siteCode].filter(([b]) => b !== first)) : null;
      const barriers = gpBarriers.filter((b) => b === first || b === second);
      const declined = barriers.includes("person_declined");
      const note = barriers.includes("other") ? rng.pick(otherBarrierNotes) : null;
      const supportStartedOn = declined ? null : londonDate(gpAt);
      gp({ status: "not_registered", practiceName: null, odsCode: null, registrationType: null, supportStartedOn, registeredOn: null, barriers, note, atEnrolment: true, recordedAt: gpAt });
      if (supportStartedOn !== null && rng.chance(0.55)) {
        const registeredOn = weekdayBetween(rng, addDays(supportStartedOn, 3), minDate(addDays(supportStartedOn, 42), latestDay));
        if (registeredOn) {
          const [practiceName, odsCode] = rng.pick(practices[person.siteCode]);
          const recordedOn = weekdayBetween(rng, registeredOn, minDate(addDays(registeredOn, 4), latestDay)) ?? registeredOn;
          gp({
            status: "registered",
            practiceName,
            odsCode,
            registrationType: rng.chance(barriers.includes("no_fixed_address") ? 0.35 : 0.1) ? "temporary" : "permanent",
            supportStartedOn,
            registeredOn,
            barriers,
            note: rng.chance(0.4) ? "Registered with the hub's help; no proof of address or ID was needed" : null,
            atEnrolment: false,
            recordedAt: londonInstant(recordedOn, officeTime(rng)),
          });
        }
      }
    }

    // ---- Completed health checks, on the day of a hub appointment where there was one.
    const wantsChecks = rng.chance(firstCheckAppointment ? 0.8 : 0.35);
    if (!wantsChecks) continue;
    const visits = rng.weighted([[1, 55], [2, 32], [3, 13]] as const);
    const state: CheckState = { phq9: h.profile.phq9, item9Prone: h.profile.item9Prone, smoking: h.profile.smoking, vapes: h.profile.vapes, visit: 0 };
    let previous: string | null = null;
    for (let visit = 0; visit < visits; visit++) {
      let date: string | null;
      let appointment: AppointmentPlan | null = null;
      if (previous === null) {
        appointment = firstCheckAppointment && londonDate(firstCheckAppointment.startsAt) >= hubCareFrom ? firstCheckAppointment : null;
        date = appointment ? londonDate(appointment.startsAt) : weekdayBetween(rng, hubCareFrom, minDate(addDays(hubCareFrom, 28), latestDay));
      } else {
        const from = addDays(previous, 42);
        const followUp = mine.find((a) => a.kind === "health" && attendedOutcomes.includes(a.outcome) && londonDate(a.startsAt) >= from && londonDate(a.startsAt) <= addDays(previous ?? from, 140));
        appointment = followUp && rng.chance(0.8) ? followUp : null;
        date = appointment ? londonDate(appointment.startsAt) : weekdayBetween(rng, addDays(previous, 56), minDate(addDays(previous, 120), latestDay));
      }
      if (date === null || date > latestDay) break;
      // A check on a probation day: the clinician sits in on that appointment.
      appointment ??= rng.chance(0.7) ? attendedAppointmentOn(person.crn, date, (a) => a.kind === "probation") : null;

      const startsAt = appointment ? minutes(appointment.startsAt, 12) : londonInstant(date, officeTime(rng, 15 * 60));
      // The consent conversation comes first on the day it opens the health check.
      const createdAt = startsAt.getTime() <= hubConsentAt.getTime() ? minutes(hubConsentAt, 10) : startsAt;
      const completedAt = minutes(createdAt, rng.int(30, 55));
      const answers = storedAnswers(answersFor(rng, h.profile, state));
      if (incompleteSections(answers).length) throw new Error(`Seed: a completed health check for ${person.crn} has sections to finish`);
      const check: HealthCheckPlan = {
        key: `${person.crn}|${createdAt.toISOString()}`,
        crn: person.crn,
        siteCode: person.siteCode,
        appointmentKey: appointment?.key ?? null,
        status: "completed",
        answers,
        scores: computeScores(answers),
        clinicianEmail: visit === 0 ? (hubConsent?.recordedByEmail ?? clinician) : clinician,
        createdAt,
        updatedAt: completedAt,
        completedAt,
        // Created at 1, one save per section, one to complete: as the app counts.
        version: 1 + healthCheckSections.length + 1,
      };
      h.checks.push(check);
      plan.healthChecks.push(check);
      previous = date;
      h.lastActivityOn = h.lastActivityOn === null ? date : maxDate(h.lastActivityOn, date);

      // Between visits: mood tends to lift with support, some stop smoking.
      state.visit = visit + 1;
      state.phq9 = clamp(state.phq9 + (rng.chance(0.75) ? -rng.int(0, 5) : rng.int(1, 4)), 0, 27);
      state.item9Prone = state.item9Prone && state.phq9 >= 5 && rng.chance(0.55);
      if (state.smoking === "current" && rng.chance(0.15)) {
        state.smoking = "ex";
        state.vapes = state.vapes || rng.chance(0.6);
      }
    }
  }

  // ---- Drafts: two health checks in progress at each site, one with an alert waiting for review.
  const siteCodes = [...new Set(input.people.map((p) => p.siteCode))];
  siteCodes.forEach((siteCode, siteIndex) => {
    const rng = new Random(HEALTH_SEED + 7919 * (siteIndex + 1));
    const candidates = rng.shuffle(everyone.filter((h) => h.person.siteCode === siteCode && h.hubCareAt !== null));
    let drafts = 0;
    for (const h of candidates) {
      if (drafts === 2) break;
      const hubCareAt = h.hubCareAt;
      if (hubCareAt === null) continue;
      const lastCheck = h.checks[h.checks.length - 1];
      // A repeat check comes at least four weeks after the last one.
      const hubCareFrom = h.hubCareFrom ?? latestDay;
      const from = lastCheck ? maxDate(hubCareFrom, addDays(londonDate(lastCheck.createdAt), 28)) : hubCareFrom;
      // The alert draft was started on the last working day, so it sits at the top of the worklist.
      const forceItem9 = drafts === 0;
      const day = forceItem9 ? (from <= latestDay ? latestDay : null) : weekdayBetween(rng, maxDate(from, addDays(latestDay, -10)), latestDay);
      if (day === null) continue;
      drafts++;
      const draftRng = personStream(h.person.crn, 1);
      const state: CheckState = {
        phq9: forceItem9 ? Math.max(h.profile.phq9, draftRng.int(11, 18)) : h.profile.phq9,
        item9Prone: h.profile.item9Prone,
        smoking: h.profile.smoking,
        vapes: h.profile.vapes,
        visit: h.checks.length,
      };
      const full = storedAnswers(answersFor(draftRng, h.profile, state, { forceItem9 }));
      // The alert draft stopped after mood (the fourth section); the others anywhere from one to five.
      const complete = forceItem9 ? 4 : draftRng.weighted([[1, 2], [2, 3], [3, 3], [5, 2]] as const);
      const answers = storedAnswers(draftAnswers(draftRng, full, complete));
      const appointment = attendedAppointmentOn(h.person.crn, day, () => true);
      const startsAt = appointment ? minutes(appointment.startsAt, 5) : londonInstant(day, officeTime(draftRng, 15 * 60));
      const createdAt = startsAt.getTime() <= hubCareAt.getTime() ? minutes(hubCareAt, 10) : startsAt;
      const saves = healthCheckSections.filter((s) => Object.values(answers[s]).some((v) => v !== null)).length;
      const check: HealthCheckPlan = {
        key: `${h.person.crn}|${createdAt.toISOString()}`,
        crn: h.person.crn,
        siteCode,
        appointmentKey: appointment?.key ?? null,
        status: "draft",
        answers,
        scores: computeScores(answers),
        clinicianEmail: h.clinician,
        createdAt,
        updatedAt: minutes(createdAt, 6 * saves),
        completedAt: null,
        // Created at 1, then one save per section started.
        version: 1 + saves,
      };
      h.checks.push(check);
      h.hasDraft = true;
      plan.healthChecks.push(check);
    }
  });

  // ---- Alerts: every check with PHQ-9 question 9 above 0. Older ones were actioned the same day;
  // the newest one or two at each site are still open on the worklist.
  const openSince = addDays(latestDay, -3);
  for (const siteCode of siteCodes) {
    const rng = new Random(HEALTH_SEED + 104_729 * (siteCodes.indexOf(siteCode) + 1));
    const flagged = plan.healthChecks
      .filter((c) => c.siteCode === siteCode && needsSameDayReview(c.answers))
      .sort((x, y) => y.createdAt.getTime() - x.createdAt.getTime());
    const keepOpen = rng.int(1, 2);
    let open = 0;
    for (const check of flagged) {
      // Raised when the mood section was saved, the fourth of seven.
      const raisedAt = check.status === "draft" ? check.updatedAt : minutes(check.createdAt, 20);
      const stillOpen = open < keepOpen && londonDate(raisedAt) >= openSince && (check.status === "draft" || open === 0 || rng.chance(0.5));
      if (stillOpen) open++;
      const selfHarmAction = check.answers.self_harm.action;
      const action = stillOpen ? null : selfHarmAction ? alertActionFor[selfHarmAction] : rng.weighted<AlertAction>([["same_day_review", 55], ["safety_plan", 30], ["crisis_referral", 10], ["other", 5]]);
      plan.alerts.push({
        healthCheckKey: check.key,
        crn: check.crn,
        siteCode,
        raisedAt,
        action,
        actionNote: action === "other" ? "Discussed with the person's GP the same afternoon" : action !== null && rng.chance(0.4) ? "Seen the same day; plan agreed with the person" : null,
        actionedAt: action === null ? null : minutes(raisedAt, rng.int(25, 150)),
        actionedByEmail: action === null ? null : check.clinicianEmail,
      });
    }
  }

  // ---- Screening: what the hub has done for eligible people, on the latest smoking history.
  for (const h of everyone) {
    const hubCareFrom = h.hubCareFrom;
    if (hubCareFrom === null) continue;
    const { person, rng } = h;
    const latestSmoking = [...h.checks].sort((x, y) => y.createdAt.getTime() - x.createdAt.getTime()).find((c) => c.answers.smoking.status !== null)?.answers.smoking.status;
    const smokingHistory: SmokingHistory = latestSmoking ?? "unknown";
    const eligibility = allScreeningEligibility(
      { dateOfBirth: person.dateOfBirth, sexRegisteredAtGp: person.sexRegisteredAtGp, ethnicGroup: person.ethnicGroup, smokingHistory, today },
      {},
    );
    const from = addDays(hubCareFrom, 1);
    for (const programme of screeningProgrammes) {
      if (!eligibility[programme].eligible || !rng.chance(0.6)) continue;
      const row = screeningFor(rng, programme, person, from, latestDay, today, h.clinician);
      if (!row) continue;
      plan.screenings.push(row);
      h.hasScreening = true;
      h.lastActivityOn = h.lastActivityOn === null ? londonDate(row.updatedAt) : maxDate(h.lastActivityOn, londonDate(row.updatedAt));
    }
  }

  // ---- A few withdraw from the hub altogether (and so from sharing) after their last contact.
  for (const h of everyone) {
    const hub = h.consents.find((c) => c.kind === "hub_care" && c.decision === "given");
    if (!hub || h.hasDraft || h.hasScreening || !h.rng.chance(0.02)) continue;
    const on = weekdayBetween(h.rng, addDays(maxDate(hub.decidedOn, h.lastActivityOn ?? hub.decidedOn), 7), latestDay);
    if (!on) continue;
    const at = londonInstant(on, officeTime(h.rng));
    for (const c of h.consents) {
      if (c.decision !== "given" || c.withdrawnOn !== null || c.kind === "evaluation") continue;
      Object.assign(c, { withdrawnOn: on, withdrawalRecordedByEmail: h.clinician, withdrawalRecordedAt: at });
    }
  }

  for (const h of everyone) plan.consents.push(...h.consents);
  for (const g of plan.gpRegistrations) if (g.odsCode !== null && !isValidOdsCode(g.odsCode)) throw new Error(`Seed: bad ODS code ${g.odsCode}`);
  return plan;
}

const programmeYears: Record<ScreeningProgramme, number> = { bowel: 2, breast: 3, cervical: 3, aaa: 0, lung: 2, prostate: 0 };
const screeningStartAge: Record<ScreeningProgramme, number> = { bowel: 50, breast: 50, cervical: 25, aaa: 65, lung: 55, prostate: 50 };

const bookingNotes: Partial<Record<ScreeningProgramme, readonly string[]>> = {
  bowel: ["Replacement home test kit ordered through the bowel screening helpline"],
  breast: ["Appointment at the mobile screening unit"],
  cervical: ["Booked with the practice nurse; asked for a female sample taker"],
  aaa: ["Self-referred to the local AAA screening service"],
  lung: ["Lung health check booked at the community clinic"],
  prostate: ["PSA blood test booked with the GP after an informed discussion"],
};

function screeningFor(
  rng: Random,
  programme: ScreeningProgramme,
  person: PersonPlan,
  from: string,
  latestDay: string,
  today: string,
  clinician: string,
): ScreeningPlan | null {
  const status = rng.weighted<RecordedScreeningStatus | "history">([
    ["history", programme === "aaa" || programme === "prostate" ? 0 : 14],
    ["discussed", 24],
    ["booked", 20],
    ["attended", programme === "prostate" ? 6 : 14],
    ["result_received", programme === "prostate" ? 4 : 12],
    ["declined", 12],
  ]);
  const row: ScreeningPlan = {
    crn: person.crn,
    programme,
    status: null,
    lastTestOn: null,
    lastResultHpvNegative: null,
    discussedOn: null,
    bookedFor: null,
    attendedOn: null,
    resultReceivedOn: null,
    declinedOn: null,
    note: null,
    updatedByEmail: clinician,
    updatedAt: new Date(0),
    version: 1,
  };
  const hpv = () => (programme === "cervical" ? rng.weighted<boolean | null>([[true, 70], [false, 20], [null, 10]]) : null);

  if (status === "history") {
    // Only the test history, as the person remembers it or the GP letter says.
    const startAge = addDays(person.dateOfBirth, Math.ceil(screeningStartAge[programme] * 365.25));
    const lastTestOn = addDays(person.enrolledOn, -rng.int(120, programmeYears[programme] * 365 + 400));
    if (lastTestOn < startAge) return null;
    Object.assign(row, { lastTestOn, lastResultHpvNegative: hpv() });
    row.updatedAt = londonInstant(weekdayBetween(rng, from, latestDay) ?? latestDay, officeTime(rng));
    if (londonDate(row.updatedAt) < from) return null;
    return row;
  }

  const discussedOn = weekdayBetween(rng, from, minDate(addDays(from, 60), latestDay));
  if (discussedOn === null) return null;
  row.discussedOn = discussedOn;
  row.status = status;
  let lastAction = discussedOn;
  switch (status) {
    case "discussed":
      if (programme === "prostate") row.lastTestOn = discussedOn;
      break;
    case "declined":
      row.declinedOn = rng.chance(0.7) ? discussedOn : (weekdayBetween(rng, discussedOn, minDate(addDays(discussedOn, 30), latestDay)) ?? discussedOn);
      row.note = rng.chance(0.5) ? "Does not want screening at the moment; to offer again at the next review" : null;
      lastAction = row.declinedOn;
      if (programme === "prostate") row.lastTestOn = discussedOn;
      break;
    case "booked": {
      row.bookedFor = weekdayBetween(rng, addDays(today, 3), addDays(today, 35));
      row.note = rng.chance(0.5) ? rng.pick(bookingNotes[programme] ?? ["Booked"]) : null;
      if (programme === "prostate") row.lastTestOn = discussedOn;
      break;
    }
    case "attended":
    case "result_received": {
      const attended = weekdayBetween(rng, addDays(discussedOn, 7), minDate(addDays(discussedOn, 45), latestDay));
      if (attended === null) {
        // Too recent to have gone yet: still booked.
        row.status = "booked";
        row.bookedFor = weekdayBetween(rng, addDays(today, 3), addDays(today, 28));
        break;
      }
      row.attendedOn = attended;
      row.lastTestOn = attended;
      lastAction = attended;
      const result = status === "result_received" ? weekdayBetween(rng, addDays(attended, 10), minDate(addDays(attended, 28), latestDay)) : null;
      if (result) {
        row.resultReceivedOn = result;
        row.lastResultHpvNegative = hpv();
        lastAction = result;
      } else {
        row.status = "attended";
      }
      break;
    }
  }
  row.version = [row.discussedOn, row.bookedFor, row.attendedOn, row.resultReceivedOn, row.declinedOn].filter((d) => d !== null).length;
  row.updatedAt = londonInstant(lastAction, officeTime(rng));
  return row;
}

// ---------------------------------------------------------------------------------------------
// Writing it

export type HealthSeedIds = {
  site: (code: SiteCode) => string;
  user: (email: string) => string;
  person: (crn: string) => string;
  appointment: (key: string) => string;
};

function chunked<T>(rows: readonly T[], size = INSERT_CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/** Plans and writes the health records in the caller's transaction. */
export async function seedHealthRecords(tx: Executor, input: HealthPlanInput, ids: HealthSeedIds): Promise<HealthSeedSummary> {
  const plan = planHealthRecords(input);
  const userOrNull = (email: string | null) => (email === null ? null : ids.user(email));

  for (const chunk of chunked(plan.consents)) {
    await tx.insert(consents).values(
      chunk.map((c) => ({
        personId: ids.person(c.crn),
        kind: c.kind,
        decision: c.decision,
        decidedOn: c.decidedOn,
        informationVersion: INFORMATION_VERSION,
        method: c.method,
        recordedById: ids.user(c.recordedByEmail),
        recordedAt: c.recordedAt,
        withdrawnOn: c.withdrawnOn,
        withdrawalRecordedById: userOrNull(c.withdrawalRecordedByEmail),
        withdrawalRecordedAt: c.withdrawalRecordedAt,
        version: c.withdrawnOn === null ? 1 : 2,
      })),
    );
  }

  for (const chunk of chunked(plan.gpRegistrations)) {
    await tx.insert(gpRegistrations).values(
      chunk.map(({ crn, recordedByEmail, ...g }) => ({ ...g, personId: ids.person(crn), recordedById: ids.user(recordedByEmail) })),
    );
  }

  const checkIds = new Map<string, string>();
  for (const chunk of chunked(plan.healthChecks)) {
    const rows = await tx
      .insert(healthChecks)
      .values(
        chunk.map((c) => ({
          personId: ids.person(c.crn),
          siteId: ids.site(c.siteCode),
          appointmentId: c.appointmentKey === null ? null : ids.appointment(c.appointmentKey),
          status: c.status,
          answers: c.answers,
          ...c.scores,
          createdById: ids.user(c.clinicianEmail),
          updatedById: ids.user(c.clinicianEmail),
          completedById: c.status === "completed" ? ids.user(c.clinicianEmail) : null,
          createdAt: c.createdAt,
          updatedAt: c.updatedAt,
          completedAt: c.completedAt,
          version: c.version,
        })),
      )
      .returning({ id: healthChecks.id, personId: healthChecks.personId, createdAt: healthChecks.createdAt });
    const crnByPersonId = new Map(chunk.map((c) => [ids.person(c.crn), c.crn]));
    for (const r of rows) checkIds.set(`${crnByPersonId.get(r.personId) ?? ""}|${r.createdAt.toISOString()}`, r.id);
  }
  const checkId = (key: string) => {
    const id = checkIds.get(key);
    if (id === undefined) throw new Error(`Seed: no health check for ${key}`);
    return id;
  };

  for (const chunk of chunked(plan.alerts)) {
    await tx.insert(clinicalAlerts).values(
      chunk.map((a) => ({
        personId: ids.person(a.crn),
        siteId: ids.site(a.siteCode),
        healthCheckId: checkId(a.healthCheckKey),
        kind: "phq9_item9" as const,
        raisedAt: a.raisedAt,
        action: a.action,
        actionNote: a.actionNote,
        actionedAt: a.actionedAt,
        actionedById: userOrNull(a.actionedByEmail),
        version: a.action === null ? 1 : 2,
      })),
    );
  }

  for (const chunk of chunked(plan.screenings)) {
    await tx.insert(screenings).values(
      chunk.map(({ crn, updatedByEmail, ...s }) => ({ ...s, personId: ids.person(crn), updatedById: ids.user(updatedByEmail) })),
    );
  }

  return {
    consents: plan.consents.length,
    gpRegistrations: plan.gpRegistrations.length,
    healthChecks: plan.healthChecks.filter((c) => c.status === "completed").length,
    draftHealthChecks: plan.healthChecks.filter((c) => c.status === "draft").length,
    alerts: plan.alerts.length,
    openAlerts: plan.alerts.filter((a) => a.actionedAt === null).length,
    screenings: plan.screenings.length,
  };
}
