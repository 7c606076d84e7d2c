/**
 * The shape every dashboard table takes on its way to the screen and to CSV: already suppressed,
 * already labelled. The server builds these; the page and the export only read them.
 */
import type { Shown, ShownRate } from "../suppression";
import { median } from "./median";

export type DashboardCell =
  | { kind: "count"; value: number }
  | { kind: "percent"; value: number }
  | { kind: "days"; value: number }
  | { kind: "suppressed" }
  | { kind: "none" };

export type DashboardColumn = { key: string; label: string };
export type DashboardRow = { key: string; label: string; cells: DashboardCell[]; total?: boolean };

export type DashboardTable = {
  /** Stable: the CSV export asks for a table by it. */
  id: string;
  caption: string;
  description?: string;
  /** Heading of the first column, the row labels. */
  rowHeading: string;
  columns: DashboardColumn[];
  rows: DashboardRow[];
  /** A trend: drawn as a chart of the last column (all selected sites) by row, above its table. */
  chart?: { unit: "count" | "percent" };
  /** Shown folded away (per-site breakdowns that repeat the combined one). */
  folded?: boolean;
};

export type DashboardSection = { id: string; title: string; description: string; tables: DashboardTable[] };

export function countCell(shown: Shown): DashboardCell {
  return shown.kind === "count" ? { kind: "count", value: shown.value } : { kind: "suppressed" };
}

export function rateCell(shown: ShownRate): DashboardCell {
  if (shown.kind === "rate") return { kind: "percent", value: shown.percent };
  return shown.kind === "none" ? { kind: "none" } : { kind: "suppressed" };
}

/**
 * A median of day counts. Not additive, so no secondary suppression, but a median of 1 to 4 values
 * is (close to) one person's own figure, so it is hidden like a count of 1 to 4.
 */
export function medianCell(days: readonly number[]): DashboardCell {
  if (days.length === 0) return { kind: "none" };
  if (days.length <= 4) return { kind: "suppressed" };
  return { kind: "days", value: median(days) ?? 0 };
}

const whole = new Intl.NumberFormat("en-GB");
const oneDecimal = new Intl.NumberFormat("en-GB", { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** As the screen shows it; "*" for suppressed (the page explains the star once). */
export function formatCell(cell: DashboardCell): string {
  switch (cell.kind) {
    case "count":
      return whole.format(cell.value);
    case "percent":
      return `${oneDecimal.format(cell.value)}%`;
    case "days":
      return `${cell.value % 1 === 0 ? whole.format(cell.value) : oneDecimal.format(cell.value)} ${cell.value === 1 ? "day" : "days"}`;
    case "suppressed":
      return "*";
    case "none":
      return "No data";
  }
}

/** As the CSV holds it: bare numbers (the unit is in the row label), "*" suppressed, empty for no data. */
export function csvCellValue(cell: DashboardCell): string | number {
  switch (cell.kind) {
    case "count":
    case "days":
      return cell.value;
    case "percent":
      return cell.value.toFixed(1);
    case "suppressed":
      return "*";
    case "none":
      return "";
  }
}

/** A number for the chart; null where nothing can be drawn (suppressed or no data). */
export function chartValue(cell: DashboardCell): number | null {
  return cell.kind === "count" || cell.kind === "percent" || cell.kind === "days" ? cell.value : null;
}
