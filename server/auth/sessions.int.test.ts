import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { Database, DatabaseHandle } from "@/db/client";
import { auditEvents, userSessions } from "@/db/schema";
import { createTestDatabase } from "@/test/db";
import { makeSite, makeUser } from "@/test/factories";
import { ageSession, checkSession, endSession, sessionPolicy, startSession, type SessionPolicy } from "./sessions";

const MINUTE = 60_000;
const policy: SessionPolicy = { idleMs: 30 * MINUTE, absoluteMs: 12 * 60 * MINUTE, touchEveryMs: MINUTE, warnBeforeMs: 5 * MINUTE };
const T0 = new Date("2026-03-02T09:00:00.000Z");
const at = (minutes: number) => new Date(T0.getTime() + minutes * MINUTE);

let handle: DatabaseHandle;
let db: Database;
let siteId: string;

beforeAll(async () => {
  handle = await createTestDatabase();
  db = handle.db;
  siteId = (await makeSite(db)).id;
});
afterAll(async () => handle?.close());

async function newSession() {
  const user = await makeUser(db, "clinician", [siteId]);
  const sessionId = await startSession(db, user.id, T0);
  const check = (minutes: number, touch = true) => checkSession(db, { sessionId, userId: user.id, touch, now: at(minutes), policy, ip: "10.0.0.9" });
  const row = async () => (await db.select().from(userSessions).where(eq(userSessions.id, sessionId)))[0];
  const audits = () => db.select().from(auditEvents).where(eq(auditEvents.userId, user.id));
  return { user, sessionId, check, row, audits };
}

describe("sessions", () => {
  it("uses 30 minutes idle and 12 hours absolute by default", () => {
    expect(sessionPolicy.idleMs).toBe(30 * MINUTE);
    expect(sessionPolicy.absoluteMs).toBe(12 * 60 * MINUTE);
    expect(sessionPolicy.warnBeforeMs).toBe(5 * MINUTE);
  });

  it("starts a session with an unguessable id and accepts it until it goes idle", async () => {
    const s = await newSession();
    expect(s.sessionId).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const first = await s.check(0);
    expect(first).toEqual({
      ok: true,
      session: { id: s.sessionId, userId: s.user.id, idleExpiresAt: at(30), absoluteExpiresAt: at(12 * 60) },
    });
  });

  it("ends a session idle for 30 minutes, audits it once, and refuses it from then on", async () => {
    const s = await newSession();
    expect((await s.check(29.9, false)).ok).toBe(true);
    expect(await s.check(30)).toEqual({ ok: false, reason: "idle" });
    expect(await s.row()).toMatchObject({ endedAt: at(30), endReason: "idle" });
    // Coming back later, even "active" again, does not revive it.
    expect(await s.check(31)).toEqual({ ok: false, reason: "ended" });
    const rows = await s.audits();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: "session-timeout", outcome: "success", entityType: "session", ip: "10.0.0.9", detail: { reason: "idle", startedAt: T0.toISOString() } });
  });

  it("keeps a session in use alive, but never past 12 hours from sign-in", async () => {
    const s = await newSession();
    for (let minute = 20; minute < 12 * 60; minute += 20) expect((await s.check(minute)).ok, `at minute ${minute}`).toBe(true);
    const nearEnd = await s.check(12 * 60 - 1);
    // The idle deadline is capped at the absolute one, so the warning counts down to the real end.
    expect(nearEnd.ok && nearEnd.session.idleExpiresAt).toEqual(at(12 * 60));
    expect(await s.check(12 * 60)).toEqual({ ok: false, reason: "absolute" });
    expect(await s.row()).toMatchObject({ endReason: "absolute" });
    expect((await s.audits()).map((r) => r.detail)).toEqual([{ reason: "absolute", startedAt: T0.toISOString() }]);
  });

  it("writes last_seen_at at most once a minute, and never for a status check", async () => {
    const s = await newSession();
    await s.check(0.5);
    expect((await s.row())?.lastSeenAt).toEqual(T0);
    const touched = await s.check(1);
    expect((await s.row())?.lastSeenAt).toEqual(at(1));
    expect(touched.ok && touched.session.idleExpiresAt).toEqual(at(31));
    await s.check(1.9);
    expect((await s.row())?.lastSeenAt).toEqual(at(1));
    // A status check (touch: false) reports the deadline without extending it.
    const status = await s.check(20, false);
    expect(status.ok && status.session.idleExpiresAt).toEqual(at(31));
    expect((await s.row())?.lastSeenAt).toEqual(at(1));
    expect(await s.check(31, false)).toEqual({ ok: false, reason: "idle" });
  });

  it("sign-out ends the session server-side: a replayed cookie naming it is refused", async () => {
    const s = await newSession();
    expect(await endSession(db, { sessionId: s.sessionId, userId: s.user.id, reason: "sign-out", actorEmail: s.user.email, ip: null, now: at(5) })).toBe(true);
    expect(await s.check(6)).toEqual({ ok: false, reason: "ended" });
    // Ending again records nothing more.
    expect(await endSession(db, { sessionId: s.sessionId, userId: s.user.id, reason: "sign-out", now: at(7) })).toBe(false);
    const rows = await s.audits();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: "sign-out", actorEmail: s.user.email, detail: { reason: "sign-out" } });
    expect(await s.row()).toMatchObject({ endedAt: at(5), endReason: "sign-out" });
  });

  it("refuses a session id presented for another user or that does not exist", async () => {
    const s = await newSession();
    const other = await makeUser(db, "clinician", [siteId]);
    expect(await checkSession(db, { sessionId: s.sessionId, userId: other.id, touch: true, now: at(1), policy })).toEqual({ ok: false, reason: "missing" });
    expect(await checkSession(db, { sessionId: "no-such-session", userId: s.user.id, touch: true, now: at(1), policy })).toEqual({ ok: false, reason: "missing" });
    // Another user cannot end it either.
    expect(await endSession(db, { sessionId: s.sessionId, userId: other.id, reason: "sign-out", now: at(1) })).toBe(false);
    expect((await s.check(2)).ok).toBe(true);
  });

  it("signing in twice gives two independent sessions: ending one leaves the other", async () => {
    const s = await newSession();
    const second = await startSession(db, s.user.id, at(1));
    await endSession(db, { sessionId: s.sessionId, userId: s.user.id, reason: "sign-out", now: at(2) });
    expect((await checkSession(db, { sessionId: second, userId: s.user.id, touch: true, now: at(3), policy })).ok).toBe(true);
    const live = await db.select().from(userSessions).where(and(eq(userSessions.userId, s.user.id)));
    expect(live.map((r) => r.endReason).sort()).toEqual([null, "sign-out"]);
  });

  it("ageSession (end-to-end hook) only moves the caller's own session back in time", async () => {
    const s = await newSession();
    const other = await makeUser(db, "clinician", [siteId]);
    await ageSession(db, { sessionId: s.sessionId, userId: other.id, minutes: 40 });
    expect((await s.check(1)).ok).toBe(true);
    await ageSession(db, { sessionId: s.sessionId, userId: s.user.id, minutes: 40 });
    expect(await s.check(2)).toEqual({ ok: false, reason: "idle" });
  });
});
