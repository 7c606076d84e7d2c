/** One measured figure of `npm run bench`, printed beside its target. */
export type BenchResult = { name: string; figure: number; unit: string; target: string; pass: boolean };
