/**
 * One measured figure of `npm run bench`, printed beside its target. A "check" (rows really
 * written, no errors, pagination holds) proves the run was honest: when one fails the benchmark
 * exits 2, like a crash. A missed performance target exits 1.
 */
export type BenchResult = { name: string; figure: number; unit: string; target: string; pass: boolean; check?: true };

/** A figure to `digits` decimal places (one by default), as the benchmark prints it. */
export function round(n: number, digits = 1): number {
  return Math.round(n * 10 ** digits) / 10 ** digits;
}
