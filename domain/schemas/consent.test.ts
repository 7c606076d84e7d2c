import { describe, expect, it } from "vitest";
import { addDays, todayInLondon } from "../dates";
import { healthRecordMessages, messages } from "../messages";
import { datePartValues, optionalDateField, recordConsentSchema, withdrawConsentSchema } from "./consent";

const personId = "6f1c1f43-5a7e-4d43-9a55-0f4a4b3b2e10";
const consentId = "0b8f6b0e-3a1c-4a5e-8d2b-7f6e5d4c3b2a";

function dateParts(name: string, iso: string) {
  const [year = "", month = "", day = ""] = iso.split("-");
  return { [`${name}Day`]: day, [`${name}Month`]: month, [`${name}Year`]: year };
}

function errors(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) {
  return Object.fromEntries((result.error?.issues ?? []).map((i) => [i.path.join("."), i.message]));
}

describe("recordConsentSchema", () => {
  it("reads a consent conversation from the form", () => {
    const result = recordConsentSchema.safeParse({
      personId,
      kind: "share_with_probation",
      decision: "given",
      ...dateParts("decidedOn", "2026-01-05"),
      informationVersion: "  Hub leaflet v1.2 ",
      method: "best_interests",
    });
    expect(result.success && result.data).toEqual({ personId, kind: "share_with_probation", decision: "given", decidedOn: "2026-01-05", informationVersion: "Hub leaflet v1.2", method: "best_interests" });
  });

  it("reports every missing answer at once", () => {
    expect(Object.keys(errors(recordConsentSchema.safeParse({ personId }))).sort()).toEqual(["decidedOn", "decision", "informationVersion", "kind", "method"]);
  });

  it("refuses a date in the future or not a real date", () => {
    const future = recordConsentSchema.safeParse({ personId, kind: "hub_care", decision: "given", ...dateParts("decidedOn", addDays(todayInLondon(), 1)), informationVersion: "v1", method: "own_consent" });
    expect(errors(future)).toEqual({ decidedOn: healthRecordMessages.notInFuture("The date of the conversation") });
    const unreal = recordConsentSchema.safeParse({ personId, kind: "hub_care", decision: "given", decidedOnDay: "31", decidedOnMonth: "2", decidedOnYear: "2026", informationVersion: "v1", method: "own_consent" });
    expect(errors(unreal)).toEqual({ decidedOn: "The date of the conversation must be a real date" });
  });
});

describe("withdrawConsentSchema", () => {
  it("accepts today, refuses tomorrow", () => {
    const today = todayInLondon();
    expect(withdrawConsentSchema.safeParse({ personId, consentId, version: "2", ...dateParts("withdrawnOn", today) }).data).toEqual({ personId, consentId, version: 2, withdrawnOn: today });
    const tomorrow = withdrawConsentSchema.safeParse({ personId, consentId, version: "2", ...dateParts("withdrawnOn", addDays(today, 1)) });
    expect(errors(tomorrow)).toEqual({ withdrawnOn: healthRecordMessages.notInFuture("The date of withdrawal") });
    expect(errors(withdrawConsentSchema.safeParse({ personId, consentId, version: "2" }))).toEqual({ withdrawnOn: messages.required("the date of withdrawal") });
  });
});

describe("optionalDateField", () => {
  it("is null when blank, and checks a date when given", () => {
    const past = optionalDateField("the date", { future: false });
    const any = optionalDateField("the date", { future: true });
    const tomorrow = addDays(todayInLondon(), 1);
    expect(past.parse("")).toBeNull();
    expect(past.parse(undefined)).toBeNull();
    expect(past.parse("2026-01-05")).toBe("2026-01-05");
    expect(past.safeParse(tomorrow).success).toBe(false);
    expect(any.parse(tomorrow)).toBe(tomorrow);
    expect(any.safeParse("invalid").error?.issues[0]?.message).toBe("The date must be a real date");
  });
});

describe("datePartValues", () => {
  it("splits an ISO date into the three fields without leading zeros", () => {
    expect(datePartValues("registeredOn", "2026-03-07")).toEqual({ registeredOnDay: "7", registeredOnMonth: "3", registeredOnYear: "2026" });
    expect(datePartValues("registeredOn", null)).toEqual({});
  });
});
