import { describe, expect, it } from "vitest";
import { auditActionKind, auditActionLabel } from "./audit-actions";
import { auditSearchMessages, parseAuditSearch, parsePersonRef } from "./audit-search";

describe("parseAuditSearch", () => {
  it("reads an empty search as no filters and not searched", () => {
    const r = parseAuditSearch({});
    expect(r).toMatchObject({ query: {}, errors: {}, searched: false });
  });

  it("reads every filter", () => {
    const r = parseAuditSearch({ user: " Admin@Hub.Example ", person: "x123456", action: "person.view", outcome: "denied", fromDay: "1", fromMonth: "3", fromYear: "2026", toDay: "31", toMonth: "3", toYear: "2026" });
    expect(r.errors).toEqual({});
    expect(r.query).toEqual({ userEmail: "admin@hub.example", person: { kind: "crn", value: "X123456" }, action: "person.view", outcome: "denied", from: "2026-03-01", to: "2026-03-31" });
    expect(r.searched).toBe(true);
  });

  it("puts a message next to each bad field", () => {
    const r = parseAuditSearch({ user: "not-an-email", person: "Alice", action: "DROP TABLE", outcome: "maybe", fromDay: "31", fromMonth: "2", fromYear: "2026", toDay: "x" });
    expect(r.errors).toEqual({
      user: auditSearchMessages.userEmail,
      person: auditSearchMessages.person,
      action: auditSearchMessages.action,
      outcome: auditSearchMessages.outcome,
      from: auditSearchMessages.fromDate,
      to: auditSearchMessages.toDate,
    });
    expect(r.query).toEqual({});
  });

  it("refuses an end date before the start date", () => {
    const r = parseAuditSearch({ fromDay: "2", fromMonth: "3", fromYear: "2026", toDay: "1", toMonth: "3", toYear: "2026" });
    expect(r.errors).toEqual({ to: auditSearchMessages.toBeforeFrom });
  });
});

describe("parsePersonRef", () => {
  it("tells a CRN, an NHS number and an id apart", () => {
    expect(parsePersonRef("A123456")).toEqual({ kind: "crn", value: "A123456" });
    expect(parsePersonRef("943 476 5919")).toEqual({ kind: "nhsNumber", value: "9434765919" });
    expect(parsePersonRef("943 476 5918")).toBeNull();
    expect(parsePersonRef("0E3B8F1C-1111-4A2B-8C3D-123456789ABC")).toEqual({ kind: "id", value: "0e3b8f1c-1111-4a2b-8c3d-123456789abc" });
  });
});

describe("audit action labels", () => {
  it("labels known actions, including every referral step, and shows unknown ones raw as changes", () => {
    expect(auditActionLabel("person.view")).toBe("Viewed the person's record");
    expect(auditActionLabel("referral.record_did_not_attend")).toBe("Recorded the first referral appointment as missed");
    expect(auditActionKind("referral.send")).toBe("change");
    expect(auditActionKind("gp.worklist")).toBe("view");
    expect(auditActionLabel("brand.new")).toBe("brand.new");
    expect(auditActionKind("brand.new")).toBe("change");
  });
});
