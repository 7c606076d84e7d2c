import type { ConsentDecision, ConsentKind } from "./health";

export type ConsentRecord = {
  kind: ConsentKind;
  decision: ConsentDecision;
  decidedOn: string;
  recordedAt: Date;
  withdrawnOn: string | null;
};

export type ConsentState = "given" | "refused" | "withdrawn" | "not_asked";

/**
 * The consent in force for one kind: the latest conversation wins; a withdrawal takes effect at
 * once (from the moment it is recorded, whatever date it carries).
 */
export function currentConsent<T extends ConsentRecord>(records: readonly T[], kind: ConsentKind): { state: ConsentState; record: T | null } {
  const latest = records
    .filter((r) => r.kind === kind)
    .reduce<T | null>((best, r) => (best === null || r.recordedAt.getTime() > best.recordedAt.getTime() ? r : best), null);
  if (!latest) return { state: "not_asked", record: null };
  if (latest.decision === "refused") return { state: "refused", record: latest };
  if (latest.withdrawnOn) return { state: "withdrawn", record: latest };
  return { state: "given", record: latest };
}
