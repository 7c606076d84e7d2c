/**
 * Where a referral may go next (DOMAIN.md "Referrals", modelled on the MoJ's referral service):
 * draft -> sent -> accepted or rejected -> first appointment booked -> attended or did not attend
 * -> completed, or closed with a coded reason from any open step. One table, used by the server to
 * refuse a step and by the referral page to offer only the steps that are possible.
 */
import { referralStatuses, referralStatusLabels, type ReferralStatus } from "./referrals";

export const referralEvents = ["send", "accept", "reject", "book_first_appointment", "record_attended", "record_did_not_attend", "complete", "close"] as const;
export type ReferralEvent = (typeof referralEvents)[number];

/** What each step is called on the referral page's "what has happened?" question. */
export const referralEventLabels: Record<ReferralEvent, string> = {
  send: "Send the referral to the service",
  accept: "The service accepted the referral",
  reject: "The service rejected the referral",
  book_first_appointment: "The first appointment has been booked",
  record_attended: "The person attended their first appointment",
  record_did_not_attend: "The person did not attend their first appointment",
  complete: "The service has finished working with the person",
  close: "Close the referral",
};

/** The same step as it reads in a refusal: "... so you cannot <phrase>." */
const eventPhrases: Record<ReferralEvent, string> = {
  send: "send it",
  accept: "record that the service accepted it",
  reject: "record that the service rejected it",
  book_first_appointment: "book a first appointment for it",
  record_attended: "record that the person attended",
  record_did_not_attend: "record that the person did not attend",
  complete: "complete it",
  close: "close it",
};

const table: Record<ReferralStatus, Partial<Record<ReferralEvent, ReferralStatus>>> = {
  draft: { send: "sent", close: "closed" },
  sent: { accept: "accepted", reject: "rejected", close: "closed" },
  accepted: { book_first_appointment: "appointment_booked", close: "closed" },
  appointment_booked: { record_attended: "attended", record_did_not_attend: "did_not_attend", close: "closed" },
  // A missed first appointment can be rebooked.
  did_not_attend: { book_first_appointment: "appointment_booked", close: "closed" },
  attended: { complete: "completed", close: "closed" },
  rejected: {},
  completed: {},
  closed: {},
};

export type TransitionResult = { ok: true; to: ReferralStatus } | { ok: false; message: string };

export function isTerminal(status: ReferralStatus): boolean {
  return Object.keys(table[status]).length === 0;
}

/** The steps possible from a status, in the order the service expects them. */
export function nextEvents(status: ReferralStatus): ReferralEvent[] {
  return referralEvents.filter((event) => table[status][event] !== undefined);
}

export function transition(status: ReferralStatus, event: ReferralEvent): TransitionResult {
  const to = table[status][event];
  if (to) return { ok: true, to };
  if (isTerminal(status)) return { ok: false, message: `This referral is ${referralStatusLabels[status].toLowerCase()}, so nothing more can be recorded on it.` };
  const possible = nextEvents(status).map((e) => referralEventLabels[e].toLowerCase());
  return {
    ok: false,
    message: `This referral's status is "${referralStatusLabels[status]}", so you cannot ${eventPhrases[event]}. What can happen next: ${possible.join("; ")}.`,
  };
}

/** Statuses a referral is still open in: it needs something more to happen. */
export const openReferralStatuses: readonly ReferralStatus[] = referralStatuses.filter((s) => !isTerminal(s));
