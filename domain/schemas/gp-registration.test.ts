import { describe, expect, it } from "vitest";
import { addDays, todayInLondon } from "../dates";
import { healthRecordMessages } from "../messages";
import { recordGpRegistrationSchema } from "./gp-registration";

const personId = "6f1c1f43-5a7e-4d43-9a55-0f4a4b3b2e10";
const form = (fields: Record<string, string | string[] | boolean>) => recordGpRegistrationSchema.safeParse({ personId, ...fields });
const errorsOf = (result: ReturnType<typeof form>) => Object.fromEntries((result.error?.issues ?? []).map((i) => [i.path.join("."), i.message]));

const registered = {
  status: "registered",
  practiceName: "Riverside Surgery",
  odsCode: "A81001",
  registrationType: "permanent",
  registeredOnDay: "20",
  registeredOnMonth: "1",
  registeredOnYear: "2026",
};

describe("recordGpRegistrationSchema", () => {
  it.each(["81001", "AA8100", "A8100", "A810011", "A81-01", "1A2345"])("refuses the ODS code %j", (odsCode) => {
    expect(errorsOf(form({ status: "not_registered", odsCode }))).toEqual({ odsCode: healthRecordMessages.odsFormat });
  });

  it("normalises an ODS code typed in lower case or with spaces", () => {
    const ok = form({ status: "not_registered", odsCode: " a81 001 " });
    expect(ok.success && ok.data.odsCode).toBe("A81001");
  });

  it("needs the practice, its ODS code and the date registered when the person is registered", () => {
    expect(Object.keys(errorsOf(form({ status: "registered" }))).sort()).toEqual(["odsCode", "practiceName", "registeredOn"]);
    const ok = form(registered);
    expect(ok.success && ok.data).toEqual({
      personId,
      status: "registered",
      practiceName: "Riverside Surgery",
      odsCode: "A81001",
      registrationType: "permanent",
      supportStartedOn: null,
      registeredOn: "2026-01-20",
      barriers: [],
      note: null,
    });
  });

  it("needs nothing else when the person is not registered, and refuses a date registered then", () => {
    expect(form({ status: "unknown" }).success).toBe(true);
    expect(errorsOf(form({ status: "not_registered", registeredOnDay: "20", registeredOnMonth: "1", registeredOnYear: "2026" }))).toEqual({
      registeredOn: healthRecordMessages.registeredOnOnlyIfRegistered,
    });
  });

  it("refuses a date registered before support started, or in the future", () => {
    expect(errorsOf(form({ ...registered, supportStartedOnDay: "21", supportStartedOnMonth: "1", supportStartedOnYear: "2026" }))).toEqual({
      registeredOn: healthRecordMessages.registeredBeforeSupport,
    });
    const [y = "", m = "", d = ""] = addDays(todayInLondon(), 1).split("-");
    expect(errorsOf(form({ ...registered, registeredOnDay: d, registeredOnMonth: m, registeredOnYear: y }))).toEqual({
      registeredOn: healthRecordMessages.notInFuture("The date registered"),
    });
  });

  it("reads barrier checkboxes sent once, several times or not at all, in the service's order", () => {
    expect(form({ status: "not_registered", barriers: "language" }).data?.barriers).toEqual(["language"]);
    expect(form({ status: "not_registered", barriers: ["other", "no_fixed_address", "other"] }).data?.barriers).toEqual(["no_fixed_address", "other"]);
    expect(form({ status: "not_registered", barriers: false }).data?.barriers).toEqual([]);
    expect(errorsOf(form({ status: "not_registered", barriers: ["no_fixed_address", "made_up"] }))).toEqual({ barriers: healthRecordMessages.barrierUnknown });
  });

  it("reports every error at once, even when the status is missing", () => {
    expect(Object.keys(errorsOf(form({ odsCode: "bad", registeredOnDay: "40", registeredOnMonth: "1", registeredOnYear: "2026" }))).sort()).toEqual(["odsCode", "registeredOn", "status"]);
  });
});
