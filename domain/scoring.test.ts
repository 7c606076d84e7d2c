import { describe, expect, it } from "vitest";
import { hsiCigarettesPerDay, hsiTimeToFirst, type HsiCigarettesPerDay, type HsiTimeToFirst } from "./questionnaires";
import { bmiBand, bodyMassIndex, scoreAudit, scoreAuditC, scoreGad7, scoreHsi, scorePhq9, ScoringError } from "./scoring";

/** `count` answers of at most `max` each, adding up to `sum`, filled from the first item. */
function answers(sum: number, count: number, max: number): number[] {
  if (sum > count * max) throw new Error(`cannot make ${sum} from ${count} answers of at most ${max}`);
  return Array.from({ length: count }, (_, i) => Math.max(0, Math.min(max, sum - i * max)));
}

/** Every total in each band, written out as ranges from DOMAIN.md. */
function eachTotal<B extends string>(bands: [from: number, to: number, band: B][]): [number, B][] {
  return bands.flatMap(([from, to, band]) => Array.from({ length: to - from + 1 }, (_, i): [number, B] => [from + i, band]));
}

describe("PHQ-9", () => {
  const totals = eachTotal([
    [0, 4, "minimal"],
    [5, 9, "mild"],
    [10, 14, "moderate"],
    [15, 19, "moderately_severe"],
    [20, 27, "severe"],
  ]);

  it.each(totals)("total %i is %s", (score, band) => {
    // Items 1-8 first, so item 9 stays 0 until the total needs it (25 and over).
    const items = answers(score, 9, 3);
    expect(items.reduce((a, b) => a + b, 0)).toBe(score);
    const result = scorePhq9(items);
    expect(result).toMatchObject({ score, band });
    expect(result.needsSameDayReview).toBe((items[8] ?? 0) > 0);
  });

  it.each([4, 5, 9, 10, 14, 15, 19, 20, 27])("band boundary %i is the same whoever answers item 9", (score) => {
    const byItem1To8 = scorePhq9(answers(score, 9, 3));
    const item9First = scorePhq9([...answers(score - Math.min(score, 3), 8, 3), Math.min(score, 3)]);
    expect(item9First.band).toBe(byItem1To8.band);
    expect(item9First.score).toBe(score);
  });

  it.each([1, 2, 3])("item 9 answered %i needs same-day review even when it is the whole total", (item9) => {
    expect(scorePhq9([0, 0, 0, 0, 0, 0, 0, 0, item9])).toEqual({ score: item9, band: "minimal", item9, needsSameDayReview: true });
  });

  it("does not flag a severe total when item 9 is 0", () => {
    expect(scorePhq9([3, 3, 3, 3, 3, 3, 3, 3, 0])).toEqual({ score: 24, band: "severe", item9: 0, needsSameDayReview: false });
  });

  it.each([[[]], [answers(0, 8, 3)], [answers(0, 10, 3)]])("rejects %j: wrong number of answers", (items) => {
    expect(() => scorePhq9(items)).toThrow(ScoringError);
  });

  it.each([-1, 4, 1.5, Number.NaN])("rejects an answer of %s", (bad) => {
    expect(() => scorePhq9([0, 0, 0, 0, bad, 0, 0, 0, 0])).toThrow(ScoringError);
    expect(() => scorePhq9([0, 0, 0, 0, 0, 0, 0, 0, bad])).toThrow(ScoringError);
  });
});

describe("GAD-7", () => {
  const totals = eachTotal([
    [0, 4, "minimal"],
    [5, 9, "mild"],
    [10, 14, "moderate"],
    [15, 21, "severe"],
  ]);

  it.each(totals)("total %i is %s", (score, band) => {
    expect(scoreGad7(answers(score, 7, 3))).toEqual({ score, band, furtherAssessment: score >= 10 });
  });

  it("asks for further assessment from 10, not at 9", () => {
    expect(scoreGad7(answers(9, 7, 3)).furtherAssessment).toBe(false);
    expect(scoreGad7(answers(10, 7, 3)).furtherAssessment).toBe(true);
  });

  it.each([[answers(0, 6, 3)], [answers(0, 8, 3)]])("rejects %j: wrong number of answers", (items) => {
    expect(() => scoreGad7(items)).toThrow(ScoringError);
  });

  it.each([-1, 4, 0.5])("rejects an answer of %s", (bad) => {
    expect(() => scoreGad7([0, 0, 0, bad, 0, 0, 0])).toThrow(ScoringError);
  });
});

describe("AUDIT-C", () => {
  const totals = eachTotal([
    [0, 4, "negative"],
    [5, 12, "positive"],
  ]);

  it.each(totals)("total %i is %s", (score, result) => {
    expect(scoreAuditC(answers(score, 3, 4))).toEqual({ score, positive: result === "positive" });
  });

  it.each([[[0, 0]], [[0, 0, 0, 0]]])("rejects %j: wrong number of answers", (items) => {
    expect(() => scoreAuditC(items)).toThrow(ScoringError);
  });

  it.each([-1, 5, 2.5])("rejects an answer of %s", (bad) => {
    expect(() => scoreAuditC([bad, 0, 0])).toThrow(ScoringError);
  });
});

describe("AUDIT", () => {
  /** Ten answers adding up to `sum`: items 1-8 take 0-4, items 9-10 only 0, 2 or 4. */
  function auditAnswers(sum: number): number[] {
    for (const last of [0, 2, 4, 6, 8]) {
      const first = sum - last;
      if (first >= 0 && first <= 32) return [...answers(first, 8, 4), Math.min(last, 4), Math.max(0, last - 4)];
    }
    throw new Error(`cannot make AUDIT total ${sum}`);
  }

  const totals = eachTotal([
    [0, 7, "lower_risk"],
    [8, 15, "increasing_risk"],
    [16, 19, "higher_risk"],
    [20, 40, "possible_dependence"],
  ]);

  it.each(totals)("total %i is %s", (score, band) => {
    const items = auditAnswers(score);
    expect(items.reduce((a, b) => a + b, 0)).toBe(score);
    expect(scoreAudit(items)).toEqual({ score, band });
  });

  it.each([0, 2, 4])("accepts %i for items 9 and 10", (v) => {
    expect(scoreAudit([0, 0, 0, 0, 0, 0, 0, 0, v, v]).score).toBe(2 * v);
  });

  it.each([1, 3, 5, -2])("rejects %i for item 9 or item 10", (bad) => {
    expect(() => scoreAudit([0, 0, 0, 0, 0, 0, 0, 0, bad, 0])).toThrow(ScoringError);
    expect(() => scoreAudit([0, 0, 0, 0, 0, 0, 0, 0, 0, bad])).toThrow(ScoringError);
  });

  it.each([-1, 5, 1.5])("rejects %s for items 1 to 8", (bad) => {
    expect(() => scoreAudit([0, 0, 0, 0, 0, 0, 0, bad, 0, 0])).toThrow(ScoringError);
    expect(() => scoreAudit([bad, 0, 0, 0, 0, 0, 0, 0, 0, 0])).toThrow(ScoringError);
  });

  it.each([[answers(0, 3, 4)], [answers(0, 9, 4)], [answers(0, 11, 4)]])("rejects %j: wrong number of answers", (items) => {
    expect(() => scoreAudit(items)).toThrow(ScoringError);
  });
});

describe("Heaviness of Smoking Index", () => {
  const timeScore: Record<HsiTimeToFirst, number> = { within_5: 3, "6_30": 2, "31_60": 1, after_60: 0 };
  const cigaretteScore: Record<HsiCigarettesPerDay, number> = { "10_or_fewer": 0, "11_20": 1, "21_30": 2, "31_or_more": 3 };
  const bandOf: Record<number, string> = { 0: "low", 1: "low", 2: "moderate", 3: "moderate", 4: "moderate", 5: "high", 6: "high" };

  const combinations = hsiTimeToFirst.flatMap((t) => hsiCigarettesPerDay.map((c): [HsiTimeToFirst, HsiCigarettesPerDay] => [t.value, c.value]));

  it("covers all 16 combinations", () => {
    expect(combinations).toHaveLength(16);
  });

  it.each(combinations)("first cigarette %s, %s a day", (timeToFirst, cigarettesPerDay) => {
    const score = timeScore[timeToFirst] + cigaretteScore[cigarettesPerDay];
    expect(scoreHsi({ timeToFirst, cigarettesPerDay })).toEqual({ score, band: bandOf[score] });
  });

  it("rejects an answer that is not on the form", () => {
    const notAnAnswer: string = "never";
    expect(() => scoreHsi({ timeToFirst: notAnAnswer as HsiTimeToFirst, cigarettesPerDay: "11_20" })).toThrow(ScoringError);
    expect(() => scoreHsi({ timeToFirst: "within_5", cigarettesPerDay: notAnAnswer as HsiCigarettesPerDay })).toThrow(ScoringError);
  });
});

describe("body mass index", () => {
  // Expected values worked out by hand: weight / (height in metres)^2, rounded half up to 1 decimal.
  it.each([
    [180, 81, 25],
    [175, 70, 22.9], // 22.857
    [170, 65, 22.5], // 22.491
    [170, 64.9, 22.5], // 22.457
    [170, 64.7, 22.4], // 22.388
    [180, 80.9, 25], // 24.969
    [180, 80.8, 24.9], // 24.938
    [160, 47.3, 18.5], // 18.477
    [160, 47.2, 18.4], // 18.438
    [165, 81.6, 30], // 29.972
    [165, 81.5, 29.9], // 29.936
    [100, 25, 25],
    [250, 350, 56],
  ])("%s cm, %s kg: %s", (height, weight, bmi) => {
    expect(bodyMassIndex(height, weight)).toBe(bmi);
  });

  it.each([
    [99.9, 70],
    [250.1, 70],
    [170, 24.9],
    [170, 350.1],
    [0, 70],
    [170, 0],
    [-170, 70],
    [Number.NaN, 70],
    [170, Number.NaN],
    [Number.POSITIVE_INFINITY, 70],
  ])("%s cm, %s kg is out of range: null", (height, weight) => {
    expect(bodyMassIndex(height, weight)).toBeNull();
  });

  it.each([
    [18.4, "underweight"],
    [18.5, "healthy"],
    [24.9, "healthy"],
    [25, "overweight"],
    [29.9, "overweight"],
    [30, "obese"],
  ])("BMI %s is %s", (bmi, band) => {
    expect(bmiBand(bmi)).toBe(band);
  });

  it("bands the rounded BMI, so 24.97 counts as 25.0 (overweight)", () => {
    const bmi = bodyMassIndex(180, 80.9);
    expect(bmi).toBe(25);
    expect(bmi === null ? null : bmiBand(bmi)).toBe("overweight");
  });
});
