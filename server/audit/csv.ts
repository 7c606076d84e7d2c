import "server-only";
import { auditActionLabel, auditOutcomeLabels } from "@/domain/audit-actions";
import { toCsv } from "@/domain/dashboard/csv";
import { formatDateTime } from "@/domain/dates";
import { roleLabels } from "@/domain/roles";
import type { AuditRow } from "./search";

const header = ["Time (UTC)", "Time (London)", "User email", "Role at the time", "Action", "Action code", "Outcome", "Person id", "CRN", "Record type", "Record id", "IP address", "Reason"];

/** Every text cell goes through csvField, which neutralises formula starts (= + - @): emails and reasons are typed by people. */
export function auditCsv(rows: readonly AuditRow[]): string {
  return toCsv([
    header,
    ...rows.map((r) => [
      r.at.toISOString(),
      formatDateTime(r.at),
      r.actorEmail ?? "",
      r.actorRole ? roleLabels[r.actorRole] : "",
      auditActionLabel(r.action),
      r.action,
      auditOutcomeLabels[r.outcome],
      r.personId ?? "",
      r.personCrn ?? "",
      r.entityType ?? "",
      r.entityId ?? "",
      r.ip ?? "",
      r.reason ?? "",
    ]),
  ]);
}

