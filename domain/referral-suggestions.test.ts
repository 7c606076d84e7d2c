import { describe, expect, it } from "vitest";
import type { HealthCheckScores } from "./health-check";
import { suggestReferrals } from "./referral-suggestions";

const none: HealthCheckScores = {
  smokingStatus: "never",
  vapes: false,
  hsiScore: null,
  hsiBand: null,
  auditCScore: 2,
  auditCPositive: false,
  auditScore: null,
  auditBand: null,
  phq9Score: 3,
  phq9Band: "minimal",
  phq9Item9: 0,
  gad7Score: 2,
  gad7Band: "minimal",
  bmi: 24,
};

const scores = (overrides: Partial<HealthCheckScores>): HealthCheckScores => ({ ...none, ...overrides });
const categories = (s: ReturnType<typeof suggestReferrals>) => s.map((x) => x.category);

describe("suggestReferrals", () => {
  it("suggests nothing without a health check and with a GP", () => {
    expect(suggestReferrals({ scores: null, gpStatus: "registered" })).toEqual([]);
    expect(suggestReferrals({ scores: none, gpStatus: "registered" })).toEqual([]);
    expect(suggestReferrals({ scores: null, gpStatus: null })).toEqual([]);
  });

  describe("alcohol (full AUDIT)", () => {
    it.each([
      [15, []],
      [16, ["drug_alcohol"]],
      [19, ["drug_alcohol"]],
      [20, ["drug_alcohol"]],
      [40, ["drug_alcohol"]],
    ])("AUDIT %i", (auditScore, expected) => {
      expect(categories(suggestReferrals({ scores: scores({ auditScore, auditCPositive: true }), gpStatus: "registered" }))).toEqual(expected);
    });

    it("AUDIT 20+ is possible dependence: recommended, soon", () => {
      const [s] = suggestReferrals({ scores: scores({ auditScore: 22 }), gpStatus: "registered" });
      expect(s).toMatchObject({ category: "drug_alcohol", strength: "recommended", urgency: "soon" });
      expect(s?.reason).toMatch(/^AUDIT 22 \(20\+\): possible dependence/);
    });

    it("AUDIT 16 to 19 is higher risk: consider, with brief advice and follow-up", () => {
      const [s] = suggestReferrals({ scores: scores({ auditScore: 17 }), gpStatus: "registered" });
      expect(s).toMatchObject({ category: "drug_alcohol", strength: "consider", urgency: "routine" });
      expect(s?.reason).toContain("brief advice and follow-up");
    });
  });

  describe("smoking", () => {
    it("suggests the stop smoking service for anyone who smokes now, whatever the HSI", () => {
      for (const hsiScore of [0, 1, 3, 6, null]) {
        const [s] = suggestReferrals({ scores: scores({ smokingStatus: "current", hsiScore }), gpStatus: "registered" });
        expect(s?.category).toBe("stop_smoking");
        if (hsiScore !== null) expect(s?.reason).toContain(`Heaviness of Smoking Index ${hsiScore}`);
      }
    });

    it.each(["ex", "never", null] as const)("not for smoking status %s", (smokingStatus) => {
      expect(suggestReferrals({ scores: scores({ smokingStatus }), gpStatus: "registered" })).toEqual([]);
    });
  });

  describe("mood", () => {
    it.each([
      [9, 9, []],
      [10, 0, ["talking_therapies"]],
      [0, 10, ["talking_therapies"]],
      [14, 12, ["talking_therapies"]],
      [19, 0, ["talking_therapies"]],
    ])("PHQ-9 %i, GAD-7 %i", (phq9Score, gad7Score, expected) => {
      expect(categories(suggestReferrals({ scores: scores({ phq9Score, gad7Score }), gpStatus: "registered" }))).toEqual(expected);
    });

    it("names both scores when both are 10 or more", () => {
      const [s] = suggestReferrals({ scores: scores({ phq9Score: 12, gad7Score: 11 }), gpStatus: "registered" });
      expect(s?.reason).toBe("PHQ-9 12 (10 or more: depression, moderate or worse); GAD-7 11 (10 or more: anxiety needing further assessment)");
    });

    it("adds the community mental health team for severe depression (PHQ-9 20+)", () => {
      expect(categories(suggestReferrals({ scores: scores({ phq9Score: 21 }), gpStatus: "registered" }))).toEqual(["community_mental_health", "talking_therapies"]);
    });

    it("PHQ-9 question 9 above 0 suggests the crisis team and the community mental health team, urgently, whatever the total", () => {
      const result = suggestReferrals({ scores: scores({ phq9Score: 4, phq9Item9: 1 }), gpStatus: "registered" });
      expect(result).toEqual([
        expect.objectContaining({ category: "crisis", strength: "recommended", urgency: "urgent" }),
        expect.objectContaining({ category: "community_mental_health", strength: "consider", urgency: "urgent" }),
      ]);
      expect(result[0]?.reason).toContain("same-day clinical review");
    });

    it("question 9 of 0, or not answered, suggests no crisis referral", () => {
      expect(suggestReferrals({ scores: scores({ phq9Item9: 0 }), gpStatus: "registered" })).toEqual([]);
      expect(suggestReferrals({ scores: scores({ phq9Item9: null, phq9Score: null }), gpStatus: "registered" })).toEqual([]);
    });

    it("keeps one community mental health suggestion when question 9 and a severe total both point there", () => {
      const result = suggestReferrals({ scores: scores({ phq9Score: 24, phq9Item9: 2 }), gpStatus: "registered" });
      const cmht = result.filter((s) => s.category === "community_mental_health");
      expect(cmht).toHaveLength(1);
      expect(cmht[0]).toMatchObject({ strength: "recommended", urgency: "urgent" });
      expect(cmht[0]?.reason).toContain("question 9");
      expect(cmht[0]?.reason).toContain("PHQ-9 24: severe depression");
    });
  });

  describe("GP registration", () => {
    it("suggests GP and primary care for someone not registered", () => {
      expect(suggestReferrals({ scores: null, gpStatus: "not_registered" })).toEqual([expect.objectContaining({ category: "gp_primary_care", strength: "recommended" })]);
    });

    it("asks to consider it when registration is not known", () => {
      expect(suggestReferrals({ scores: null, gpStatus: "unknown" })).toEqual([expect.objectContaining({ category: "gp_primary_care", strength: "consider" })]);
    });
  });

  it("orders several suggestions by urgency of the service", () => {
    const result = suggestReferrals({
      scores: scores({ smokingStatus: "current", hsiScore: 4, auditScore: 25, phq9Score: 15, phq9Item9: 1, gad7Score: 15 }),
      gpStatus: "not_registered",
    });
    expect(categories(result)).toEqual(["crisis", "community_mental_health", "talking_therapies", "drug_alcohol", "stop_smoking", "gp_primary_care"]);
  });
});
