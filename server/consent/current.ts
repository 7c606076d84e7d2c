import "server-only";
import { eq } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { consents } from "@/db/schema";
import { currentConsent, type ConsentState } from "@/domain/consent";
import type { ConsentKind } from "@/domain/health";

/** The state of each kind of consent for one person, read in the caller's transaction. */
export async function consentStates(db: Executor, personId: string): Promise<Record<ConsentKind, ConsentState>> {
  const rows = await db
    .select({ kind: consents.kind, decision: consents.decision, decidedOn: consents.decidedOn, recordedAt: consents.recordedAt, withdrawnOn: consents.withdrawnOn })
    .from(consents)
    .where(eq(consents.personId, personId));
  return {
    hub_care: currentConsent(rows, "hub_care").state,
    share_with_probation: currentConsent(rows, "share_with_probation").state,
    evaluation: currentConsent(rows, "evaluation").state,
  };
}

export async function hasConsent(db: Executor, personId: string, kind: ConsentKind): Promise<boolean> {
  return (await consentStates(db, personId))[kind] === "given";
}
