import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { Database, DatabaseHandle } from "@/db/client";
import { auditEvents, signInChallenges, twoFactorRecoveryCodes, users, userTwoFactor } from "@/db/schema";
import { changePasswordSchema } from "@/domain/passwords-schema";
import { base32Decode, hotp, timeStep } from "@/domain/totp";
import { decryptTotpSecret } from "@/domain/totp-secret-box";
import { DEMO_RECOVERY_CODES, demoTotpKey, seedDemoTwoFactor } from "@/db/seed-two-factor";
import { createTestDatabase } from "@/test/db";
import { ctxFor, makeSite, makeUser } from "@/test/factories";
import { ValidationError } from "../errors";
import { changeOwnPassword, confirmOwnEnrolment, getOwnTwoFactor, regenerateOwnRecoveryCodes, startOwnEnrolment } from "./account";
import { resetUserTwoFactor, setUserTwoFactorRequired } from "./admin-two-factor";
import { hashPassword, verifyPassword } from "./passwords";
import { loadActiveUser } from "./session-user";
import { consumeSignInTicket, enrolmentStep, passwordStep, secondFactorStep } from "./sign-in-flow";
import { recordThrottledFailure } from "./throttle";
import { twoFactorKeyMaterial } from "./two-factor-keys";

let handle: DatabaseHandle;
let db: Database;
let siteId: string;
const PASSWORD = "correct horse battery";
let passwordHash: string;
let addressCounter = 0;
const address = () => `192.0.2.${++addressCounter}`;
const T0 = new Date("2026-03-02T09:00:00Z");
const later = (ms: number, from = T0) => new Date(from.getTime() + ms);
const MIN = 60_000;

beforeAll(async () => {
  handle = await createTestDatabase();
  db = handle.db;
  siteId = (await makeSite(db)).id;
  passwordHash = await hashPassword(PASSWORD);
});
afterAll(async () => handle?.close());

const officer = (overrides: Partial<typeof users.$inferInsert> = {}) => makeUser(db, "probation_officer", [siteId], { passwordHash, ...overrides });
const auditFor = async (email: string) => db.select().from(auditEvents).where(eq(auditEvents.actorEmail, email)).orderBy(auditEvents.id);

/** The secret an enrolled user's app holds, read back as the app would have it (from the QR code). */
async function secretOf(userId: string): Promise<Uint8Array> {
  const [row] = await db.select().from(userTwoFactor).where(eq(userTwoFactor.userId, userId));
  const secret = row && decryptTotpSecret(twoFactorKeyMaterial(), row.secretEncrypted);
  if (!secret) throw new Error("no secret");
  return secret;
}
const codeAt = (secret: Uint8Array, at: Date, offset = 0) => hotp(secret, timeStep(at) + offset);

/** Signs a clinician all the way through enrolment; returns their secret and recovery codes. */
async function enrolledClinician(at = T0) {
  const user = await makeUser(db, "clinician", [siteId], { passwordHash });
  const step1 = await passwordStep(db, { email: user.email, password: PASSWORD, address: address() }, at);
  if (step1.kind !== "challenge" || step1.stage !== "enrol") throw new Error(`expected enrol, got ${JSON.stringify(step1)}`);
  const secret = await secretOf(user.id);
  const enrolled = await enrolmentStep(db, { token: step1.token, code: codeAt(secret, at), address: "192.0.2.250" }, at);
  if (enrolled.kind !== "enrolled") throw new Error("not enrolled");
  return { user, secret, recoveryCodes: enrolled.recoveryCodes };
}

describe("password step", () => {
  it("lets an officer without two-factor straight through, once, and audits the session", async () => {
    const user = await officer();
    const result = await passwordStep(db, { email: user.email.toUpperCase(), password: PASSWORD, address: "10.0.0.1" }, T0);
    expect(result).toMatchObject({ kind: "challenge", stage: "complete" });
    if (result.kind !== "challenge") return;
    expect(await consumeSignInTicket(db, result.token, "10.0.0.1", T0)).toMatchObject({ id: user.id, role: "probation_officer", sessionVersion: 1 });
    expect(await consumeSignInTicket(db, result.token, "10.0.0.1", T0)).toBeNull();
    expect((await auditFor(user.email)).map((r) => [r.action, r.outcome, r.ip])).toEqual([["sign-in", "success", "10.0.0.1"]]);
  });

  it("refuses an unknown email, a wrong password and a disabled account alike, auditing why and never the password", async () => {
    const user = await officer();
    const disabled = await officer({ disabled: true });
    for (const attempt of [
      { email: "nobody@test.example", password: PASSWORD },
      { email: user.email, password: "wrong password!!" },
      { email: disabled.email, password: PASSWORD },
    ]) {
      expect(await passwordStep(db, { ...attempt, address: address() }, T0)).toEqual({ kind: "refused" });
    }
    expect((await auditFor("nobody@test.example")).at(-1)).toMatchObject({ outcome: "failure", userId: null, detail: { reason: "unknown email" } });
    expect((await auditFor(user.email)).at(-1)).toMatchObject({ outcome: "failure", userId: user.id, detail: { reason: "wrong password" } });
    expect((await auditFor(disabled.email)).at(-1)).toMatchObject({ outcome: "failure", detail: { reason: "account disabled" } });
    const all = JSON.stringify(await db.select().from(auditEvents));
    expect(all).not.toContain("wrong password!!");
    expect(all).not.toContain(PASSWORD);
  });

  it("a ticket that is not complete, or has expired, makes no session", async () => {
    const { user } = await enrolledClinician();
    const step1 = await passwordStep(db, { email: user.email, password: PASSWORD, address: address() }, T0);
    expect(step1).toMatchObject({ kind: "challenge", stage: "second-factor" });
    if (step1.kind !== "challenge") return;
    expect(await consumeSignInTicket(db, step1.token, "x", T0)).toBeNull();
    const officerUser = await officer();
    const ok = await passwordStep(db, { email: officerUser.email, password: PASSWORD, address: address() }, T0);
    if (ok.kind !== "challenge") throw new Error("refused");
    expect(await consumeSignInTicket(db, ok.token, "x", later(2 * MIN))).toBeNull();
  });
});

describe("throttling", () => {
  it("cools an account off for 15 minutes after 10 failures in a row, even with the right password, then lets it in", async () => {
    const user = await officer();
    for (let i = 0; i < 10; i++) expect(await passwordStep(db, { email: user.email, password: `wrong password ${i}`, address: address() }, later(i * 1000))).toEqual({ kind: "refused" });
    expect(await passwordStep(db, { email: user.email, password: PASSWORD, address: address() }, later(MIN))).toEqual({ kind: "refused" });
    expect((await auditFor(user.email)).at(-1)).toMatchObject({ action: "sign-in", outcome: "denied", detail: { reason: "account throttled" } });
    // Attempts while cooling off do not extend it: the lock ends 15 minutes after the 10th failure.
    expect(await passwordStep(db, { email: user.email, password: PASSWORD, address: address() }, later(9 * 1000 + 15 * MIN - 1000))).toEqual({ kind: "refused" });
    expect(await passwordStep(db, { email: user.email, password: PASSWORD, address: address() }, later(9 * 1000 + 15 * MIN + 1000))).toMatchObject({ kind: "challenge" });
  });

  it("a success clears the run of failures", async () => {
    const user = await officer();
    for (let i = 0; i < 9; i++) await passwordStep(db, { email: user.email, password: "wrong password!!", address: address() }, T0);
    expect(await passwordStep(db, { email: user.email, password: PASSWORD, address: address() }, T0)).toMatchObject({ kind: "challenge" });
    for (let i = 0; i < 9; i++) await passwordStep(db, { email: user.email, password: "wrong password!!", address: address() }, T0);
    expect(await passwordStep(db, { email: user.email, password: PASSWORD, address: address() }, T0)).toMatchObject({ kind: "challenge" });
  });

  it("after the cooling-off a new run starts: ten more failures are needed to lock again", async () => {
    const user = await officer();
    for (let i = 0; i < 10; i++) await passwordStep(db, { email: user.email, password: "wrong password!!", address: address() }, T0);
    const after = later(16 * MIN);
    for (let i = 0; i < 9; i++) await passwordStep(db, { email: user.email, password: "wrong password!!", address: address() }, after);
    expect(await passwordStep(db, { email: user.email, password: PASSWORD, address: address() }, after)).toMatchObject({ kind: "challenge" });
  });

  it("refuses an address after 100 failures in a day, for every account, until the day's window ends", async () => {
    const from = address();
    const victim = await officer();
    const windowStart = later(0);
    // 99 failures recorded directly (the argon2 work 99 times over adds nothing), the 100th through sign-in.
    for (let i = 0; i < 99; i++) await recordThrottledFailure(db, "address", from, later(i * 1000, windowStart));
    expect(await passwordStep(db, { email: "someone.else@test.example", password: "wrong password!!", address: from }, later(MIN))).toEqual({ kind: "refused" });
    expect(await passwordStep(db, { email: victim.email, password: PASSWORD, address: from }, later(2 * MIN))).toEqual({ kind: "refused" });
    expect((await auditFor(victim.email)).at(-1)).toMatchObject({ outcome: "denied", detail: { reason: "address throttled" } });
    // Another address is not affected, and this one is let in once 24 hours have passed since the window began.
    expect(await passwordStep(db, { email: victim.email, password: PASSWORD, address: address() }, later(2 * MIN))).toMatchObject({ kind: "challenge" });
    expect(await passwordStep(db, { email: victim.email, password: PASSWORD, address: from }, later(24 * 60 * MIN - MIN))).toEqual({ kind: "refused" });
    expect(await passwordStep(db, { email: victim.email, password: PASSWORD, address: from }, later(24 * 60 * MIN + MIN))).toMatchObject({ kind: "challenge" });
  });

  it("never throttles the shared 'unknown' address (no TRUST_PROXY), so nobody can block every sign-in", async () => {
    const victim = await officer();
    for (let i = 0; i < 120; i++) expect(await recordThrottledFailure(db, "address", "unknown", later(i * 1000))).toBe(0);
    expect(await passwordStep(db, { email: victim.email, password: PASSWORD, address: "unknown" }, later(3 * MIN))).toMatchObject({ kind: "challenge" });
  });

  it("treats an email nobody has like a real account (no way to tell which exist)", async () => {
    const email = "ghost@test.example";
    for (let i = 0; i < 10; i++) await passwordStep(db, { email, password: "wrong password!!", address: address() }, T0);
    expect(await passwordStep(db, { email, password: "wrong password!!", address: address() }, later(MIN))).toEqual({ kind: "refused" });
    expect((await auditFor(email)).at(-1)).toMatchObject({ outcome: "denied", detail: { reason: "account throttled" } });
  });
});

describe("two-factor sign-in (TOTP)", () => {
  it("makes a clinician without two-factor enrol first; the secret is stored encrypted and the first code turns it on", async () => {
    const { user, secret, recoveryCodes } = await enrolledClinician();
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    const [row] = await db.select().from(userTwoFactor).where(eq(userTwoFactor.userId, user.id));
    expect(row?.enabledAt).not.toBeNull();
    expect(row?.secretEncrypted).not.toContain(Buffer.from(secret).toString("base64url"));
    expect(decryptTotpSecret("another key material that is long enough", row?.secretEncrypted ?? "")).toBeNull();
    const stored = await db.select().from(twoFactorRecoveryCodes).where(eq(twoFactorRecoveryCodes.userId, user.id));
    expect(stored).toHaveLength(10);
    expect(JSON.stringify(stored)).not.toContain(recoveryCodes[0]?.replace("-", "") ?? "?");
    expect((await auditFor(user.email)).map((r) => `${r.action}:${r.outcome}`)).toEqual(["sign-in.password:success", "two-factor.enrol:success"]);
  });

  it("a wrong enrolment code leaves two-factor off", async () => {
    const user = await makeUser(db, "administrator", [siteId], { passwordHash });
    const step1 = await passwordStep(db, { email: user.email, password: PASSWORD, address: address() }, T0);
    if (step1.kind !== "challenge") throw new Error("refused");
    const secret = await secretOf(user.id);
    expect(await enrolmentStep(db, { token: step1.token, code: codeAt(secret, T0, 3), address: address() }, T0)).toEqual({ kind: "wrong" });
    expect((await db.select().from(userTwoFactor).where(eq(userTwoFactor.userId, user.id)))[0]?.enabledAt).toBeNull();
  });

  it("asks an enrolled user for a code; the right one completes sign-in, a wrong one does not", async () => {
    const { user, secret } = await enrolledClinician();
    const at = later(5 * MIN);
    const step1 = await passwordStep(db, { email: user.email, password: PASSWORD, address: address() }, at);
    if (step1.kind !== "challenge") throw new Error("refused");
    expect(step1.stage).toBe("second-factor");
    expect(await secondFactorStep(db, { token: step1.token, code: codeAt(secret, at, 2), address: address() }, at)).toEqual({ kind: "wrong" });
    expect(await secondFactorStep(db, { token: "not-the-token", code: codeAt(secret, at), address: address() }, at)).toEqual({ kind: "expired" });
    expect(await secondFactorStep(db, { token: step1.token, code: codeAt(secret, at), address: address() }, at)).toEqual({ kind: "complete" });
    expect(await consumeSignInTicket(db, step1.token, "x", at)).toMatchObject({ id: user.id });
    expect((await auditFor(user.email)).filter((r) => r.action === "sign-in.second-factor").map((r) => [r.outcome, r.detail])).toEqual([
      ["failure", { reason: "wrong code" }],
      ["success", { method: "authenticator code" }],
    ]);
  });

  it("a code cannot be used twice, nor an earlier one after a later one", async () => {
    const { user, secret } = await enrolledClinician();
    const at = later(10 * MIN);
    const signInWith = async (code: string) => {
      const step1 = await passwordStep(db, { email: user.email, password: PASSWORD, address: address() }, at);
      if (step1.kind !== "challenge") throw new Error("refused");
      return (await secondFactorStep(db, { token: step1.token, code, address: address() }, at)).kind;
    };
    expect(await signInWith(codeAt(secret, at))).toBe("complete");
    expect(await signInWith(codeAt(secret, at))).toBe("wrong");
    expect(await signInWith(codeAt(secret, at, -1))).toBe("wrong");
    expect(await signInWith(codeAt(secret, at, 1))).toBe("complete");
  });

  it("a recovery code works once", async () => {
    const { user, recoveryCodes } = await enrolledClinician();
    const code = recoveryCodes[3] ?? "";
    const signInWith = async (typed: string) => {
      const step1 = await passwordStep(db, { email: user.email, password: PASSWORD, address: address() }, later(MIN));
      if (step1.kind !== "challenge") throw new Error("refused");
      return (await secondFactorStep(db, { token: step1.token, code: typed, address: address() }, later(MIN))).kind;
    };
    expect(await signInWith(` ${code.toUpperCase()} `)).toBe("complete");
    expect(await signInWith(code)).toBe("wrong");
    expect((await getOwnTwoFactor({ ctx: ctxFor(db, user, [siteId]) })).recoveryCodesLeft).toBe(9);
  });

  it("five wrong codes use up the challenge; ten in a row cool the second factor off for 15 minutes", async () => {
    const { user, secret } = await enrolledClinician();
    const at = later(20 * MIN);
    const start = async (when: Date) => {
      const step1 = await passwordStep(db, { email: user.email, password: PASSWORD, address: address() }, when);
      if (step1.kind !== "challenge") throw new Error("refused");
      return step1.token;
    };
    const wrong = codeAt(secret, at, 5);
    for (const round of [0, 1]) {
      const token = await start(at);
      for (let i = 0; i < 4; i++) expect(await secondFactorStep(db, { token, code: wrong, address: address() }, at)).toEqual({ kind: "wrong" });
      expect(await secondFactorStep(db, { token, code: wrong, address: address() }, at), `round ${round}`).toEqual({ kind: "expired" });
    }
    const token = await start(at);
    expect(await secondFactorStep(db, { token, code: codeAt(secret, at), address: address() }, at)).toEqual({ kind: "throttled" });
    const after = later(16 * MIN, at);
    const again = await start(after);
    expect(await secondFactorStep(db, { token: again, code: codeAt(secret, after), address: address() }, after)).toEqual({ kind: "complete" });
  });

  it("an administrator can require two-factor of an officer (signing them out) and reset a user's two-factor", async () => {
    const admin = await makeUser(db, "administrator", [siteId]);
    const ctx = ctxFor(db, admin, [siteId]);
    const user = await officer();
    await setUserTwoFactorRequired({ ctx, input: { userId: user.id, required: true } });
    const [after] = await db.select().from(users).where(eq(users.id, user.id));
    expect(after).toMatchObject({ twoFactorRequired: true, sessionVersion: 2 });
    expect(await passwordStep(db, { email: user.email, password: PASSWORD, address: address() }, T0)).toMatchObject({ stage: "enrol" });

    const { user: clinician } = await enrolledClinician();
    await resetUserTwoFactor({ ctx, input: { userId: clinician.id } });
    expect(await db.select().from(userTwoFactor).where(eq(userTwoFactor.userId, clinician.id))).toEqual([]);
    expect(await db.select().from(twoFactorRecoveryCodes).where(eq(twoFactorRecoveryCodes.userId, clinician.id))).toEqual([]);
    expect(await passwordStep(db, { email: clinician.email, password: PASSWORD, address: address() }, T0)).toMatchObject({ stage: "enrol" });
    const audit = await db.select().from(auditEvents).where(and(eq(auditEvents.userId, admin.id), eq(auditEvents.outcome, "success")));
    expect(audit.map((r) => [r.action, r.entityId])).toEqual([
      ["user.two-factor-required", user.id],
      ["user.two-factor-reset", clinician.id],
    ]);
  });

  it("an officer can opt in from their account page, and regenerate recovery codes", async () => {
    const user = await officer();
    const ctx = ctxFor(db, user, [siteId]);
    expect(await getOwnTwoFactor({ ctx })).toMatchObject({ enabled: false, required: false });
    const details = await startOwnEnrolment({ ctx });
    const secret = base32Decode(details?.secretForTyping ?? "");
    if (!secret) throw new Error("no secret");
    expect(details?.otpauthUri).toContain(`secret=${details?.secretForTyping.replaceAll(" ", "")}`);
    // The same secret on a reload, so a code scanned before still works.
    expect((await startOwnEnrolment({ ctx }))?.secretForTyping).toBe(details?.secretForTyping);
    await expect(confirmOwnEnrolment({ ctx, input: { code: "000000" === codeAt(secret, T0) ? "111111" : "000000" }, now: T0 })).rejects.toBeInstanceOf(ValidationError);
    const codes = await confirmOwnEnrolment({ ctx, input: { code: codeAt(secret, T0) }, now: T0 });
    expect(codes).toHaveLength(10);
    expect(await startOwnEnrolment({ ctx })).toBeNull();
    const fresh = await regenerateOwnRecoveryCodes({ ctx });
    expect(fresh.some((c) => codes.includes(c))).toBe(false);
    const step1 = await passwordStep(db, { email: user.email, password: PASSWORD, address: address() }, later(MIN));
    if (step1.kind !== "challenge") throw new Error("refused");
    expect(step1.stage).toBe("second-factor");
    expect(await secondFactorStep(db, { token: step1.token, code: codes[0] ?? "", address: address() }, later(MIN))).toEqual({ kind: "wrong" });
    expect(await secondFactorStep(db, { token: step1.token, code: fresh[0] ?? "", address: address() }, later(MIN))).toEqual({ kind: "complete" });
  });
});

describe("demo two-factor (seed)", () => {
  it("gives clinicians and administrators the published demo secret and recovery codes, nobody else", async () => {
    const clinician = await makeUser(db, "clinician", [siteId], { passwordHash });
    const officerUser = await officer();
    const enrolled = await db.transaction((tx) => seedDemoTwoFactor(tx, [clinician, officerUser].map((u) => ({ id: u.id, role: u.role }))));
    expect(enrolled).toBe(1);
    expect(await secretOf(clinician.id)).toEqual(demoTotpKey());
    expect(await db.select().from(userTwoFactor).where(eq(userTwoFactor.userId, officerUser.id))).toEqual([]);
    const at = later(30 * MIN);
    const step1 = await passwordStep(db, { email: clinician.email, password: PASSWORD, address: address() }, at);
    if (step1.kind !== "challenge") throw new Error("refused");
    expect(step1.stage).toBe("second-factor");
    expect(await secondFactorStep(db, { token: step1.token, code: DEMO_RECOVERY_CODES[0] ?? "", address: address() }, at)).toEqual({ kind: "complete" });
    // Without a key in the environment nothing is written.
    expect(await db.transaction((tx) => seedDemoTwoFactor(tx, [{ id: officerUser.id, role: "administrator" }], ""))).toBe(0);
  });
});

describe("change your password", () => {
  it("needs the current password and a new one that meets the policy, typed twice", () => {
    const errors = (v: Record<string, string>) => {
      const r = changePasswordSchema.safeParse(v);
      return r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [i.path.join("."), i.message]));
    };
    expect(errors({ currentPassword: "", newPassword: "", confirmPassword: "" })).toMatchObject({ currentPassword: expect.any(String), newPassword: expect.any(String) });
    expect(errors({ currentPassword: "x", newPassword: "password1234", confirmPassword: "password1234" })).toHaveProperty("newPassword");
    expect(errors({ currentPassword: "x", newPassword: "plum lantern fjord", confirmPassword: "plum lantern fjorD" })).toHaveProperty("confirmPassword");
    expect(errors({ currentPassword: "x", newPassword: "plum lantern fjord", confirmPassword: "plum lantern fjord" })).toEqual({});
  });

  it("refuses a wrong current password (counted towards the cooling-off), then changes it, ends other sessions and audits", async () => {
    const user = await officer();
    const ctx = ctxFor(db, user, [siteId]);
    await expect(changeOwnPassword({ ctx, input: { currentPassword: "wrong password!!", newPassword: "plum lantern fjord", confirmPassword: "plum lantern fjord" }, now: T0 })).rejects.toMatchObject({
      fieldErrors: { currentPassword: expect.any(String) },
    });
    await expect(changeOwnPassword({ ctx, input: { currentPassword: PASSWORD, newPassword: PASSWORD, confirmPassword: PASSWORD }, now: T0 })).rejects.toMatchObject({
      fieldErrors: { newPassword: expect.any(String) },
    });
    const [before] = await db.select().from(users).where(eq(users.id, user.id));
    expect(before?.passwordHash).toBe(passwordHash);

    const { ticket } = await changeOwnPassword({ ctx, input: { currentPassword: PASSWORD, newPassword: "plum lantern fjord", confirmPassword: "plum lantern fjord" }, now: T0 });
    const [after] = await db.select().from(users).where(eq(users.id, user.id));
    expect(after?.sessionVersion).toBe(2);
    expect(await verifyPassword(after?.passwordHash ?? "", "plum lantern fjord")).toBe(true);
    expect(await loadActiveUser(db, user.id, 1)).toBeNull();
    expect(await consumeSignInTicket(db, ticket, "x", T0)).toMatchObject({ id: user.id, sessionVersion: 2 });
    const audit = (await auditFor(user.email)).filter((r) => r.action === "account.change-password");
    expect(audit.map((r) => [r.outcome, r.detail])).toEqual([
      ["failure", { reason: "wrong current password" }],
      ["success", null],
    ]);
    expect(JSON.stringify(audit)).not.toContain("plum lantern");
    expect(await db.select().from(signInChallenges).where(eq(signInChallenges.userId, user.id))).toEqual([]);
  });
});

describe("loadActiveUser (checked on every request)", () => {
  it("returns the user, role and sites while the session version matches", async () => {
    const user = await makeUser(db, "probation_officer", [siteId]);
    expect(await loadActiveUser(db, user.id, 1)).toEqual({ id: user.id, email: user.email, name: user.name, role: "probation_officer", siteIds: [siteId] });
  });

  it("signs out a session issued before access changed, or for a disabled user", async () => {
    const user = await makeUser(db, "probation_officer", [siteId]);
    await db.update(users).set({ sessionVersion: 2 }).where(eq(users.id, user.id));
    expect(await loadActiveUser(db, user.id, 1)).toBeNull();
    expect(await loadActiveUser(db, user.id, 2)).not.toBeNull();
    await db.update(users).set({ disabled: true }).where(eq(users.id, user.id));
    expect(await loadActiveUser(db, user.id, 2)).toBeNull();
  });
});
