import { describe, expect, it } from "vitest";
import { neurodivergenceFrom } from "./fairness";

const conditions = (values: Partial<Record<string, string>>) => ({
  neurodiversity: {
    condition_adhd: "not_recorded",
    condition_autism: "not_recorded",
    condition_learning_disability: "not_recorded",
    condition_acquired_brain_injury: "not_recorded",
    condition_dyslexia: "not_recorded",
    condition_other: "not_recorded",
    adjustments: ["none"],
    ...values,
  },
});

describe("neurodivergenceFrom", () => {
  it("is not known without a completed health check", () => expect(neurodivergenceFrom(null)).toBe("unknown"));
  it("is 'none' when every condition was asked about and none is marked", () => expect(neurodivergenceFrom(conditions({}))).toBe("none"));
  it("counts a self-declared condition as well as a confirmed one", () => {
    expect(neurodivergenceFrom(conditions({ condition_dyslexia: "self_declared" }))).toBe("any");
    expect(neurodivergenceFrom(conditions({ condition_adhd: "confirmed" }))).toBe("any");
  });
  it("is not known when the conditions were not all answered, or the answers do not parse", () => {
    expect(neurodivergenceFrom({ neurodiversity: { condition_adhd: "not_recorded" } })).toBe("unknown");
    expect(neurodivergenceFrom({ neurodiversity: { condition_adhd: "maybe" } })).toBe("unknown");
    expect(neurodivergenceFrom({})).toBe("unknown");
  });
});
