import { describe, expect, it } from "vitest";
import { referralStatuses, type ReferralStatus } from "./referrals";
import { isTerminal, nextEvents, openReferralStatuses, referralEvents, transition, type ReferralEvent } from "./referral-lifecycle";

/*
 * The expected lifecycle, written out by hand from the brief (DOMAIN.md "Referrals"), not read from
 * the implementation: "status event -> new status". Every pair not listed here must be refused.
 */
const ALLOWED = `
  draft               send                    sent
  draft               close                   closed
  sent                accept                  accepted
  sent                reject                  rejected
  sent                close                   closed
  accepted            book_first_appointment  appointment_booked
  accepted            close                   closed
  appointment_booked  record_attended         attended
  appointment_booked  record_did_not_attend   did_not_attend
  appointment_booked  close                   closed
  did_not_attend      book_first_appointment  appointment_booked
  did_not_attend      close                   closed
  attended            complete                completed
  attended            close                   closed
`;

const expected = new Map<string, string>(
  ALLOWED.trim()
    .split("\n")
    .map((line) => line.trim().split(/\s+/))
    .map(([from, event, to]) => [`${from} ${event}`, to ?? ""]),
);

const allPairs = referralStatuses.flatMap((status) => referralEvents.map((event) => [status, event] as const));
const allowedPairs = allPairs.filter(([s, e]) => expected.has(`${s} ${e}`));
const refusedPairs = allPairs.filter(([s, e]) => !expected.has(`${s} ${e}`));

describe("transition", () => {
  it("is checked for every status x event pair", () => {
    expect(allPairs).toHaveLength(9 * 8);
    expect(allowedPairs).toHaveLength(14);
    expect(refusedPairs).toHaveLength(72 - 14);
    // The hand-written table names only real statuses and events.
    for (const key of expected.keys()) {
      const [s, e] = key.split(" ");
      expect(referralStatuses).toContain(s);
      expect(referralEvents).toContain(e);
      expect(referralStatuses).toContain(expected.get(key));
    }
  });

  it.each(allowedPairs)("allows %s + %s", (status, event) => {
    expect(transition(status, event)).toEqual({ ok: true, to: expected.get(`${status} ${event}`) });
  });

  it.each(refusedPairs)("refuses %s + %s with a plain-English message", (status, event) => {
    const result = transition(status, event);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toMatch(/^This referral/);
    expect(result.message).not.toMatch(/_/); // no codes such as appointment_booked leak into the text
    expect(result.message.endsWith(".")).toBe(true);
  });

  it("explains what can happen next when a step is out of order", () => {
    const result = transition("sent", "record_attended");
    expect(result).toEqual({
      ok: false,
      message:
        'This referral\'s status is "Sent", so you cannot record that the person attended. What can happen next: the service accepted the referral; the service rejected the referral; close the referral.',
    });
  });

  it("says a finished referral can take nothing more", () => {
    expect(transition("closed", "close")).toEqual({ ok: false, message: "This referral is closed, so nothing more can be recorded on it." });
    expect(transition("completed", "close")).toEqual({ ok: false, message: "This referral is completed, so nothing more can be recorded on it." });
    expect(transition("rejected", "send")).toEqual({ ok: false, message: "This referral is rejected, so nothing more can be recorded on it." });
  });
});

describe("nextEvents", () => {
  const byHand: Record<ReferralStatus, ReferralEvent[]> = {
    draft: ["send", "close"],
    sent: ["accept", "reject", "close"],
    accepted: ["book_first_appointment", "close"],
    appointment_booked: ["record_attended", "record_did_not_attend", "close"],
    did_not_attend: ["book_first_appointment", "close"],
    attended: ["complete", "close"],
    rejected: [],
    completed: [],
    closed: [],
  };

  it.each(referralStatuses)("offers only the allowed steps from %s", (status) => {
    expect(nextEvents(status)).toEqual(byHand[status]);
  });

  it("agrees with transition for every pair", () => {
    for (const [status, event] of allPairs) expect(nextEvents(status).includes(event)).toBe(transition(status, event).ok);
  });
});

describe("terminal statuses", () => {
  it("are exactly rejected, completed and closed", () => {
    expect(referralStatuses.filter(isTerminal)).toEqual(["rejected", "completed", "closed"]);
    expect(openReferralStatuses).toEqual(["draft", "sent", "accepted", "appointment_booked", "attended", "did_not_attend"]);
  });

  it("every open status can be closed", () => {
    for (const status of openReferralStatuses) expect(transition(status, "close")).toEqual({ ok: true, to: "closed" });
  });
});
