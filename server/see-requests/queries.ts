import "server-only";
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { people, seeRequests, sites, users } from "@/db/schema";
import { can } from "@/domain/permissions";
import type { SeeRequestReason, SeeRequestStatus } from "@/domain/referrals";
import type { Ctx } from "../context";
import { actor, assertCan, denyNotFound } from "../authz";
import { recordAudit } from "../audit/record";
import { personInScope } from "../people/in-scope";
import { siteScope, UUID_PATTERN } from "../scope";

export type OpenSeeRequestRow = {
  id: string;
  personId: string;
  personName: string;
  crn: string;
  siteName: string;
  reason: SeeRequestReason;
  note: string | null;
  requestedAt: Date;
  requestedByName: string;
};

/** "Please see" requests still open at the user's sites, oldest first (the clinicians' worklist). */
export async function listOpenSeeRequests({ ctx, siteId }: { ctx: Ctx; siteId?: string }): Promise<OpenSeeRequestRow[]> {
  await assertCan(ctx, "see-request:handle", "see-requests.worklist");
  const requester = alias(users, "requester");
  const rows = await ctx.db
    .select({
      id: seeRequests.id,
      personId: seeRequests.personId,
      givenName: people.givenName,
      familyName: people.familyName,
      crn: people.crn,
      siteName: sites.name,
      reason: seeRequests.reason,
      note: seeRequests.note,
      requestedAt: seeRequests.requestedAt,
      requestedByName: requester.name,
    })
    .from(seeRequests)
    .innerJoin(people, eq(people.id, seeRequests.personId))
    .innerJoin(sites, eq(sites.id, seeRequests.siteId))
    .innerJoin(requester, eq(requester.id, seeRequests.requestedById))
    .where(and(inArray(seeRequests.siteId, siteScope(ctx)), siteId ? eq(seeRequests.siteId, siteId) : undefined, eq(seeRequests.status, "open")))
    .orderBy(asc(seeRequests.requestedAt), asc(seeRequests.id))
    .limit(500);
  return rows.map(({ givenName, familyName, ...r }) => ({ ...r, personName: `${familyName}, ${givenName}` }));
}

export type SeeRequestView = {
  id: string;
  personId: string;
  personName: string;
  crn: string;
  siteName: string;
  reason: SeeRequestReason;
  note: string | null;
  status: SeeRequestStatus;
  requestedAt: Date;
  requestedByName: string;
  handledAt: Date | null;
  handledByName: string | null;
  version: number;
};

function requestColumns() {
  const requester = alias(users, "requester");
  const handler = alias(users, "handler");
  return {
    requester,
    handler,
    columns: {
      id: seeRequests.id,
      personId: seeRequests.personId,
      givenName: people.givenName,
      familyName: people.familyName,
      crn: people.crn,
      siteName: sites.name,
      reason: seeRequests.reason,
      note: seeRequests.note,
      status: seeRequests.status,
      requestedAt: seeRequests.requestedAt,
      requestedByName: requester.name,
      handledAt: seeRequests.handledAt,
      handledByName: handler.name,
      version: seeRequests.version,
    },
  };
}

/** One request at the user's sites, for the hub to answer. Audited. */
export async function getSeeRequest({ ctx, seeRequestId }: { ctx: Ctx; seeRequestId: string }): Promise<SeeRequestView> {
  await assertCan(ctx, "see-request:handle", "see-request.view");
  const { requester, handler, columns } = requestColumns();
  const [row] = UUID_PATTERN.test(seeRequestId)
    ? await ctx.db
        .select({ ...columns, siteId: seeRequests.siteId })
        .from(seeRequests)
        .innerJoin(people, eq(people.id, seeRequests.personId))
        .innerJoin(sites, eq(sites.id, seeRequests.siteId))
        .innerJoin(requester, eq(requester.id, seeRequests.requestedById))
        .leftJoin(handler, eq(handler.id, seeRequests.handledById))
        .where(and(eq(seeRequests.id, seeRequestId), inArray(seeRequests.siteId, siteScope(ctx))))
        .limit(1)
    : [];
  if (!row) return denyNotFound(ctx, "see-request.view", "see_request", seeRequestId);
  const { givenName, familyName, siteId, ...rest } = row;
  await recordAudit(ctx.db, { ...actor(ctx), action: "see-request.view", outcome: "success", personId: row.personId, siteId, entityType: "see_request", entityId: row.id });
  return { ...rest, personName: `${givenName} ${familyName}` };
}

/**
 * A person's requests, newest first: for the officer asking (see-request:create) and for the hub
 * answering (see-request:handle). Neither holds clinical detail.
 */
export async function listSeeRequestsForPerson({ ctx, personId }: { ctx: Ctx; personId: string }): Promise<SeeRequestView[]> {
  await assertCan(ctx, can(ctx.user.role, "see-request:handle") ? "see-request:handle" : "see-request:create", "see-requests.person");
  const person = await personInScope(ctx, personId, "see-requests.person");
  const { requester, handler, columns } = requestColumns();
  const rows = await ctx.db
    .select(columns)
    .from(seeRequests)
    .innerJoin(people, eq(people.id, seeRequests.personId))
    .innerJoin(sites, eq(sites.id, seeRequests.siteId))
    .innerJoin(requester, eq(requester.id, seeRequests.requestedById))
    .leftJoin(handler, eq(handler.id, seeRequests.handledById))
    .where(and(eq(seeRequests.personId, person.id), inArray(seeRequests.siteId, siteScope(ctx))))
    .orderBy(desc(seeRequests.requestedAt), desc(seeRequests.id))
    .limit(100);
  return rows.map(({ givenName, familyName, ...r }) => ({ ...r, personName: `${givenName} ${familyName}` }));
}
