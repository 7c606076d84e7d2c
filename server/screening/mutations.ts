import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { screenings } from "@/db/schema";
import { messages } from "@/domain/messages";
import type { UpdateScreeningInput } from "@/domain/schemas/screening";
import type { Ctx } from "../context";
import { actor, assertCan } from "../authz";
import { recordAudit } from "../audit/record";
import { withIdempotency } from "../idempotency";
import { personInScope } from "../people/in-scope";
import { writeWithHubCareConsent } from "../consent/require";
import { ConflictError } from "../errors";

function latest(...dates: (string | null)[]): string | null {
  return dates.reduce<string | null>((best, d) => (d !== null && (best === null || d > best) ? d : best), null);
}

/**
 * The last test eligibility counts from: attending screening through the hub is a test, and for
 * prostate (no programme: a PSA test after an informed discussion) so is the discussion.
 */
function lastTestOn(input: UpdateScreeningInput): string | null {
  return latest(input.lastTestOn, input.attendedOn, input.programme === "prostate" ? input.discussedOn : null);
}

/**
 * Saves what the hub has done about one programme: one row per person and programme, created at
 * version 1 on the first save (the form sends version 0), afterwards only with the version the
 * form was opened at.
 */
export async function updateScreening({ ctx, input, now = new Date() }: { ctx: Ctx; input: UpdateScreeningInput; now?: Date }): Promise<{ version: number }> {
  await assertCan(ctx, "health:write", "screening.update");
  const person = await personInScope(ctx, input.personId, "screening.update");
  const columns = {
    status: input.status,
    discussedOn: input.discussedOn,
    bookedFor: input.bookedFor,
    attendedOn: input.attendedOn,
    declinedOn: input.declinedOn,
    resultReceivedOn: input.resultReceivedOn,
    lastTestOn: lastTestOn(input),
    lastResultHpvNegative: input.programme === "cervical" ? input.lastResultHpvNegative : null,
    note: input.note,
    updatedById: ctx.user.id,
    updatedAt: now,
  };

  return writeWithHubCareConsent(ctx, person, { action: "screening.update", entityType: "screening" }, async (tx) => {
    return withIdempotency(tx, ctx, input.idempotencyKey, "screening.update", async () => {
      const saved =
        input.version === 0
          ? await tx
              .insert(screenings)
              .values({ personId: person.id, programme: input.programme, ...columns, version: 1 })
              .onConflictDoNothing({ target: [screenings.personId, screenings.programme] })
              .returning({ id: screenings.id, version: screenings.version })
          : await tx
              .update(screenings)
              .set({ ...columns, version: sql`${screenings.version} + 1` })
              .where(and(eq(screenings.personId, person.id), eq(screenings.programme, input.programme), eq(screenings.version, input.version)))
              .returning({ id: screenings.id, version: screenings.version });
      const [row] = saved;
      // Someone else saved first: created the row, or changed it since the form was opened.
      if (!row) throw new ConflictError(messages.conflict);
      await recordAudit(tx, {
        ...actor(ctx),
        action: "screening.update",
        outcome: "success",
        personId: person.id,
        siteId: person.siteId,
        entityType: "screening",
        entityId: row.id,
        detail: { programme: input.programme, status: input.status, version: row.version },
      });
      return { version: row.version };
    });
  });
}
