import "server-only";
import { and, eq, inArray, ne, sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { services } from "@/db/schema";
import { messages, requirementMessages } from "@/domain/messages";
import type { CreateServiceInput, SetServiceActiveInput, UpdateServiceInput } from "@/domain/schemas/service";
import type { Ctx } from "../context";
import { actor, assertCan, denyNotFound } from "../authz";
import { recordAudit } from "../audit/record";
import { withIdempotency } from "../idempotency";
import { ConflictError, ValidationError } from "../errors";
import { inMySites, siteScope, UUID_PATTERN } from "../scope";

// The directory holds no personal data: audit rows name the service and what changed, never more.

async function findServiceInScope(ctx: Ctx, serviceId: string) {
  if (!UUID_PATTERN.test(serviceId)) return undefined;
  const [row] = await ctx.db
    .select({ id: services.id, siteId: services.siteId, active: services.active })
    .from(services)
    .where(and(eq(services.id, serviceId), inArray(services.siteId, siteScope(ctx))))
    .limit(1);
  return row;
}

/** Two services with the same name at one site would be hard to tell apart on the referral form. */
async function assertNameFree(db: Executor, siteId: string, name: string, excludeId?: string): Promise<void> {
  const conditions = [eq(services.siteId, siteId), sql`lower(${services.name}) = lower(${name})`];
  if (excludeId) conditions.push(ne(services.id, excludeId));
  const [taken] = await db.select({ id: services.id }).from(services).where(and(...conditions)).limit(1);
  if (taken) throw new ValidationError({ name: requirementMessages.serviceNameTaken });
}

function serviceColumns(input: CreateServiceInput | UpdateServiceInput) {
  return { name: input.name, category: input.category, commissionerType: input.commissionerType, contact: input.contact, address: input.address };
}

export async function createService({ ctx, input }: { ctx: Ctx; input: CreateServiceInput }): Promise<{ id: string }> {
  await assertCan(ctx, "service:manage", "service.create");
  if (!inMySites(ctx, input.siteId)) throw new ValidationError({ siteId: messages.siteNotYours });
  return ctx.db.transaction(async (tx) => {
    return withIdempotency(tx, ctx, input.idempotencyKey, "service.create", async () => {
      await assertNameFree(tx, input.siteId, input.name);
      const [created] = await tx
        .insert(services)
        .values({ siteId: input.siteId, ...serviceColumns(input) })
        .returning({ id: services.id });
      if (!created) throw new Error("insert returned no row");
      await recordAudit(tx, {
        ...actor(ctx),
        action: "service.create",
        outcome: "success",
        siteId: input.siteId,
        entityType: "service",
        entityId: created.id,
        detail: { name: input.name, category: input.category, commissionerType: input.commissionerType },
      });
      return created;
    });
  });
}

/** Saves an edit only if nobody else saved since the form was opened (the version the form carried). */
export async function updateService({ ctx, input }: { ctx: Ctx; input: UpdateServiceInput }): Promise<void> {
  await assertCan(ctx, "service:manage", "service.update");
  const existing = await findServiceInScope(ctx, input.serviceId);
  if (!existing) return denyNotFound(ctx, "service.update", "service", input.serviceId);

  await ctx.db.transaction(async (tx) => {
    await assertNameFree(tx, existing.siteId, input.name, existing.id);
    const updated = await tx
      .update(services)
      .set({ ...serviceColumns(input), version: sql`${services.version} + 1`, updatedAt: new Date() })
      .where(and(eq(services.id, existing.id), eq(services.version, input.version), inArray(services.siteId, siteScope(ctx))))
      .returning({ version: services.version });
    const [row] = updated;
    if (!row) throw new ConflictError(messages.conflict);
    await recordAudit(tx, {
      ...actor(ctx),
      action: "service.update",
      outcome: "success",
      siteId: existing.siteId,
      entityType: "service",
      entityId: existing.id,
      detail: { name: input.name, category: input.category, commissionerType: input.commissionerType, version: row.version },
    });
  });
}

/**
 * Takes a service off the referral form, or puts it back. A deactivated service keeps its
 * referrals; it is simply no longer offered for new ones.
 */
export async function setServiceActive({ ctx, input }: { ctx: Ctx; input: SetServiceActiveInput }): Promise<void> {
  const action = input.active ? "service.reactivate" : "service.deactivate";
  await assertCan(ctx, "service:manage", action);
  const existing = await findServiceInScope(ctx, input.serviceId);
  if (!existing) return denyNotFound(ctx, action, "service", input.serviceId);
  // Already as asked (a second click, or another administrator got there first): nothing to record.
  if (existing.active === input.active) return;

  await ctx.db.transaction(async (tx) => {
    await tx
      .update(services)
      .set({ active: input.active, version: sql`${services.version} + 1`, updatedAt: new Date() })
      .where(and(eq(services.id, existing.id), inArray(services.siteId, siteScope(ctx))));
    await recordAudit(tx, { ...actor(ctx), action, outcome: "success", siteId: existing.siteId, entityType: "service", entityId: existing.id });
  });
}
