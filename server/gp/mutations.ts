import "server-only";
import { count, eq } from "drizzle-orm";
import { gpRegistrations, people } from "@/db/schema";
import { messages } from "@/domain/messages";
import type { RecordGpRegistrationInput } from "@/domain/schemas/gp-registration";
import type { Ctx } from "../context";
import { actor, assertCan } from "../authz";
import { recordAudit } from "../audit/record";
import { withIdempotency } from "../idempotency";
import { ConflictError } from "../errors";
import { personInScope } from "../people/in-scope";
import { writeWithHubCareConsent } from "../consent/require";

/**
 * Records the person's GP registration as it is now: every save is a new row, so the history
 * shows each change. The first row ever recorded is the status at enrolment. The form carries how
 * many changes it saw (its version); if another was saved meanwhile, this one is refused.
 */
export async function recordGpRegistration({ ctx, input }: { ctx: Ctx; input: RecordGpRegistrationInput }): Promise<{ id: string; atEnrolment: boolean }> {
  await assertCan(ctx, "health:write", "gp.record");
  const person = await personInScope(ctx, input.personId, "gp.record");

  return writeWithHubCareConsent(ctx, person, { action: "gp.record", entityType: "gp_registration" }, async (tx) => {
    return withIdempotency(tx, ctx, input.idempotencyKey, "gp.record", async () => {
      // Lock the person so two first saves cannot both become the status at enrolment.
      await tx.select({ id: people.id }).from(people).where(eq(people.id, person.id)).for("update");
      const [existing] = await tx.select({ n: count() }).from(gpRegistrations).where(eq(gpRegistrations.personId, person.id));
      const recorded = existing?.n ?? 0;
      // Someone recorded a change since this form was opened: the form's starting values are stale.
      if (input.version !== undefined && input.version !== recorded) throw new ConflictError(messages.conflict);
      const atEnrolment = recorded === 0;
      const [created] = await tx
        .insert(gpRegistrations)
        .values({
          personId: person.id,
          status: input.status,
          practiceName: input.practiceName,
          odsCode: input.odsCode,
          registrationType: input.registrationType,
          supportStartedOn: input.supportStartedOn,
          registeredOn: input.registeredOn,
          barriers: input.barriers,
          note: input.note,
          atEnrolment,
          recordedById: ctx.user.id,
        })
        .returning({ id: gpRegistrations.id });
      if (!created) throw new Error("insert returned no row");
      await recordAudit(tx, {
        ...actor(ctx),
        action: "gp.record",
        outcome: "success",
        personId: person.id,
        siteId: person.siteId,
        entityType: "gp_registration",
        entityId: created.id,
        detail: { status: input.status, odsCode: input.odsCode, atEnrolment },
      });
      return { id: created.id, atEnrolment };
    });
  });
}
