import { describe, expect, it } from "vitest";
import { requirementMessages as m } from "./messages";
import { addMonths, requirementEndsOn, requirementIsOpen, requirementProblems, reviewSchedule, reviewsMandatory, type RequirementState } from "./requirements";
import { createRequirementSchema, recordReviewSchema, updateRequirementSchema } from "./schemas/requirement";

describe("addMonths", () => {
  it.each([
    ["2026-01-15", 1, "2026-02-15"],
    ["2026-01-31", 1, "2026-02-28"],
    ["2028-01-31", 1, "2028-02-29"],
    ["2026-01-31", 2, "2026-03-31"],
    ["2026-03-31", 1, "2026-04-30"],
    ["2026-11-30", 3, "2027-02-28"],
    ["2026-12-31", 1, "2027-01-31"],
    ["2026-05-10", 12, "2027-05-10"],
    ["2026-05-10", 0, "2026-05-10"],
    ["2026-03-31", -1, "2026-02-28"],
  ])("%s plus %i months is %s", (from, months, expected) => {
    expect(addMonths(from, months)).toBe(expected);
  });
});

describe("requirementEndsOn", () => {
  it("is the order date plus its length, or null while either is unknown", () => {
    expect(requirementEndsOn("2026-01-31", 13)).toBe("2027-02-28");
    expect(requirementEndsOn(null, 13)).toBeNull();
    expect(requirementEndsOn("2026-01-31", null)).toBeNull();
  });
});

describe("reviewsMandatory", () => {
  it("applies to a DRR over 12 months only", () => {
    expect(reviewsMandatory("DRR", 12)).toBe(false);
    expect(reviewsMandatory("DRR", 13)).toBe(true);
    expect(reviewsMandatory("DRR", 36)).toBe(true);
    expect(reviewsMandatory("DRR", null)).toBe(false);
    expect(reviewsMandatory("ATR", 24)).toBe(false);
    expect(reviewsMandatory("MHTR", 36)).toBe(false);
  });
});

const drr = (overrides: Partial<Parameters<typeof reviewSchedule>[0]> = {}) =>
  reviewSchedule({ kind: "DRR", lengthMonths: 13, madeOn: "2026-01-15", treatmentStartedOn: null, reviews: [], today: "2026-01-20", ...overrides });

describe("reviewSchedule", () => {
  it("is not required for a DRR of exactly 12 months", () => {
    expect(drr({ lengthMonths: 12, today: "2026-06-01" })).toEqual({ required: false, nextDueOn: null, overdue: false, missed: 0 });
  });

  it("is required for a DRR of 13 months, first due one month after the order", () => {
    expect(drr()).toEqual({ required: true, nextDueOn: "2026-02-15", overdue: false, missed: 0 });
  });

  it("is not required for an ATR or MHTR of any length", () => {
    expect(drr({ kind: "ATR", lengthMonths: 24 }).required).toBe(false);
    expect(drr({ kind: "MHTR", lengthMonths: 36 }).required).toBe(false);
  });

  it("is due on its date and overdue from the day after", () => {
    expect(drr({ today: "2026-02-15" })).toEqual({ required: true, nextDueOn: "2026-02-15", overdue: false, missed: 0 });
    expect(drr({ today: "2026-02-16" })).toEqual({ required: true, nextDueOn: "2026-02-15", overdue: true, missed: 1 });
  });

  it("counts every monthly review missed, and keeps the first unmet due date as the next due", () => {
    expect(drr({ today: "2026-05-20" })).toEqual({ required: true, nextDueOn: "2026-02-15", overdue: true, missed: 4 });
  });

  it("moves the next review a month on from the last one held", () => {
    expect(drr({ reviews: ["2026-02-10"], today: "2026-02-20" })).toEqual({ required: true, nextDueOn: "2026-03-10", overdue: false, missed: 0 });
  });

  it("still counts a month that went unreviewed when the review came late", () => {
    expect(drr({ reviews: ["2026-02-19"], today: "2026-02-20" })).toEqual({ required: true, nextDueOn: "2026-03-19", overdue: false, missed: 1 });
  });

  it("keeps month ends: 31 January is due 28 February, and a review on 28 February is next due 28 March", () => {
    expect(drr({ madeOn: "2026-01-31", today: "2026-02-01" }).nextDueOn).toBe("2026-02-28");
    expect(drr({ madeOn: "2028-01-31", today: "2028-02-01" }).nextDueOn).toBe("2028-02-29");
    expect(drr({ madeOn: "2026-01-31", reviews: ["2026-02-28"], today: "2026-03-01" }).nextDueOn).toBe("2026-03-28");
    // Without a review the schedule counts from the order date, so it does not drift to the 28th.
    const unreviewed = drr({ madeOn: "2026-01-31", today: "2026-03-31" });
    expect(unreviewed).toEqual({ required: true, nextDueOn: "2026-02-28", overdue: true, missed: 1 });
    expect(drr({ madeOn: "2026-01-31", today: "2026-04-01" }).missed).toBe(2);
  });

  it("counts missed months across the whole order, between reviews too", () => {
    // Due 28 Feb (held that day); then due 28 Mar, missed; held 10 Apr; next due 10 May.
    expect(drr({ madeOn: "2026-01-31", reviews: ["2026-04-10", "2026-02-28"], today: "2026-04-20" })).toEqual({
      required: true,
      nextDueOn: "2026-05-10",
      overdue: false,
      missed: 1,
    });
  });

  it("ignores duplicate reviews, reviews on or before the order date, and reviews after today", () => {
    expect(drr({ reviews: ["2026-01-15", "2026-01-10", "2026-02-10", "2026-02-10", "2026-03-01"], today: "2026-02-20" })).toEqual({
      required: true,
      nextDueOn: "2026-03-10",
      overdue: false,
      missed: 0,
    });
  });

  it("asks for no review on or after the order's end", () => {
    // 13 months from 15 January 2026 ends 15 February 2027; the last review is due 15 January 2027.
    expect(drr({ reviews: ["2026-12-15"], today: "2026-12-20" }).nextDueOn).toBe("2027-01-15");
    expect(drr({ reviews: ["2026-12-15", "2027-01-15"], today: "2027-01-20" })).toMatchObject({ required: true, nextDueOn: null, overdue: false });
    // Long after the end, the missed count stays what it was and nothing is overdue.
    expect(drr({ today: "2028-01-01" })).toEqual({ required: true, nextDueOn: null, overdue: false, missed: 12 });
  });

  it("stops at the date a requirement was completed or breached", () => {
    expect(drr({ reviews: ["2026-02-15"], endedOn: "2026-03-10", today: "2026-06-01" })).toEqual({ required: true, nextDueOn: null, overdue: false, missed: 0 });
    expect(drr({ endedOn: "2026-03-20", today: "2026-06-01" })).toEqual({ required: true, nextDueOn: null, overdue: false, missed: 2 });
  });

  it("counts from the treatment start when the order date is not recorded, and waits when neither is", () => {
    expect(drr({ madeOn: null, treatmentStartedOn: "2026-03-02", today: "2026-03-05" }).nextDueOn).toBe("2026-04-02");
    expect(drr({ madeOn: null })).toEqual({ required: true, nextDueOn: null, overdue: false, missed: 0 });
  });
});

const blank: RequirementState = {
  status: "proposed",
  suitabilityAssessedOn: null,
  suitable: null,
  madeOn: null,
  lengthMonths: null,
  provider: null,
  treatmentStartedOn: null,
  endedOn: null,
};
const ordered: RequirementState = {
  status: "ordered",
  suitabilityAssessedOn: "2026-01-05",
  suitable: true,
  madeOn: "2026-01-15",
  lengthMonths: 13,
  provider: "Change Grow Live",
  treatmentStartedOn: null,
  endedOn: null,
};

describe("requirementProblems", () => {
  it("accepts a proposal with nothing else known, and a complete order", () => {
    expect(requirementProblems(blank)).toEqual({});
    expect(requirementProblems(ordered)).toEqual({});
    expect(requirementProblems({ ...ordered, status: "started", treatmentStartedOn: "2026-01-15" })).toEqual({});
    expect(requirementProblems({ ...ordered, status: "completed", treatmentStartedOn: "2026-01-20", endedOn: "2027-02-15" })).toEqual({});
  });

  it("needs the assessment's date and answer together, matching the status", () => {
    expect(requirementProblems({ ...blank, status: "assessed_suitable" })).toEqual({ suitable: m.suitableNeeded, suitabilityAssessedOn: m.assessedOnNeeded });
    expect(requirementProblems({ ...blank, status: "assessed_unsuitable", suitabilityAssessedOn: "2026-01-05", suitable: true })).toEqual({ suitable: m.suitableMismatch });
    expect(requirementProblems({ ...blank, suitable: false })).toEqual({ suitabilityAssessedOn: m.assessedOnNeeded });
    expect(requirementProblems({ ...blank, suitabilityAssessedOn: "2026-01-05" })).toEqual({ suitable: m.suitableNeeded });
    expect(requirementProblems({ ...blank, status: "assessed_unsuitable", suitabilityAssessedOn: "2026-01-05", suitable: false })).toEqual({});
  });

  it("needs an order's date, length and named provider, and no unsuitable assessment", () => {
    expect(requirementProblems({ ...blank, status: "ordered" })).toEqual({ madeOn: m.madeOnNeeded, lengthMonths: m.lengthNeeded, provider: m.providerNeeded });
    expect(requirementProblems({ ...ordered, suitable: false })).toEqual({ suitable: m.orderedButUnsuitable });
  });

  it("refuses an order date before the order is made", () => {
    expect(requirementProblems({ ...blank, madeOn: "2026-01-15" })).toEqual({ madeOn: m.madeOnTooEarly });
  });

  it("refuses treatment started before the order (by status or by date)", () => {
    expect(requirementProblems({ ...ordered, treatmentStartedOn: "2026-01-20" })).toEqual({ treatmentStartedOn: m.startedOnTooEarly });
    expect(requirementProblems({ ...blank, status: "started", treatmentStartedOn: "2026-01-20" })).toMatchObject({ madeOn: m.madeOnNeeded });
    expect(requirementProblems({ ...ordered, status: "started" })).toEqual({ treatmentStartedOn: m.startedOnNeeded });
    expect(requirementProblems({ ...ordered, status: "started", treatmentStartedOn: "2026-01-14" })).toEqual({ treatmentStartedOn: m.startedBeforeOrder });
  });

  it("needs an end date for completed or breached, and only for them", () => {
    expect(requirementProblems({ ...ordered, status: "completed", treatmentStartedOn: "2026-01-20" })).toEqual({ endedOn: m.completedOnNeeded });
    expect(requirementProblems({ ...ordered, status: "breached" })).toEqual({ endedOn: m.breachedOnNeeded });
    // A breach can come before treatment starts; completion cannot.
    expect(requirementProblems({ ...ordered, status: "breached", endedOn: "2026-02-01" })).toEqual({});
    expect(requirementProblems({ ...ordered, status: "completed", endedOn: "2026-02-01" })).toEqual({ treatmentStartedOn: m.startedOnNeeded });
    expect(requirementProblems({ ...ordered, endedOn: "2026-02-01" })).toEqual({ endedOn: m.endedOnTooEarly });
  });

  it("refuses dates before the order, and an end before the start", () => {
    expect(requirementProblems({ ...ordered, suitabilityAssessedOn: "2026-01-16" })).toEqual({ suitabilityAssessedOn: m.assessedAfterOrder });
    expect(requirementProblems({ ...ordered, suitabilityAssessedOn: "2026-01-15" })).toEqual({});
    expect(requirementProblems({ ...ordered, status: "breached", endedOn: "2026-01-14" })).toEqual({ endedOn: m.endedBeforeOrder });
    expect(requirementProblems({ ...ordered, status: "completed", treatmentStartedOn: "2026-02-01", endedOn: "2026-01-31" })).toEqual({ endedOn: m.endedBeforeStart });
    expect(requirementProblems({ ...ordered, status: "completed", treatmentStartedOn: "2026-02-01", endedOn: "2026-02-01" })).toEqual({});
  });

  it("skips the status rules when no valid status was chosen", () => {
    expect(requirementProblems({ ...blank, status: null, madeOn: "2026-01-15", treatmentStartedOn: "2026-01-10" })).toEqual({ treatmentStartedOn: m.startedBeforeOrder });
  });
});

describe("requirementIsOpen", () => {
  it("treats completed, breached and not suitable as ended", () => {
    expect(requirementIsOpen("started")).toBe(true);
    expect(requirementIsOpen("proposed")).toBe(true);
    expect(requirementIsOpen("completed")).toBe(false);
    expect(requirementIsOpen("breached")).toBe(false);
    expect(requirementIsOpen("assessed_unsuitable")).toBe(false);
  });
});

const PERSON = "7b0c7c36-7a5e-4b5f-9a3e-0d6c1c2b9f10";
const REQUIREMENT = "0f6f3a5e-2d1c-4b8a-9e7f-6a5b4c3d2e1f";
const parts = (name: string, iso: string) => {
  const [y, mo, d] = iso.split("-");
  return { [`${name}Day`]: String(Number(d)), [`${name}Month`]: String(Number(mo)), [`${name}Year`]: y };
};

describe("requirement schemas", () => {
  it("turns form fields into a requirement", () => {
    const parsed = createRequirementSchema.safeParse({
      personId: PERSON,
      kind: "DRR",
      status: "started",
      ...parts("suitabilityAssessedOn", "2026-01-05"),
      suitable: "yes",
      ...parts("madeOn", "2026-01-15"),
      lengthMonths: " 18 ",
      provider: "  Change Grow Live ",
      ...parts("treatmentStartedOn", "2026-01-22"),
      note: "",
    });
    expect(parsed.success).toBe(true);
    expect(parsed.data).toMatchObject({
      kind: "DRR",
      status: "started",
      suitabilityAssessedOn: "2026-01-05",
      suitable: true,
      madeOn: "2026-01-15",
      lengthMonths: 18,
      provider: "Change Grow Live",
      treatmentStartedOn: "2026-01-22",
      endedOn: null,
      note: null,
    });
  });

  it.each(["0", "37", "1.5", "twelve", "-3"])("refuses a length of %s months", (lengthMonths) => {
    const parsed = updateRequirementSchema.safeParse({ personId: PERSON, requirementId: REQUIREMENT, version: "1", status: "proposed", lengthMonths });
    expect(parsed.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["lengthMonths", m.lengthMonths]]);
  });

  it("accepts 1 and 36 months", () => {
    for (const lengthMonths of ["1", "36"]) {
      expect(updateRequirementSchema.safeParse({ personId: PERSON, requirementId: REQUIREMENT, version: "1", status: "proposed", lengthMonths }).success).toBe(true);
    }
  });

  it("reports the consistency rules alongside other field errors", () => {
    const parsed = createRequirementSchema.safeParse({ personId: PERSON, kind: "", status: "ordered", lengthMonths: "40" });
    const paths = parsed.error?.issues.map((i) => i.path.join(".")) ?? [];
    expect(paths).toEqual(expect.arrayContaining(["kind", "lengthMonths", "madeOn", "provider"]));
  });

  it("refuses a future order date and a future review", () => {
    const future = parts("madeOn", "2999-01-01");
    const parsed = updateRequirementSchema.safeParse({ personId: PERSON, requirementId: REQUIREMENT, version: "1", status: "ordered", ...future, lengthMonths: "6", provider: "X" });
    expect(parsed.error?.issues.map((i) => i.path.join("."))).toEqual(["madeOn"]);
    const review = recordReviewSchema.safeParse({ personId: PERSON, requirementId: REQUIREMENT, version: "1", ...parts("reviewedOn", "2999-01-01"), outcome: "Progress good" });
    expect(review.error?.issues.map((i) => i.path.join("."))).toEqual(["reviewedOn"]);
  });

  it("needs a review's outcome", () => {
    const review = recordReviewSchema.safeParse({ personId: PERSON, requirementId: REQUIREMENT, version: "2", ...parts("reviewedOn", "2026-02-10"), outcome: "  " });
    expect(review.error?.issues.map((i) => i.path.join("."))).toEqual(["outcome"]);
  });
});
