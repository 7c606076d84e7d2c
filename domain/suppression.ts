/**
 * Small-number suppression (DOMAIN.md): a count from 1 to 4 is never shown, nor a rate built on
 * one, so that nobody can be picked out of an aggregate. 0 is shown: it identifies no one.
 */
export type Shown = { kind: "count"; value: number } | { kind: "suppressed" };

export function isSmall(n: number): boolean {
  return n >= 1 && n <= 4;
}

export function suppressCount(n: number): Shown {
  return isSmall(n) ? { kind: "suppressed" } : { kind: "count", value: n };
}

export type ShownRate = { kind: "rate"; percent: number } | { kind: "suppressed" } | { kind: "none" };

/** A percentage, suppressed when its numerator or denominator is a small number. */
export function suppressRate(numerator: number, denominator: number): ShownRate {
  if (denominator === 0) return { kind: "none" };
  if (isSmall(numerator) || isSmall(denominator)) return { kind: "suppressed" };
  return { kind: "rate", percent: Math.round((numerator / denominator) * 1000) / 10 };
}
