import { randomInt } from "node:crypto";
import { appointments, people, sites, userSites, users } from "@/db/schema";
import type { Database } from "@/db/client";
import type { Role } from "@/domain/roles";
import { nhsCheckDigit } from "@/domain/nhs-number";
import type { Ctx } from "@/server/context";

/**
 * Rows for one test, made by the test itself (never shared seed rows): each factory returns what
 * it created, with unique codes so tests cannot collide.
 */
let counter = 0;
const next = () => `${Date.now().toString(36)}${(counter++).toString(36)}${randomInt(1e6).toString(36)}`;

export async function makeSite(db: Database, name = `Site ${next()}`) {
  const [site] = await db
    .insert(sites)
    .values({ code: `site-${next()}`, name, probationRegion: "Test region", nhsRegion: "Test NHS region", integratedCareBoard: "Test ICB" })
    .returning();
  if (!site) throw new Error("no site");
  return site;
}

export async function makeUser(db: Database, role: Role, siteIds: string[], overrides: Partial<typeof users.$inferInsert> = {}) {
  const [user] = await db
    .insert(users)
    .values({ email: `${role}.${next()}@test.example`, name: `Test ${role}`, passwordHash: "not-a-hash", role, ...overrides })
    .returning();
  if (!user) throw new Error("no user");
  if (siteIds.length) await db.insert(userSites).values(siteIds.map((siteId) => ({ userId: user.id, siteId })));
  return user;
}

export function ctxFor(db: Database, user: { id: string; email: string; name: string; role: Role }, siteIds: string[]): Ctx {
  return { user: { id: user.id, email: user.email, name: user.name, role: user.role, siteIds }, db, ip: "127.0.0.1" };
}

// Sequences from a random start, not independent random draws: a few hundred random draws from a
// million would collide now and then (the birthday problem) and make a test fail at random.
let crnSequence = randomInt(26 * 1_000_000);
let nhsSequence = randomInt(1_000_000);

export function uniqueCrn(): string {
  crnSequence = (crnSequence + 1) % (26 * 1_000_000);
  return `${String.fromCharCode(65 + Math.floor(crnSequence / 1_000_000))}${String(crnSequence % 1_000_000).padStart(6, "0")}`;
}

export function uniqueNhsNumber(): string {
  for (;;) {
    nhsSequence = (nhsSequence + 1) % 1_000_000;
    const nine = `999${String(nhsSequence).padStart(6, "0")}`;
    const check = nhsCheckDigit(nine);
    if (check !== null) return `${nine}${check}`;
  }
}

export async function makePerson(db: Database, siteId: string, overrides: Partial<typeof people.$inferInsert> = {}) {
  const [person] = await db
    .insert(people)
    .values({
      siteId,
      crn: uniqueCrn(),
      nhsNumber: uniqueNhsNumber(),
      givenName: "Alex",
      familyName: `Tester${next()}`,
      dateOfBirth: "1985-06-15",
      sexRegisteredAtGp: "male",
      orderType: "community_order",
      enrolledOn: "2026-01-05",
      ...overrides,
    })
    .returning();
  if (!person) throw new Error("no person");
  return person;
}

export async function makeAppointment(db: Database, person: { id: string; siteId: string }, overrides: Partial<typeof appointments.$inferInsert> = {}) {
  const [appointment] = await db
    .insert(appointments)
    .values({ personId: person.id, siteId: person.siteId, kind: "probation", type: "supervision", startsAt: new Date(Date.now() - 3600_000), ...overrides })
    .returning();
  if (!appointment) throw new Error("no appointment");
  return appointment;
}

/** Form-shaped input for a new person, as the zod schema outputs it. */
export function personInput(siteId: string, overrides: Record<string, unknown> = {}) {
  return {
    givenName: "Jordan",
    familyName: `Newperson${next()}`,
    dateOfBirth: "1990-02-01",
    crn: uniqueCrn(),
    nhsNumber: uniqueNhsNumber(),
    sexRegisteredAtGp: "female" as const,
    genderIdentity: null,
    ethnicGroup: "white" as const,
    orderType: "licence" as const,
    siteId,
    assignedOfficerId: null,
    requirementMHTR: false,
    requirementDRR: true,
    requirementATR: false,
    ...overrides,
  };
}
