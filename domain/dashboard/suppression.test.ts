import { describe, expect, it } from "vitest";
import { figureRegistry, gridGroups, suppressedCells, type Group } from "./suppression";

const cells = (entries: Record<string, number>) => new Map(Object.entries(entries));
const sorted = (s: Set<string>) => [...s].sort();

describe("primary suppression", () => {
  it("hides 1 to 4 and shows 0 and 5 or more", () => {
    const values = cells({ zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, many: 120 });
    expect(sorted(suppressedCells(values, []))).toEqual(["four", "one", "three", "two"]);
  });
});

describe("secondary suppression in one group", () => {
  it("hides the next smallest cell in a column of sites with an all-sites total", () => {
    // Sites 3 + 20 + 7 + 50 = 80. 3 is small; 7 is the smallest other site, so it goes too.
    const values = cells({ a: 3, b: 20, c: 7, d: 50, all: 80 });
    expect(sorted(suppressedCells(values, [{ total: "all", parts: ["a", "b", "c", "d"] }]))).toEqual(["a", "c"]);
  });

  it("never picks a zero as the second cell", () => {
    // 3 + 0 + 12 = 15: hiding the 0 would protect nothing, so 12 goes.
    const values = cells({ a: 3, b: 0, c: 12, all: 15 });
    expect(sorted(suppressedCells(values, [{ total: "all", parts: ["a", "b", "c"] }]))).toEqual(["a", "c"]);
  });

  it("leaves a group alone when two cells are already hidden", () => {
    const values = cells({ a: 3, b: 2, c: 12, all: 17 });
    expect(sorted(suppressedCells(values, [{ total: "all", parts: ["a", "b", "c"] }]))).toEqual(["a", "b"]);
  });

  it("breaks a tie by the order the parts are listed", () => {
    const values = cells({ a: 1, b: 9, c: 9, all: 19 });
    expect(sorted(suppressedCells(values, [{ total: "all", parts: ["a", "b", "c"] }]))).toEqual(["a", "b"]);
  });

  it("hides the total when every other part is zero", () => {
    // x hidden (protecting t1) is alone in t2 = x + z with z = 0: only t2 itself can cover it.
    const values = cells({ w: 2, x: 10, t1: 12, z: 0, t2: 10 });
    const groups: Group[] = [
      { total: "t1", parts: ["w", "x"] },
      { total: "t2", parts: ["x", "z"] },
    ];
    expect(sorted(suppressedCells(values, groups))).toEqual(["t2", "w", "x"]);
  });

  it("shows everything when nothing is small, zeros included", () => {
    const values = cells({ a: 0, b: 5, c: 0, all: 5 });
    expect(suppressedCells(values, [{ total: "all", parts: ["a", "b", "c"] }]).size).toBe(0);
  });

  it("refuses a group that does not add up, or names a cell it does not have", () => {
    expect(() => suppressedCells(cells({ a: 3, b: 4, all: 8 }), [{ total: "all", parts: ["a", "b"] }])).toThrow(/add up/);
    expect(() => suppressedCells(cells({ a: 3 }), [{ total: "all", parts: ["a"] }])).toThrow(/no value/);
  });
});

describe("secondary suppression across rows and columns", () => {
  //            site a  site b  site c | all
  // month 1        3      10       8  |  21
  // month 2        6       9      12  |  27
  // period         9      19      20  |  48
  const grid: Record<string, Record<string, number>> = {
    m1: { a: 3, b: 10, c: 8, all: 21 },
    m2: { a: 6, b: 9, c: 12, all: 27 },
    period: { a: 9, b: 19, c: 20, all: 48 },
  };
  const key = (r: string, c: string) => `${r}@${c}`;
  const values = new Map(Object.entries(grid).flatMap(([r, row]) => Object.entries(row).map(([c, v]) => [key(r, c), v] as const)));
  const groups = gridGroups(["m1", "m2", "period"], ["a", "b", "c", "all"], key, { rowTotal: "period", columnTotal: "all" });

  it("builds one group per row and per column", () => {
    expect(groups).toHaveLength(3 + 4);
    expect(groups).toContainEqual({ total: "m1@all", parts: ["m1@a", "m1@b", "m1@c"] });
    expect(groups).toContainEqual({ total: "period@b", parts: ["m1@b", "m2@b"] });
  });

  it("hides a rectangle: the small cell, the smallest in its row, and the cells below both", () => {
    // m1@a = 3 is small. Row m1: the smallest other is m1@c = 8. Column a: m2@a = 6 must go;
    // column c: m2@c = 12 must go. Row m2 then has two hidden cells: done.
    expect(sorted(suppressedCells(values, groups))).toEqual(["m1@a", "m1@c", "m2@a", "m2@c"]);
  });

  it("cannot be worked back from any row or column total", () => {
    const hidden = suppressedCells(values, groups);
    for (const g of groups) {
      const count = [g.total, ...g.parts].filter((k) => hidden.has(k)).length;
      expect(count === 0 || count >= 2).toBe(true);
    }
  });

  it("handles a table with only column totals (sites add up to all sites)", () => {
    const onlyColumns = gridGroups(["m1", "m2"], ["a", "b", "c", "all"], key, { columnTotal: "all" });
    expect(onlyColumns).toHaveLength(2);
    expect(sorted(suppressedCells(values, onlyColumns))).toEqual(["m1@a", "m1@c"]);
  });
});

/** Rule 3 as written: every group visited on every pass, until a pass changes nothing. */
function everyGroupEveryPass(values: ReadonlyMap<string, number>, groups: readonly Group[]): string[] {
  const v = (k: string) => values.get(k) ?? 0;
  const hidden = new Set([...values].filter(([, n]) => n >= 1 && n <= 4).map(([k]) => k));
  for (let changed = true; changed; ) {
    changed = false;
    for (const g of groups) {
      if ([...g.parts, g.total].filter((k) => hidden.has(k)).length !== 1) continue;
      const candidates = g.parts.filter((k) => !hidden.has(k) && v(k) !== 0);
      const pick = candidates.reduce<string | null>((best, k) => (best === null || v(k) < v(best) ? k : best), null) ?? (!hidden.has(g.total) && v(g.total) !== 0 ? g.total : null);
      if (pick === null) continue;
      hidden.add(pick);
      changed = true;
    }
  }
  return [...hidden];
}

describe("suppressedCells visits only the groups that changed", () => {
  it("hides exactly the cells, in the same order, as visiting every group on every pass", () => {
    // Seeded random three-way tables (sites x months x measures, with margins), small counts
    // common, so that suppression cascades through many passes.
    let seed = 20_261_122;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    let cascades = 0;
    for (let round = 0; round < 60; round++) {
      const sites = Array.from({ length: 2 + Math.floor(random() * 8) }, (_, i) => `s${i}`);
      const months = Array.from({ length: 1 + Math.floor(random() * 12) }, (_, i) => `m${i}`);
      const values = new Map<string, number>();
      const groups: Group[] = [];
      for (const measure of ["a", "b"]) {
        const key = (m: string, s: string) => `${measure}#${m}@${s}`;
        for (const m of months) for (const s of sites) values.set(key(m, s), random() < 0.3 ? Math.floor(random() * 5) : Math.floor(random() * 40));
        for (const m of months) values.set(key(m, "all"), sites.reduce((n, s) => n + (values.get(key(m, s)) ?? 0), 0));
        for (const s of [...sites, "all"]) values.set(key("period", s), months.reduce((n, m) => n + (values.get(key(m, s)) ?? 0), 0));
        groups.push(...gridGroups([...months, "period"], [...sites, "all"], key, { rowTotal: "period", columnTotal: "all" }));
      }
      // "b" is part of "a" wherever it is not more: a subset group per cell.
      for (const k of [...values.keys()].filter((k) => k.startsWith("b#"))) {
        const whole = k.replace(/^b#/, "a#");
        const [b, a] = [values.get(k) ?? 0, values.get(whole) ?? 0];
        values.set(`${k}:rest`, Math.abs(a - b));
        if (a >= b) groups.push({ total: whole, parts: [k, `${k}:rest`] });
      }
      const expected = everyGroupEveryPass(values, groups);
      const got = [...suppressedCells(values, groups)];
      expect(got, `round ${round}`).toEqual(expected);
      if (expected.length > [...values.values()].filter((n) => n >= 1 && n <= 4).length + 2) cascades++;
    }
    // The tables really did make secondary suppression cascade.
    expect(cascades).toBeGreaterThan(30);
  });
});

describe("figureRegistry", () => {
  it("decides once for figures shared by several tables", () => {
    const f = figureRegistry();
    for (const [k, v] of Object.entries({ "enrolled@a": 3, "enrolled@b": 20, "enrolled@all": 23 })) f.set(k, v);
    f.sum("enrolled@all", ["enrolled@a", "enrolled@b"]);
    const figures = f.solve();
    expect(figures.count("enrolled@a")).toEqual({ kind: "suppressed" });
    expect(figures.count("enrolled@b")).toEqual({ kind: "suppressed" });
    expect(figures.count("enrolled@all")).toEqual({ kind: "count", value: 23 });
  });

  it("suppresses a rate built on a suppressed numerator or denominator, and shows 0%", () => {
    const f = figureRegistry();
    f.set("small", 3);
    f.set("of", 40);
    f.subset("small", "of");
    f.set("none", 0);
    f.set("of20", 20);
    f.subset("none", "of20");
    f.set("tinyNum", 0);
    f.set("tinyDen", 2);
    f.subset("tinyNum", "tinyDen");
    f.set("empty", 0);
    f.set("emptyDen", 0);
    f.subset("empty", "emptyDen");
    const figures = f.solve();
    expect(figures.rate("small", "of")).toEqual({ kind: "suppressed" });
    expect(figures.rate("none", "of20")).toEqual({ kind: "rate", percent: 0 });
    expect(figures.rate("tinyNum", "tinyDen")).toEqual({ kind: "suppressed" });
    expect(figures.rate("empty", "emptyDen")).toEqual({ kind: "none" });
    // The denominator itself stays visible: the hidden complement (37) covers the numerator.
    expect(figures.count("of")).toEqual({ kind: "count", value: 40 });
  });

  it("suppresses a rate whose complement is small: 48 of 50 would reveal the other 2", () => {
    const f = figureRegistry();
    f.set("yes", 48);
    f.set("all", 50);
    f.subset("yes", "all");
    const figures = f.solve();
    expect(figures.rate("yes", "all")).toEqual({ kind: "suppressed" });
    expect(figures.count("all")).toEqual({ kind: "count", value: 50 });
  });

  it("rounds a rate to one decimal place", () => {
    const f = figureRegistry();
    f.set("n", 10);
    f.set("d", 30);
    f.subset("n", "d");
    expect(f.solve().rate("n", "d")).toEqual({ kind: "rate", percent: 33.3 });
  });

  it("hides a site's rate when the same rate at another site would give it away through the totals", () => {
    // Numerators: a 3 (small), b 12, all 15; denominators a 10, b 30, all 40.
    const f = figureRegistry();
    for (const [k, v] of Object.entries({ "n@a": 3, "n@b": 12, "n@all": 15, "d@a": 10, "d@b": 30, "d@all": 40 })) f.set(k, v);
    f.sum("n@all", ["n@a", "n@b"]);
    f.sum("d@all", ["d@a", "d@b"]);
    for (const c of ["a", "b", "all"]) f.subset(`n@${c}`, `d@${c}`);
    const figures = f.solve();
    expect(figures.rate("n@a", "d@a")).toEqual({ kind: "suppressed" });
    expect(figures.rate("n@b", "d@b")).toEqual({ kind: "suppressed" });
    expect(figures.rate("n@all", "d@all")).toEqual({ kind: "rate", percent: 37.5 });
  });

  it("guards against mistakes in building the figures", () => {
    const f = figureRegistry();
    f.set("a", 5);
    expect(() => f.set("a", 6)).toThrow(/twice/);
    expect(() => f.set("b", -1)).toThrow(RangeError);
    expect(() => f.set("c", 1.5)).toThrow(RangeError);
    f.set("d", 3);
    expect(() => f.subset("a", "d")).toThrow(RangeError);
    expect(() => f.subset("a", "missing")).toThrow(/declared before/);
    const figures = f.solve();
    expect(() => figures.rate("d", "a")).toThrow(/subset/);
    expect(() => figures.count("missing")).toThrow(/no value/);
  });
});
