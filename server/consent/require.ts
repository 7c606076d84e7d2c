import "server-only";
import type { Transaction } from "@/db/client";
import { healthRecordMessages } from "@/domain/messages";
import type { Ctx } from "../context";
import { actor } from "../authz";
import { recordAudit } from "../audit/record";
import { ConflictError } from "../errors";
import { hasConsent } from "./current";

class NoHubCareConsent extends Error {}

/**
 * Runs a write to the health record that needs the person's consent to care from the hub. The
 * consent is checked inside the write's own transaction, so a withdrawal saved a moment earlier
 * stops it. A refusal writes nothing but a "denied" audit row, and reaches the form as a message.
 */
export async function writeWithHubCareConsent<T>(
  ctx: Ctx,
  person: { id: string; siteId: string },
  audit: { action: string; entityType: string },
  work: (tx: Transaction) => Promise<T>,
): Promise<T> {
  try {
    return await ctx.db.transaction(async (tx) => {
      if (!(await hasConsent(tx, person.id, "hub_care"))) throw new NoHubCareConsent();
      return work(tx);
    });
  } catch (error) {
    if (!(error instanceof NoHubCareConsent)) throw error;
    // After the rollback, so this row is kept.
    await recordAudit(ctx.db, {
      ...actor(ctx),
      action: audit.action,
      outcome: "denied",
      personId: person.id,
      siteId: person.siteId,
      entityType: audit.entityType,
      detail: { reason: "no consent to care from the hub" },
    });
    throw new ConflictError(healthRecordMessages.noHubCareConsent);
  }
}
