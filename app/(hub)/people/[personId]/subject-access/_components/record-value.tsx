import { formatDate, formatDateTime } from "@/domain/dates";
import type { SubjectAccessValue } from "@/server/subject-access/gather";

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** "recordedById" -> "Recorded by id": the report shows every column, so labels come from the names. */
export function fieldLabel(key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function RecordValue({ value, staff }: { value: SubjectAccessValue; staff: Record<string, string> }) {
  if (value === null) return <span className="text-muted">Not recorded</span>;
  if (typeof value === "boolean") return <>{value ? "Yes" : "No"}</>;
  if (typeof value === "number") return <>{value}</>;
  if (typeof value === "string") {
    if (staff[value]) return <>{`${staff[value]} (${value})`}</>;
    if (ISO_DATE.test(value)) return <>{formatDate(value)}</>;
    if (ISO_INSTANT.test(value)) {
      const d = new Date(value);
      if (!Number.isNaN(d.getTime())) return <>{formatDateTime(d)}</>;
    }
    return <span className="break-words whitespace-pre-wrap">{value}</span>;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return <span className="text-muted">None</span>;
    return (
      <ul className="list-none">
        {value.map((v, i) => (
          <li key={i}>
            <RecordValue value={v} staff={staff} />
          </li>
        ))}
      </ul>
    );
  }
  const entries = Object.entries(value);
  if (entries.length === 0) return <span className="text-muted">None</span>;
  return (
    <dl className="grid grid-cols-[minmax(8rem,auto)_1fr] gap-x-4 text-sm">
      {entries.map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="font-mono">{k}</dt>
          <dd>
            <RecordValue value={v} staff={staff} />
          </dd>
        </div>
      ))}
    </dl>
  );
}
