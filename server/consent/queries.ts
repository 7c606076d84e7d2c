import "server-only";
import { desc, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { consents, users } from "@/db/schema";
import { currentConsent, type ConsentState } from "@/domain/consent";
import type { ConsentDecision, ConsentKind, ConsentMethod } from "@/domain/health";
import type { Ctx } from "../context";
import { actor, assertCan } from "../authz";
import { recordAudit } from "../audit/record";
import { personInScope, recordPerson, type HealthRecordPerson } from "../people/in-scope";

export type ConsentEntry = {
  id: string;
  kind: ConsentKind;
  decision: ConsentDecision;
  decidedOn: string;
  informationVersion: string;
  method: ConsentMethod;
  recordedByName: string;
  recordedAt: Date;
  withdrawnOn: string | null;
  withdrawalRecordedByName: string | null;
  withdrawalRecordedAt: Date | null;
  version: number;
};

export type ConsentOverview = {
  person: HealthRecordPerson;
  /** The consent in force for each kind, with the conversation it comes from (null when never asked). */
  current: Record<ConsentKind, { state: ConsentState; consent: ConsentEntry | null }>;
  /** Every conversation, newest first. */
  history: ConsentEntry[];
};

/** The person's consents at a glance and in full. Every view is audited. */
export async function getConsentOverview({ ctx, personId }: { ctx: Ctx; personId: string }): Promise<ConsentOverview> {
  await assertCan(ctx, "health:read", "consent.view");
  const person = await personInScope(ctx, personId, "consent.view");
  const recorder = alias(users, "recorder");
  const withdrawer = alias(users, "withdrawer");
  const history = await ctx.db
    .select({
      id: consents.id,
      kind: consents.kind,
      decision: consents.decision,
      decidedOn: consents.decidedOn,
      informationVersion: consents.informationVersion,
      method: consents.method,
      recordedByName: recorder.name,
      recordedAt: consents.recordedAt,
      withdrawnOn: consents.withdrawnOn,
      withdrawalRecordedByName: withdrawer.name,
      withdrawalRecordedAt: consents.withdrawalRecordedAt,
      version: consents.version,
    })
    .from(consents)
    .innerJoin(recorder, eq(recorder.id, consents.recordedById))
    .leftJoin(withdrawer, eq(withdrawer.id, consents.withdrawalRecordedById))
    .where(eq(consents.personId, person.id))
    .orderBy(desc(consents.recordedAt), desc(consents.decidedOn));

  const inForce = (kind: ConsentKind) => {
    const { state, record } = currentConsent(history, kind);
    return { state, consent: record };
  };
  const current = { hub_care: inForce("hub_care"), share_with_probation: inForce("share_with_probation"), evaluation: inForce("evaluation") };

  await recordAudit(ctx.db, { ...actor(ctx), action: "consent.view", outcome: "success", personId: person.id, siteId: person.siteId, entityType: "person", entityId: person.id });
  return { person: recordPerson(person), current, history };
}
