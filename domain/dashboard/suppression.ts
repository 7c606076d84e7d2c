/**
 * Secondary suppression for dashboard tables (DOMAIN.md "Small-number suppression": counts 1–4
 * are hidden, "and enough other cells suppressed that they cannot be worked back").
 *
 * Every figure on the dashboard is a named cell with a whole-number value. Cells are linked by
 * additive groups, `total = part + part + ...`: sites add up to "all selected sites", months add up
 * to the whole period, age bands add up to everyone, and each rate's numerator plus its complement
 * (denominator minus numerator) adds up to its denominator. The rules:
 *
 * 1. Primary: a count from 1 to 4 is suppressed. 0 is shown: it identifies no one.
 * 2. Secondary: in every group, the number of suppressed members must be 0 or at least 2. A group
 *    with exactly one suppressed member would let it be worked out by subtraction, so one more
 *    member is suppressed: the smallest non-zero part still shown (ties: the first listed), or,
 *    when no part is left to choose, the total. Zeros are never chosen: a zero hidden as "*" is
 *    still known to be small, and zeros are often known anyway.
 * 3. Repeat until no group changes: a cell suppressed for one group may leave another group with a
 *    single suppressed member (a site hidden to protect a month, then the all-sites column...).
 *    Cells are only ever added, so this ends.
 * 4. A count that is part of another (the numerator of a rate, accepted referrals among those made)
 *    gets its complement as a cell of its own, never shown, in a group with the two: so "96% of 50"
 *    cannot reveal the 2 people who are not in the 96%. A rate is suppressed when its numerator or
 *    denominator is.
 *
 * One registry per dashboard means the same figure (say, Cambridge enrolments in the period) gets
 * one decision wherever it appears: the reach table, the monthly trend's "whole period" row, the
 * fairness totals and the CSV export.
 *
 * The per-group rule is the usual heuristic, not a proof against every linear combination of
 * several groups; at pilot scale, with groups of a handful of members, it is what statistical
 * disclosure guides ask for.
 */
import { isSmall, type Shown, type ShownRate } from "../suppression";

export type Group = { total: string; parts: readonly string[] };

/**
 * The keys of every suppressed cell: primary (1–4) and secondary (protecting those).
 *
 * Rule 3 repeats passes over the groups, in the order given, until a pass changes nothing. A visit
 * to a group depends only on which of its members are suppressed, so a group none of whose members
 * has changed since its last visit would do nothing: only those are skipped. The cells suppressed,
 * and the order in which they are chosen, are exactly those of visiting every group on every pass
 * (a national dashboard has tens of thousands of groups, and most passes change a handful).
 */
export function suppressedCells(values: ReadonlyMap<string, number>, groups: readonly Group[]): Set<string> {
  // Cells by number, in the order of `values`; each group's members as numbers, parts then total.
  const keys = [...values.keys()];
  const ids = new Map(keys.map((key, i) => [key, i]));
  const value = Float64Array.from(values.values());
  const idOf = (key: string): number => {
    const id = ids.get(key);
    if (id === undefined) throw new Error(`suppression: no value for cell ${key}`);
    return id;
  };
  const start = new Int32Array(groups.length + 1);
  const members: number[] = [];
  for (const [g, group] of groups.entries()) {
    start[g] = members.length;
    let sum = 0;
    for (const part of group.parts) {
      const id = idOf(part);
      members.push(id);
      sum += value[id] ?? 0;
    }
    const total = idOf(group.total);
    members.push(total);
    // A group that does not add up would protect nothing: a bug in whoever built it.
    if (sum !== value[total]) throw new Error(`suppression: ${group.total} is ${value[total]} but its parts add up to ${sum}`);
  }
  start[groups.length] = members.length;

  // The groups each cell is a member of.
  const memberships = new Int32Array(keys.length + 1);
  for (const id of members) memberships[id + 1] = (memberships[id + 1] ?? 0) + 1;
  for (let i = 0; i < keys.length; i++) memberships[i + 1] = (memberships[i + 1] ?? 0) + (memberships[i] ?? 0);
  const groupsOf = new Int32Array(members.length);
  const filled = memberships.slice(0, keys.length);
  for (let g = 0; g < groups.length; g++) {
    for (let m = start[g] ?? 0; m < (start[g + 1] ?? 0); m++) {
      const id = members[m] ?? 0;
      groupsOf[filled[id] ?? 0] = g;
      filled[id] = (filled[id] ?? 0) + 1;
    }
  }

  const hidden = new Uint8Array(keys.length);
  const suppressed = new Set<string>();
  for (let id = 0; id < keys.length; id++) {
    if (!isSmall(value[id] ?? 0)) continue;
    hidden[id] = 1;
    suppressed.add(keys[id] ?? "");
  }

  // Every group is visited on the first pass; after that, only those with a member changed since.
  const changedSince = new Uint8Array(groups.length).fill(1);
  let another = groups.length > 0;
  while (another) {
    another = false;
    for (let g = 0; g < groups.length; g++) {
      if (!changedSince[g]) continue;
      changedSince[g] = 0;
      const first = start[g] ?? 0;
      const end = start[g + 1] ?? 0;
      let count = 0;
      for (let m = first; m < end && count < 2; m++) count += hidden[members[m] ?? 0] ?? 0;
      if (count !== 1) continue;
      const complement = pickComplement(members, first, end, hidden, value);
      // Cannot happen in a group that adds up: a non-zero hidden member leaves another non-zero one.
      if (complement < 0) continue;
      hidden[complement] = 1;
      suppressed.add(keys[complement] ?? "");
      for (let i = memberships[complement] ?? 0; i < (memberships[complement + 1] ?? 0); i++) {
        const other = groupsOf[i] ?? 0;
        changedSince[other] = 1;
        // Groups later in this pass see the change in this pass; the others on the next.
        if (other <= g) another = true;
      }
    }
  }
  return suppressed;
}

/**
 * The member to suppress beside a group's one hidden member: the smallest non-zero part still
 * shown (ties: the first listed), or else the total (the last member); -1 when there is none.
 */
function pickComplement(members: readonly number[], first: number, end: number, hidden: Uint8Array, value: Float64Array): number {
  let best = -1;
  for (let m = first; m < end - 1; m++) {
    const id = members[m] ?? 0;
    if (hidden[id] || value[id] === 0) continue;
    if (best < 0 || (value[id] ?? 0) < (value[best] ?? 0)) best = id;
  }
  if (best >= 0) return best;
  const total = members[end - 1] ?? 0;
  return !hidden[total] && value[total] !== 0 ? total : -1;
}

/**
 * Groups for a two-way table with margins: every row adds up to its cell in the total column, and
 * every column adds up to its cell in the total row (the corner, the grand total, is in both).
 * Pass `rowTotal` / `columnTotal` as undefined for a table that only has one of the margins.
 */
export function gridGroups(
  rows: readonly string[],
  columns: readonly string[],
  key: (row: string, column: string) => string,
  totals: { rowTotal?: string; columnTotal?: string },
): Group[] {
  const groups: Group[] = [];
  const { rowTotal, columnTotal } = totals;
  if (columnTotal !== undefined) {
    for (const r of rows) groups.push({ total: key(r, columnTotal), parts: columns.filter((c) => c !== columnTotal).map((c) => key(r, c)) });
  }
  if (rowTotal !== undefined) {
    for (const c of columns) groups.push({ total: key(rowTotal, c), parts: rows.filter((r) => r !== rowTotal).map((r) => key(r, c)) });
  }
  return groups;
}

/** The decisions, read back per cell. */
export type Figures = {
  isSuppressed(key: string): boolean;
  value(key: string): number;
  count(key: string): Shown;
  /** Numerator over denominator as a percentage to one decimal place; "none" when the denominator is 0. */
  rate(numerator: string, denominator: string): ShownRate;
};

/**
 * Collects cells, the groups that link them and the rates built on them, then decides once.
 *
 *   const f = figureRegistry();
 *   f.set("a@x", 3); f.set("a@y", 20); f.set("a@all", 23);
 *   f.sum("a@all", ["a@x", "a@y"]);
 *   const figures = f.solve();   // a@x primary, a@y secondary; a@all shown
 */
export function figureRegistry() {
  const values = new Map<string, number>();
  const groups: Group[] = [];
  const subsets = new Set<string>();
  return {
    set(key: string, value: number): void {
      if (!Number.isInteger(value) || value < 0) throw new RangeError(`suppression: ${key} must be a whole number 0 or more, not ${value}`);
      const existing = values.get(key);
      if (existing !== undefined && existing !== value) throw new Error(`suppression: ${key} set twice with different values (${existing}, ${value})`);
      values.set(key, value);
    },
    sum(total: string, parts: readonly string[]): void {
      groups.push({ total, parts });
    },
    groups(more: readonly Group[]): void {
      groups.push(...more);
    },
    /**
     * Declares that one count is part of another (people registered with a GP among people with a
     * GP record), so the difference, never shown itself, is protected too: "48 of 50" must not
     * reveal the 2 who are not. Every rate needs its numerator declared a subset of its denominator.
     */
    subset(part: string, whole: string): void {
      const id = rateId(part, whole);
      if (subsets.has(id)) return;
      subsets.add(id);
      const p = values.get(part);
      const w = values.get(whole);
      if (p === undefined || w === undefined) throw new Error(`suppression: subset ${id} declared before its cells`);
      if (p > w) throw new RangeError(`suppression: ${part} (${p}) cannot be part of ${whole} (${w})`);
      const complement = `${id}:rest`;
      values.set(complement, w - p);
      groups.push({ total: whole, parts: [part, complement] });
    },
    solve(): Figures {
      const suppressed = suppressedCells(values, groups);
      const valueOf = (key: string) => {
        const v = values.get(key);
        if (v === undefined) throw new Error(`suppression: no value for cell ${key}`);
        return v;
      };
      return {
        isSuppressed: (key) => {
          valueOf(key);
          return suppressed.has(key);
        },
        value: valueOf,
        count: (key) => {
          const v = valueOf(key);
          return suppressed.has(key) ? { kind: "suppressed" } : { kind: "count", value: v };
        },
        rate: (numerator, denominator) => {
          if (!subsets.has(rateId(numerator, denominator))) throw new Error(`suppression: rate ${rateId(numerator, denominator)} needs subset() first`);
          const num = valueOf(numerator);
          const den = valueOf(denominator);
          if (den === 0) return { kind: "none" };
          if (suppressed.has(numerator) || suppressed.has(denominator)) return { kind: "suppressed" };
          return { kind: "rate", percent: Math.round((num / den) * 1000) / 10 };
        },
      };
    },
  };
}

export type FigureRegistry = ReturnType<typeof figureRegistry>;

function rateId(numerator: string, denominator: string): string {
  return `${numerator}/${denominator}`;
}
