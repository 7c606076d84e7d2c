/**
 * Demo data for local development and demos: the four pilot sites, one account per role, and about
 * 200 synthetic people on probation with appointment histories.
 *
 * Why deterministic: a demo, a bug report or a screenshot should show the same people on every
 * machine and every run, so all randomness comes from a small seeded PRNG (mulberry32), never
 * Math.random or crypto. The one input that moves is the London date: histories end "today" and
 * upcoming appointments start tomorrow, so the app always has something on today's and this week's
 * lists. Same seed + same date = same rows (database ids aside, which Postgres generates).
 *
 * Everything is planned in memory first (planDemoData, pure), then written in bulk in one
 * transaction, with people and users referred to by CRN and email until the database hands back ids.
 */
import { hash } from "@node-rs/argon2";
import { addDays, ageOn, londonToUtc, todayInLondon } from "@/domain/dates";
import { nhsCheckDigit } from "@/domain/nhs-number";
import type { AppointmentKind, AppointmentOutcome, AppointmentType } from "@/domain/appointments";
import type { EthnicGroup, OrderType, RequirementKind, SexRegisteredAtGp } from "@/domain/people";
import type { Role } from "@/domain/roles";
import type { Database } from "./client";
import { appointments, people, sites, treatmentRequirements, userSites, users } from "./schema";
import { seedHealthRecords, type HealthSeedSummary } from "./seed-health";
import { seedReferrals, type ReferralSeedSummary } from "./seed-referrals";
import { seedServices } from "./seed-services";
import { seedDemoTwoFactor } from "./seed-two-factor";
import { Random } from "./seed-random";

export const DEMO_PASSWORD = "hub-demo-password-2026";

const SEED = 20_260_401;
const INSERT_CHUNK = 500;

// ---------------------------------------------------------------------------------------------
// Sites and staff

export type SiteCode = "cambridge" | "middlesbrough" | "ilfracombe" | "hammersmith";

/** From DOMAIN.md. */
export const demoSites = [
  {
    code: "cambridge",
    name: "Cambridge",
    probationRegion: "East of England",
    nhsRegion: "East of England",
    integratedCareBoard: "Cambridgeshire and Peterborough ICB",
  },
  {
    code: "middlesbrough",
    name: "Middlesbrough",
    probationRegion: "North East",
    nhsRegion: "North East and Yorkshire",
    integratedCareBoard: "North East and North Cumbria ICB",
  },
  {
    code: "ilfracombe",
    name: "Ilfracombe",
    probationRegion: "South West",
    nhsRegion: "South West",
    integratedCareBoard: "NHS Devon ICB",
  },
  {
    code: "hammersmith",
    name: "Hammersmith",
    probationRegion: "London",
    nhsRegion: "London",
    integratedCareBoard: "North West London ICB",
  },
] as const satisfies readonly {
  code: SiteCode;
  name: string;
  probationRegion: string;
  nhsRegion: string;
  integratedCareBoard: string;
}[];

const siteCodes: readonly SiteCode[] = demoSites.map((s) => s.code);

export type DemoAccount = { email: string; name: string; role: Role; siteCodes: readonly SiteCode[] };

/** Every account signs in with DEMO_PASSWORD. */
export const demoAccounts: readonly DemoAccount[] = [
  { email: "clinician.cambridge@hub.example", name: "Sarah Whitfield", role: "clinician", siteCodes: ["cambridge"] },
  { email: "clinician2.cambridge@hub.example", name: "Priya Raman", role: "clinician", siteCodes: ["cambridge", "hammersmith"] },
  { email: "officer.cambridge@hub.example", name: "James Okafor", role: "probation_officer", siteCodes: ["cambridge"] },
  { email: "officer2.cambridge@hub.example", name: "Helen Marsh", role: "probation_officer", siteCodes: ["cambridge"] },
  { email: "manager.cambridge@hub.example", name: "Claire Bennett", role: "pilot_manager", siteCodes: ["cambridge"] },

  { email: "clinician.middlesbrough@hub.example", name: "Gemma Robson", role: "clinician", siteCodes: ["middlesbrough"] },
  { email: "officer.middlesbrough@hub.example", name: "Craig Thompson", role: "probation_officer", siteCodes: ["middlesbrough"] },
  { email: "officer2.middlesbrough@hub.example", name: "Lisa Hodgson", role: "probation_officer", siteCodes: ["middlesbrough"] },
  { email: "manager.middlesbrough@hub.example", name: "Paul Atkinson", role: "pilot_manager", siteCodes: ["middlesbrough"] },

  { email: "clinician.ilfracombe@hub.example", name: "Tom Pengelly", role: "clinician", siteCodes: ["ilfracombe"] },
  { email: "officer.ilfracombe@hub.example", name: "Rachel Yeo", role: "probation_officer", siteCodes: ["ilfracombe"] },
  { email: "officer2.ilfracombe@hub.example", name: "Mark Chugg", role: "probation_officer", siteCodes: ["ilfracombe"] },
  { email: "manager.ilfracombe@hub.example", name: "Susan Luxton", role: "pilot_manager", siteCodes: ["ilfracombe"] },

  { email: "clinician.hammersmith@hub.example", name: "Amara Mensah", role: "clinician", siteCodes: ["hammersmith"] },
  { email: "officer.hammersmith@hub.example", name: "Daniel Kowalski", role: "probation_officer", siteCodes: ["hammersmith"] },
  { email: "officer2.hammersmith@hub.example", name: "Fatima Hussain", role: "probation_officer", siteCodes: ["hammersmith"] },
  { email: "manager.hammersmith@hub.example", name: "Nikhil Shah", role: "pilot_manager", siteCodes: ["hammersmith"] },

  { email: "manager@hub.example", name: "Angela Morris", role: "pilot_manager", siteCodes },
  { email: "admin@hub.example", name: "Gareth Evans", role: "administrator", siteCodes },
];

function staffAt(site: SiteCode, role: Role): string[] {
  return demoAccounts.filter((a) => a.role === role && a.siteCodes.includes(site)).map((a) => a.email);
}

/** A site's clinicians, those who work only there first: they see most of its people. */
function siteCliniciansFirst(site: SiteCode): string[] {
  return demoAccounts
    .filter((a) => a.role === "clinician" && a.siteCodes.includes(site))
    .sort((a, b) => a.siteCodes.length - b.siteCodes.length)
    .map((a) => a.email);
}

// ---------------------------------------------------------------------------------------------
// Seeded randomness

// ---------------------------------------------------------------------------------------------
// Names: given and family names come from the same background, so they read like real people.

type NamePool = { male: readonly string[]; female: readonly string[]; family: readonly string[] };

const namePools = {
  british: {
    male: [
      "James", "Daniel", "Liam", "Ryan", "Connor", "Jack", "Thomas", "Lewis", "Kieran", "Jordan", "Callum",
      "Jamie", "Dean", "Lee", "Craig", "Mark", "Wayne", "Shaun", "Nathan", "Adam", "Michael", "Paul", "Steven",
      "Gary", "Darren", "Scott", "Aaron", "Reece", "Tyler", "Bradley", "Kyle", "Luke", "Josh", "Ben", "Carl",
      "Richard", "Anthony", "Stuart",
    ],
    female: [
      "Emma", "Sophie", "Chloe", "Jade", "Kelly", "Gemma", "Lauren", "Stacey", "Danielle", "Amy", "Rebecca",
      "Leanne", "Natalie", "Kirsty", "Shannon", "Megan", "Charlotte", "Hayley", "Tracey", "Michelle",
    ],
    family: [
      "Smith", "Jones", "Taylor", "Brown", "Wilson", "Johnson", "Walker", "Wright", "Robinson", "Thompson",
      "White", "Hughes", "Edwards", "Green", "Hall", "Wood", "Harris", "Clarke", "Jackson", "Turner", "Hill",
      "Moore", "Cooper", "Ward", "Morris", "King", "Watson", "Harrison", "Bell", "Atkinson", "Robson", "Dixon",
      "Pearson", "Graham", "Tremayne", "Penrose", "Sutcliffe", "Lockwood", "Fletcher", "Barker", "Marshall",
    ],
  },
  irish: {
    male: ["Sean", "Declan", "Patrick", "Ciaran", "Conor", "Niall", "Eoin"],
    female: ["Siobhan", "Aoife", "Niamh", "Ciara", "Roisin"],
    family: ["Murphy", "O'Brien", "Kelly", "McCarthy", "Doyle", "O'Connor", "Byrne", "Gallagher"],
  },
  easternEuropean: {
    male: ["Piotr", "Tomasz", "Andrei", "Darius", "Marius", "Lukasz", "Mihai"],
    female: ["Agnieszka", "Ioana", "Katarzyna", "Elena"],
    family: ["Kowalski", "Nowak", "Wisniewski", "Popescu", "Ionescu", "Kazlauskas", "Petrauskas"],
  },
  southAsianMuslim: {
    male: ["Mohammed", "Imran", "Adil", "Bilal", "Hamza", "Zain", "Shahid", "Tariq", "Abdul", "Faisal", "Hassan"],
    female: ["Aisha", "Fatima", "Ayesha", "Nadia", "Shabana", "Yasmin", "Rukhsana"],
    family: ["Khan", "Hussain", "Ahmed", "Ali", "Iqbal", "Mahmood", "Rahman", "Chowdhury", "Miah", "Uddin", "Akhtar"],
  },
  indian: {
    male: ["Arjun", "Rahul", "Sandeep", "Amrit", "Rajesh", "Kamal", "Harpreet", "Jaswinder", "Vikram"],
    female: ["Priya", "Sunita", "Anjali", "Manpreet", "Pooja"],
    family: ["Patel", "Shah", "Singh", "Sharma", "Gill", "Sandhu", "Mistry", "Kumar"],
  },
  eastAsian: {
    male: ["Wei", "Jun", "Minh", "Hao", "Tuan"],
    female: ["Mei", "Lan", "Xin"],
    family: ["Chen", "Li", "Wong", "Nguyen", "Tran", "Zhang"],
  },
  caribbean: {
    male: ["Jermaine", "Tyrone", "Marcus", "Delroy", "Andre", "Leon", "Nathaniel", "Kelvin", "Jamal", "Dwayne"],
    female: ["Shanice", "Tanisha", "Keisha", "Simone", "Marcia"],
    family: ["Campbell", "Williams", "Francis", "Grant", "Reid", "Lewis", "Bailey", "Richards", "Henry", "Brown"],
  },
  westAfrican: {
    male: ["Kwame", "Kofi", "Chinedu", "Emeka", "Tunde", "Femi", "Samuel", "Isaac", "Joseph"],
    female: ["Abena", "Ama", "Chioma", "Ngozi", "Grace", "Blessing"],
    family: ["Mensah", "Owusu", "Boateng", "Asante", "Okafor", "Okonkwo", "Adeyemi", "Adebayo", "Eze", "Nwosu"],
  },
  somali: {
    male: ["Abdi", "Ibrahim", "Mohamed", "Abdirahman", "Yusuf"],
    female: ["Amina", "Hodan", "Fadumo", "Sagal"],
    family: ["Abdi", "Farah", "Warsame", "Hassan", "Jama", "Osman"],
  },
  arab: {
    male: ["Ahmad", "Omar", "Karim", "Mustafa", "Khalid"],
    female: ["Layla", "Mariam", "Noor"],
    family: ["Abdullah", "Haddad", "Mansour", "Saleh"],
  },
  persianOrAfghan: {
    male: ["Reza", "Dariush", "Hamid", "Farhad", "Ali"],
    female: ["Shirin", "Parisa", "Zahra"],
    family: ["Ahmadi", "Rahimi", "Karimi", "Hosseini", "Mohammadi", "Haidari"],
  },
  turkishOrKurdish: {
    male: ["Emre", "Mehmet", "Serkan", "Baran"],
    female: ["Zeynep", "Elif"],
    family: ["Yilmaz", "Demir", "Kaya", "Aydin"],
  },
  latinAmerican: {
    male: ["Carlos", "Diego", "Luis", "Mateo"],
    female: ["Lucia", "Camila"],
    family: ["Rodriguez", "Silva", "Santos", "Gomez"],
  },
} as const satisfies Record<string, NamePool>;

type Origin = keyof typeof namePools;

/** Rough shares of backgrounds within each census group (the groups themselves vary by site, below). */
const originsByGroup: Record<Exclude<EthnicGroup, "mixed" | "not_stated">, readonly (readonly [Origin, number])[]> = {
  white: [["british", 85], ["irish", 6], ["easternEuropean", 9]],
  asian: [["southAsianMuslim", 55], ["indian", 35], ["eastAsian", 10]],
  black: [["caribbean", 45], ["westAfrican", 35], ["somali", 20]],
  other: [["arab", 30], ["persianOrAfghan", 30], ["turkishOrKurdish", 25], ["latinAmerican", 15]],
};

/** Mixed heritage: typically one white British parent and one Caribbean, African or Asian parent. */
const mixedOrigins: readonly (readonly [Origin, number])[] = [
  ["caribbean", 45],
  ["westAfrican", 20],
  ["southAsianMuslim", 15],
  ["indian", 10],
  ["eastAsian", 10],
];

/** Share of people per site; the four sum to 200 so the default seed gives these exact counts. */
const siteWeights: Record<SiteCode, number> = { cambridge: 60, middlesbrough: 60, hammersmith: 50, ilfracombe: 30 };

const ethnicMix: Record<SiteCode, readonly (readonly [EthnicGroup, number])[]> = {
  cambridge: [["white", 78], ["asian", 8], ["black", 5], ["mixed", 5], ["other", 2], ["not_stated", 2]],
  middlesbrough: [["white", 86], ["asian", 7], ["black", 2], ["mixed", 3], ["other", 1], ["not_stated", 1]],
  ilfracombe: [["white", 93], ["asian", 1], ["black", 1], ["mixed", 3], ["other", 1], ["not_stated", 1]],
  hammersmith: [["white", 42], ["asian", 14], ["black", 22], ["mixed", 10], ["other", 8], ["not_stated", 4]],
};

// ---------------------------------------------------------------------------------------------
// The plan: plain data, no ids

export type PersonPlan = {
  crn: string;
  siteCode: SiteCode;
  nhsNumber: string | null;
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  sexRegisteredAtGp: SexRegisteredAtGp;
  ethnicGroup: EthnicGroup;
  orderType: OrderType;
  enrolledOn: string;
  assignedOfficerEmail: string | null;
  requirements: { kind: RequirementKind; madeOn: string; lengthMonths: number }[];
};

export type AppointmentPlan = {
  /** `${crn}|${startsAt ISO}`: unique, as no one has two appointments at the same moment. */
  key: string;
  crn: string;
  siteCode: SiteCode;
  kind: AppointmentKind;
  type: AppointmentType;
  startsAt: Date;
  durationMinutes: number;
  clinicianAttends: boolean;
  outcome: AppointmentOutcome | null;
  outcomeNote: string | null;
  outcomeRecordedByEmail: string | null;
  createdByEmail: string;
  rescheduledFromKey: string | null;
};

export type DemoPlan = { people: PersonPlan[]; appointments: AppointmentPlan[] };

export type SeedSummary = { sites: number; users: number; people: number; appointments: number } & HealthSeedSummary & ReferralSeedSummary;

export type SeedOptions = {
  /** How many people to create; 200 by default. */
  people?: number;
  /** The London date histories end on; today by default. Tests pin it so two runs cannot straddle midnight. */
  today?: string;
};

/** Splits `total` people across the sites by weight (largest remainder), at least one per site when possible. */
function peoplePerSite(total: number): Record<SiteCode, number> {
  const weightSum = siteCodes.reduce((sum, code) => sum + siteWeights[code], 0);
  const exact = siteCodes.map((code) => ({ code, share: (total * siteWeights[code]) / weightSum }));
  const counts = { cambridge: 0, middlesbrough: 0, ilfracombe: 0, hammersmith: 0 } satisfies Record<SiteCode, number>;
  for (const { code, share } of exact) counts[code] = Math.floor(share);
  let left = total - siteCodes.reduce((sum, code) => sum + counts[code], 0);
  const byRemainder = [...exact].sort((a, b) => b.share - Math.floor(b.share) - (a.share - Math.floor(a.share)));
  for (const { code } of byRemainder) {
    if (left <= 0) break;
    counts[code] += 1;
    left -= 1;
  }
  if (total >= siteCodes.length) {
    for (const code of siteCodes) {
      if (counts[code] > 0) continue;
      const largest = [...siteCodes].sort((a, b) => counts[b] - counts[a])[0];
      if (largest === undefined) break;
      counts[largest] -= 1;
      counts[code] = 1;
    }
  }
  return counts;
}

function isoWeekday(iso: string): number {
  return new Date(`${iso}T00:00:00Z`).getUTCDay(); // 0 = Sunday
}

function isWeekend(iso: string): boolean {
  const day = isoWeekday(iso);
  return day === 0 || day === 6;
}

/** The date itself on a weekday, else the Monday after. */
function weekdayOnOrAfter(iso: string): string {
  let d = iso;
  while (isWeekend(d)) d = addDays(d, 1);
  return d;
}

/** Saturday moves back to Friday and Sunday on to Monday, so neither end of the week fills up. */
function nearestWeekday(iso: string): string {
  const day = isoWeekday(iso);
  return day === 6 ? addDays(iso, -1) : day === 0 ? addDays(iso, 1) : iso;
}

function daysBetween(fromIso: string, toIso: string): number {
  return Math.round((Date.parse(`${toIso}T00:00:00Z`) - Date.parse(`${fromIso}T00:00:00Z`)) / 86_400_000);
}

/** Same month and day `years` earlier; 29 February becomes 28 February. */
function yearsBefore(iso: string, years: number): string {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  const year = y - years;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const day = m === 2 && d === 29 && !leap ? 28 : d;
  return `${String(year).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

function londonInstant(date: string, minutesAfterMidnight: number): Date {
  const time = `${String(Math.floor(minutesAfterMidnight / 60)).padStart(2, "0")}:${String(minutesAfterMidnight % 60).padStart(2, "0")}`;
  const instant = londonToUtc(date, time);
  // Office hours never fall in the hour the clocks skip, so this only fires on a bug here.
  if (!instant) throw new Error(`No London instant for ${date} ${time}`);
  return instant;
}

const OPENS = 9 * 60;
const CLOSES = 17 * 60;

/** A start time on the quarter hour such that the appointment ends by 17:00. */
function officeHoursStart(rng: Random, durationMinutes: number): number {
  const lastStart = CLOSES - durationMinutes;
  return OPENS + 15 * rng.int(0, Math.floor((lastStart - OPENS) / 15));
}

const durations: Record<AppointmentType, number> = {
  induction: 60,
  supervision: 30,
  review: 45,
  home_visit: 60,
  health_check: 45,
  follow_up: 30,
  gp_registration_support: 30,
  screening_support: 30,
  referral_first_appointment: 45,
};

const pastOutcomes: readonly (readonly [AppointmentOutcome, number])[] = [
  ["attended", 80],
  ["attended_late", 5],
  ["dna_unacceptable", 8],
  ["dna_acceptable", 3],
  ["cancelled", 2],
  ["rescheduled", 2],
];
/** A replacement appointment is not itself cancelled or moved again, to keep chains short. */
const replacementOutcomes = pastOutcomes.filter(([o]) => o !== "cancelled" && o !== "rescheduled");

// Notes stay non-clinical: probation officers read them (DOMAIN.md, data minimisation).
const outcomeNotes: Partial<Record<AppointmentOutcome, readonly string[]>> = {
  dna_acceptable: ["Phoned beforehand to say unwell", "Childcare emergency, phoned the office", "Attending a hospital appointment"],
  cancelled: ["Office closed for staff training", "Officer unavailable"],
  rescheduled: ["Rearranged at the person's request: job interview", "Rearranged: clashed with a court date", "Rearranged: travel disruption"],
};

function generatePeople(rng: Random, total: number, today: string): PersonPlan[] {
  const counts = peoplePerSite(total);
  const crns = new Set<string>();
  const nhsNumbers = new Set<string>();
  const out: PersonPlan[] = [];

  for (const siteCode of siteCodes) {
    const officers = staffAt(siteCode, "probation_officer");
    for (let i = 0; i < counts[siteCode]; i++) {
      let crn: string;
      do crn = String.fromCharCode(65 + rng.int(0, 25)) + String(rng.int(0, 999_999)).padStart(6, "0");
      while (crns.has(crn));
      crns.add(crn);

      let nhsNumber: string | null = null;
      if (rng.chance(0.85)) {
        for (;;) {
          const firstNine = `999${String(rng.int(0, 999_999)).padStart(6, "0")}`;
          const check = nhsCheckDigit(firstNine);
          if (check === null || nhsNumbers.has(`${firstNine}${check}`)) continue;
          nhsNumber = `${firstNine}${check}`;
          nhsNumbers.add(nhsNumber);
          break;
        }
      }

      const sexRegisteredAtGp = rng.weighted<SexRegisteredAtGp>([["male", 85], ["female", 13.5], ["not_known", 1.5]]);
      const ethnicGroup = rng.weighted(ethnicMix[siteCode]);
      const { givenName, familyName } = personName(rng, siteCode, ethnicGroup, sexRegisteredAtGp);

      // Mostly 20-45, as on a probation caseload.
      const [minAge, maxAge] = rng.weighted<readonly [number, number]>([
        [[18, 19], 5],
        [[20, 29], 30],
        [[30, 39], 30],
        [[40, 45], 12],
        [[46, 54], 12],
        [[55, 64], 7],
        [[65, 80], 4],
      ]);
      const age = rng.int(minAge, maxAge);
      // An 18-year-old has been one for at least a month, so there is time to have enrolled since.
      let dateOfBirth = addDays(yearsBefore(today, age), -rng.int(age === 18 ? 30 : 0, 364));
      if (ageOn(dateOfBirth, today) !== age) dateOfBirth = addDays(yearsBefore(today, age), -30);

      // Enrolled on a weekday in the last 12 months, and not before their 18th birthday.
      const eighteenth = yearsBefore(dateOfBirth, -18);
      const earliest = eighteenth > addDays(today, -365) ? eighteenth : addDays(today, -365);
      const span = Math.max(1, daysBetween(earliest, today));
      let enrolledOn = addDays(today, -rng.int(1, span));
      for (let tries = 0; isWeekend(enrolledOn) && tries < 20; tries++) enrolledOn = addDays(today, -rng.int(1, span));
      if (isWeekend(enrolledOn)) enrolledOn = weekdayOnOrAfter(earliest);

      const orderType = rng.weighted<OrderType>([
        ["community_order", 40],
        ["suspended_sentence_order", 20],
        ["licence", 30],
        ["post_sentence_supervision", 10],
      ]);

      // Some of the newest cases are still waiting for an officer.
      const awaitingAllocation = daysBetween(enrolledOn, today) <= 21 && rng.chance(0.4);
      const assignedOfficerEmail = awaitingAllocation ? null : rng.pick(officers);

      out.push({
        crn,
        siteCode,
        nhsNumber,
        givenName,
        familyName,
        dateOfBirth,
        sexRegisteredAtGp,
        ethnicGroup,
        orderType,
        enrolledOn,
        assignedOfficerEmail,
        requirements: treatmentRequirementsFor(rng, orderType, enrolledOn),
      });
    }
  }
  return out;
}

function personName(
  rng: Random,
  siteCode: SiteCode,
  ethnicGroup: EthnicGroup,
  sex: SexRegisteredAtGp,
): { givenName: string; familyName: string } {
  let givenPool: NamePool;
  let familyPool: NamePool;
  if (ethnicGroup === "mixed") {
    // Either parent's family name, and a given name from either side.
    const pools = rng.shuffle([namePools.british, namePools[rng.weighted(mixedOrigins)]]);
    givenPool = pools[0] ?? namePools.british;
    familyPool = rng.chance(0.5) ? namePools.british : (pools[1] ?? namePools.british);
  } else {
    // Not stated: a name like anyone else's at the site.
    const group =
      ethnicGroup === "not_stated"
        ? rng.weighted(ethnicMix[siteCode].flatMap(([g, w]) => (g === "mixed" || g === "not_stated" ? [] : [[g, w] as const])))
        : ethnicGroup;
    givenPool = familyPool = namePools[rng.weighted(originsByGroup[group])];
  }
  const female = sex === "female" || (sex !== "male" && rng.chance(0.5));
  return { givenName: rng.pick(female ? givenPool.female : givenPool.male), familyName: rng.pick(familyPool.family) };
}

/** MHTR, DRR and ATR are requirements of community and suspended sentence orders only. */
function treatmentRequirementsFor(rng: Random, orderType: OrderType, enrolledOn: string): PersonPlan["requirements"] {
  if (orderType !== "community_order" && orderType !== "suspended_sentence_order") return [];
  // About 60% of people have such an order, so these give roughly MHTR 10%, DRR 12%, ATR 10% overall.
  const rates: readonly (readonly [RequirementKind, number, readonly number[]])[] = [
    ["MHTR", 0.17, [6, 9, 12]],
    ["DRR", 0.2, [6, 9, 12, 18, 24]],
    ["ATR", 0.17, [6, 9, 12]],
  ];
  const madeOn = addDays(enrolledOn, -rng.int(0, 28));
  return rates.flatMap(([kind, rate, lengths]) =>
    rng.chance(rate) ? [{ kind, madeOn, lengthMonths: rng.pick(lengths) }] : [],
  );
}

function generateAppointments(rng: Random, everyone: readonly PersonPlan[], today: string): AppointmentPlan[] {
  const out: AppointmentPlan[] = [];
  const taken = new Set<string>();

  const add = (plan: Omit<AppointmentPlan, "key">): AppointmentPlan | null => {
    const key = `${plan.crn}|${plan.startsAt.toISOString()}`;
    if (taken.has(key)) return null;
    taken.add(key);
    const full = { ...plan, key };
    out.push(full);
    return full;
  };

  const upcomingDays: string[] = [];
  for (let d = 1; d <= 14; d++) if (!isWeekend(addDays(today, d))) upcomingDays.push(addDays(today, d));

  for (const person of everyone) {
    const officers = staffAt(person.siteCode, "probation_officer");
    const clinicians = staffAt(person.siteCode, "clinician");
    // Whoever is on duty records outcomes for someone not yet allocated.
    const officer = person.assignedOfficerEmail ?? rng.pick(officers);
    const clinician = rng.pick(clinicians);

    const book = (
      kind: AppointmentKind,
      type: AppointmentType,
      date: string,
      outcomes: readonly (readonly [AppointmentOutcome, number])[],
      rescheduledFromKey: string | null = null,
    ): AppointmentPlan | null => {
      const durationMinutes = durations[type];
      const startsAt = londonInstant(date, officeHoursStart(rng, durationMinutes));
      const outcome = date < today ? rng.weighted(outcomes) : null;
      const notes = outcome ? outcomeNotes[outcome] : undefined;
      const recorder = kind === "health" ? clinician : officer;
      return add({
        crn: person.crn,
        siteCode: person.siteCode,
        kind,
        type,
        startsAt,
        durationMinutes,
        // Hub clinicians sit in on some probation appointments; that is the pilot.
        clinicianAttends: kind === "health" || rng.chance(0.15),
        outcome,
        outcomeNote: notes && kind === "probation" ? rng.pick(notes) : null,
        outcomeRecordedByEmail: outcome ? recorder : null,
        createdByEmail: recorder,
        rescheduledFromKey,
      });
    };

    const bookWithReplacement = (kind: AppointmentKind, type: AppointmentType, date: string) => {
      const original = book(kind, type, date, pastOutcomes);
      if (original?.outcome === "rescheduled") {
        book(kind, type, nearestWeekday(addDays(date, rng.int(2, 5))), replacementOutcomes, original.key);
      }
    };

    // Probation: induction on the day of enrolment, then every one to four weeks until today.
    const everyWeeks = rng.weighted([[1, 30], [2, 40], [3, 15], [4, 15]] as const);
    let date = person.enrolledOn;
    for (let n = 0; date < today; n++) {
      const type: AppointmentType =
        n === 0 ? "induction" : rng.weighted<AppointmentType>([["supervision", 75], ["review", 13], ["home_visit", 12]]);
      bookWithReplacement("probation", type, date);
      date = nearestWeekday(addDays(date, everyWeeks * 7 + rng.int(-1, 1)));
    }

    // Health hub: most people have a health check within three weeks, some then come back.
    let hadHealthCheck = false;
    if (rng.chance(0.7)) {
      let healthDate = nearestWeekday(addDays(person.enrolledOn, rng.int(0, 21)));
      if (healthDate < today) {
        bookWithReplacement("health", "health_check", healthDate);
        hadHealthCheck = true;
        for (let k = rng.int(0, 3); k > 0; k--) {
          healthDate = nearestWeekday(addDays(healthDate, rng.int(7, 42)));
          if (healthDate >= today) break;
          const type = rng.weighted<AppointmentType>([
            ["follow_up", 50],
            ["gp_registration_support", 25],
            ["screening_support", 25],
          ]);
          bookWithReplacement("health", type, healthDate);
        }
      }
    }

    // Booked for the next two weeks.
    const upcoming = rng.weighted([[0, 25], [1, 45], [2, 30]] as const);
    const days = rng.shuffle(upcomingDays).slice(0, upcoming);
    for (const day of days) {
      if (!hadHealthCheck && rng.chance(0.5)) {
        book("health", "health_check", day, pastOutcomes);
        hadHealthCheck = true;
      } else if (rng.chance(0.25)) {
        book("health", rng.pick(["follow_up", "gp_registration_support", "screening_support"] as const), day, pastOutcomes);
      } else {
        book("probation", rng.chance(0.85) ? "supervision" : "review", day, pastOutcomes);
      }
    }
  }

  // Today, whatever the weekday: the demo should always open on a busy list. Distinct slots per
  // site so the day reads like a real diary.
  for (const siteCode of siteCodes) {
    const allocated = everyone.filter((p) => p.siteCode === siteCode && p.assignedOfficerEmail !== null);
    const howMany = Math.min(allocated.length, Math.max(4, Math.round(allocated.length / 10)));
    const slots = rng.shuffle(Array.from({ length: 15 }, (_, i) => OPENS + 30 * i)); // 09:00 to 16:00
    const clinicians = staffAt(siteCode, "clinician");
    rng.shuffle(allocated)
      .slice(0, howMany)
      .forEach((person, i) => {
        const health = rng.chance(0.3);
        const seenByHub = out.some((a) => a.crn === person.crn && a.kind === "health");
        const type: AppointmentType = health
          ? seenByHub
            ? "follow_up"
            : "health_check"
          : rng.chance(0.8)
            ? "supervision"
            : "review";
        add({
          crn: person.crn,
          siteCode,
          kind: health ? "health" : "probation",
          type,
          startsAt: londonInstant(today, slots[i % slots.length] ?? OPENS),
          durationMinutes: durations[type],
          clinicianAttends: health || rng.chance(0.3),
          outcome: null,
          outcomeNote: null,
          outcomeRecordedByEmail: null,
          createdByEmail: health ? rng.pick(clinicians) : (person.assignedOfficerEmail ?? rng.pick(staffAt(siteCode, "probation_officer"))),
          rescheduledFromKey: null,
        });
      });
  }
  return out;
}

/** Pure: the same options give the same plan. */
export function planDemoData(opts: SeedOptions = {}): DemoPlan {
  const today = opts.today ?? todayInLondon();
  const total = opts.people ?? 200;
  const peoplePlan = generatePeople(new Random(SEED), total, today);
  // A separate stream, so changing how appointments are made does not change who the people are.
  const appointmentPlan = generateAppointments(new Random(SEED + 1), peoplePlan, today);
  return { people: peoplePlan, appointments: appointmentPlan };
}

// ---------------------------------------------------------------------------------------------
// Writing it

function chunked<T>(rows: readonly T[], size = INSERT_CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

function lookup<K, V>(map: ReadonlyMap<K, V>, key: K, what: string): V {
  const value = map.get(key);
  if (value === undefined) throw new Error(`Seed: no ${what} for ${String(key)}`);
  return value;
}

export async function isSeeded(db: Database): Promise<boolean> {
  const rows = await db.select({ id: sites.id }).from(sites).limit(1);
  return rows.length > 0;
}

/** Writes the demo data in one transaction. Run it on an empty, migrated database (see isSeeded). */
export async function seedDemoData(db: Database, opts: SeedOptions = {}): Promise<SeedSummary> {
  // Pinned here so people, appointments and health records all end on the same day.
  const today = opts.today ?? todayInLondon();
  const plan = planDemoData({ ...opts, today });
  // Argon2 is slow on purpose; every demo account shares the one password, so hash it once.
  const passwordHash = await hash(DEMO_PASSWORD);

  return db.transaction(async (tx) => {
    const siteRows = await tx
      .insert(sites)
      .values(demoSites.map((s) => ({ ...s })))
      .returning({ id: sites.id, code: sites.code });
    const siteIds = new Map(siteRows.map((r) => [r.code, r.id]));

    const userRows = await tx
      .insert(users)
      .values(demoAccounts.map((a) => ({ email: a.email, name: a.name, role: a.role, passwordHash })))
      .returning({ id: users.id, email: users.email });
    const userIds = new Map(userRows.map((r) => [r.email, r.id]));
    await tx.insert(userSites).values(
      demoAccounts.flatMap((a) =>
        a.siteCodes.map((code) => ({ userId: lookup(userIds, a.email, "user"), siteId: lookup(siteIds, code, "site") })),
      ),
    );
    // Demo clinicians and administrators sign in with the published demo TOTP secret (seed-two-factor.ts).
    await seedDemoTwoFactor(tx, demoAccounts.map((a) => ({ id: lookup(userIds, a.email, "user"), role: a.role })));

    const personIds = new Map<string, string>();
    for (const chunk of chunked(plan.people)) {
      const rows = await tx
        .insert(people)
        .values(
          chunk.map((p) => ({
            siteId: lookup(siteIds, p.siteCode, "site"),
            crn: p.crn,
            nhsNumber: p.nhsNumber,
            givenName: p.givenName,
            familyName: p.familyName,
            dateOfBirth: p.dateOfBirth,
            sexRegisteredAtGp: p.sexRegisteredAtGp,
            ethnicGroup: p.ethnicGroup,
            orderType: p.orderType,
            enrolledOn: p.enrolledOn,
            assignedOfficerId: p.assignedOfficerEmail ? lookup(userIds, p.assignedOfficerEmail, "user") : null,
          })),
        )
        .returning({ id: people.id, crn: people.crn });
      for (const r of rows) personIds.set(r.crn, r.id);
    }

    const requirementRows = plan.people.flatMap((p) =>
      p.requirements.map((r) => ({ personId: lookup(personIds, p.crn, "person"), ...r })),
    );
    for (const chunk of chunked(requirementRows)) await tx.insert(treatmentRequirements).values(chunk);

    const toRow = (a: AppointmentPlan, rescheduledFromId: string | null) => ({
      personId: lookup(personIds, a.crn, "person"),
      siteId: lookup(siteIds, a.siteCode, "site"),
      kind: a.kind,
      type: a.type,
      startsAt: a.startsAt,
      durationMinutes: a.durationMinutes,
      clinicianAttends: a.clinicianAttends,
      outcome: a.outcome,
      outcomeNote: a.outcomeNote,
      outcomeRecordedAt: a.outcome ? new Date(a.startsAt.getTime() + 60 * 60 * 1000) : null,
      outcomeRecordedById: a.outcomeRecordedByEmail ? lookup(userIds, a.outcomeRecordedByEmail, "user") : null,
      createdById: lookup(userIds, a.createdByEmail, "user"),
      rescheduledFromId,
    });

    // Superseded appointments first, so their replacements can point back at them. Keyed by
    // person and start time rather than trusting the order RETURNING gives rows back in.
    const crnById = new Map([...personIds].map(([crn, id]) => [id, crn]));
    const originalKeys = new Set(plan.appointments.flatMap((a) => (a.rescheduledFromKey ? [a.rescheduledFromKey] : [])));
    const originals = plan.appointments.filter((a) => originalKeys.has(a.key));
    const appointmentIds = new Map<string, string>();
    for (const chunk of chunked(originals)) {
      const rows = await tx
        .insert(appointments)
        .values(chunk.map((a) => toRow(a, null)))
        .returning({ id: appointments.id, personId: appointments.personId, startsAt: appointments.startsAt });
      for (const r of rows) {
        appointmentIds.set(`${lookup(crnById, r.personId, "CRN")}|${r.startsAt.toISOString()}`, r.id);
      }
    }
    const rest = plan.appointments.filter((a) => !originalKeys.has(a.key));
    for (const chunk of chunked(rest)) {
      const rows = await tx
        .insert(appointments)
        .values(
          chunk.map((a) =>
            toRow(a, a.rescheduledFromKey ? lookup(appointmentIds, a.rescheduledFromKey, "rescheduled appointment") : null),
          ),
        )
        .returning({ id: appointments.id, personId: appointments.personId, startsAt: appointments.startsAt });
      for (const r of rows) {
        appointmentIds.set(`${lookup(crnById, r.personId, "CRN")}|${r.startsAt.toISOString()}`, r.id);
      }
    }

    const clinicians = {
      cambridge: siteCliniciansFirst("cambridge"),
      middlesbrough: siteCliniciansFirst("middlesbrough"),
      ilfracombe: siteCliniciansFirst("ilfracombe"),
      hammersmith: siteCliniciansFirst("hammersmith"),
    };
    const ids = {
      site: (code: SiteCode) => lookup(siteIds, code, "site"),
      user: (email: string) => lookup(userIds, email, "user"),
      person: (crn: string) => lookup(personIds, crn, "person"),
      appointment: (key: string) => lookup(appointmentIds, key, "appointment"),
    };
    const health = await seedHealthRecords(tx, { today, people: plan.people, appointments: plan.appointments, clinicians }, ids);

    await seedServices(tx, siteIds);

    const officers = {
      cambridge: staffAt("cambridge", "probation_officer"),
      middlesbrough: staffAt("middlesbrough", "probation_officer"),
      ilfracombe: staffAt("ilfracombe", "probation_officer"),
      hammersmith: staffAt("hammersmith", "probation_officer"),
    };
    const referralRecords = await seedReferrals(tx, { today, people: plan.people, appointments: plan.appointments, clinicians, officers }, ids);

    return {
      sites: siteRows.length,
      users: userRows.length,
      people: personIds.size,
      // The referrals' first appointments are on the timeline too.
      appointments: plan.appointments.length + referralRecords.referralAppointments,
      ...health,
      ...referralRecords,
    };
  });
}

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "::1", "[::1]"]);

/**
 * The seed writes made-up people with a well-known password: it must never reach a shared or live
 * database. Undefined means embedded PGlite. There is deliberately no override.
 */
export function assertLocalDatabase(url: string | undefined): void {
  if (url === undefined) return;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error("Refusing to seed: DATABASE_URL is not a valid URL");
  }
  // postgres.js also takes the host from ?host=, which would bypass the check on the URL's own host.
  const queryHosts = [...parsed.searchParams.getAll("host"), ...parsed.searchParams.getAll("hostaddr")];
  const hosts = [parsed.hostname, ...queryHosts.filter((h) => !h.startsWith("/"))];
  const remote = hosts.find((h) => !LOCAL_HOSTS.has(h.toLowerCase()));
  if (remote !== undefined) {
    throw new Error(`Refusing to seed a non-local database (host "${remote || "(none)"}"): demo data is for localhost only`);
  }
}
