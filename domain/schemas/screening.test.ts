import { describe, expect, it } from "vitest";
import { addDays, todayInLondon } from "../dates";
import { healthRecordMessages, messages } from "../messages";
import { updateScreeningSchema } from "./screening";

const personId = "6f1c1f43-5a7e-4d43-9a55-0f4a4b3b2e10";
const form = (fields: Record<string, string>) => updateScreeningSchema.safeParse({ personId, programme: "cervical", version: "0", ...fields });
const errorsOf = (result: ReturnType<typeof form>) => Object.fromEntries((result.error?.issues ?? []).map((i) => [i.path.join("."), i.message]));
const parts = (name: string, iso: string) => {
  const [y = "", m = "", d = ""] = iso.split("-");
  return { [`${name}Day`]: d, [`${name}Month`]: m, [`${name}Year`]: y };
};

describe("updateScreeningSchema", () => {
  it("needs the date that goes with the status chosen", () => {
    expect(errorsOf(form({ status: "booked" }))).toEqual({ bookedFor: messages.required("the date booked for") });
    expect(errorsOf(form({ status: "result_received" }))).toEqual({ resultReceivedOn: messages.required("the date the result was received") });
    expect(errorsOf(form({}))).toEqual({ status: messages.choose("what the hub has done") });
  });

  it("lets a booking be in the future, but nothing else", () => {
    const tomorrow = addDays(todayInLondon(), 1);
    expect(form({ status: "booked", ...parts("bookedFor", tomorrow) }).data?.bookedFor).toBe(tomorrow);
    expect(errorsOf(form({ status: "attended", ...parts("attendedOn", tomorrow) }))).toEqual({ attendedOn: healthRecordMessages.notInFuture("The date attended") });
    expect(errorsOf(form({ status: "none", ...parts("lastTestOn", tomorrow) }))).toEqual({ lastTestOn: healthRecordMessages.notInFuture("The date of the last test") });
  });

  it("records only the test history when the hub has done nothing yet", () => {
    const result = form({ status: "none", ...parts("lastTestOn", "2024-05-01"), lastResultHpvNegative: "yes", note: " From the GP record " });
    expect(result.data).toEqual({
      personId,
      programme: "cervical",
      version: 0,
      status: null,
      discussedOn: null,
      bookedFor: null,
      attendedOn: null,
      declinedOn: null,
      resultReceivedOn: null,
      lastTestOn: "2024-05-01",
      lastResultHpvNegative: true,
      note: "From the GP record",
    });
  });

  it("keeps an HPV result for cervical screening only", () => {
    expect(form({ status: "none", lastResultHpvNegative: "no" }).data?.lastResultHpvNegative).toBe(false);
    expect(updateScreeningSchema.safeParse({ personId, programme: "bowel", version: "3", status: "none", lastResultHpvNegative: "yes" }).data?.lastResultHpvNegative).toBeNull();
  });

  it("refuses a result received before the date attended", () => {
    expect(errorsOf(form({ status: "result_received", ...parts("attendedOn", "2026-02-10"), ...parts("resultReceivedOn", "2026-02-01") }))).toEqual({
      resultReceivedOn: healthRecordMessages.resultBeforeAttended,
    });
  });
});
