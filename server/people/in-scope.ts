import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { people } from "@/db/schema";
import type { EthnicGroup, SexRegisteredAtGp } from "@/domain/people";
import type { Ctx } from "../context";
import { denyNotFound } from "../authz";
import { siteScope, UUID_PATTERN } from "../scope";

/** What the consent, GP registration and screening pages show about whose record it is. */
export type HealthRecordPerson = { id: string; givenName: string; familyName: string; crn: string };

type PersonInScope = HealthRecordPerson & { siteId: string; dateOfBirth: string; sexRegisteredAtGp: SexRegisteredAtGp; ethnicGroup: EthnicGroup };

/**
 * A person at one of the user's sites (the scope is part of the SQL), or not found: a person at
 * another site and one who does not exist look the same, and the refusal is audited as `action`.
 */
export async function personInScope(ctx: Ctx, personId: string, action: string): Promise<PersonInScope> {
  const [row] = UUID_PATTERN.test(personId)
    ? await ctx.db
        .select({
          id: people.id,
          givenName: people.givenName,
          familyName: people.familyName,
          crn: people.crn,
          siteId: people.siteId,
          dateOfBirth: people.dateOfBirth,
          sexRegisteredAtGp: people.sexRegisteredAtGp,
          ethnicGroup: people.ethnicGroup,
        })
        .from(people)
        .where(and(eq(people.id, personId), inArray(people.siteId, siteScope(ctx))))
        .limit(1)
    : [];
  if (!row) return denyNotFound(ctx, action, "person", personId);
  return row;
}

export function recordPerson(p: PersonInScope): HealthRecordPerson {
  return { id: p.id, givenName: p.givenName, familyName: p.familyName, crn: p.crn };
}
