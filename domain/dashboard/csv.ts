/**
 * CSV for the dashboard exports (RFC 4180), safe to open in a spreadsheet: a text cell that starts
 * with = + - @, a tab or a carriage return could run as a formula ("CSV injection", OWASP), so it
 * gets a leading single quote. Numbers are written as numbers: a number cannot be a formula, and
 * quoting a negative number would turn it into text.
 */
import { toLondon } from "../dates";
import { csvCellValue, type DashboardTable } from "./table";

const FORMULA_START = /^[=+\-@\t\r]/;

export function neutralise(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** One field: neutralised if text, then quoted when it holds a comma, quote, CR or LF (quotes doubled). */
export function csvField(value: string | number): string {
  const text = typeof value === "number" ? (Number.isFinite(value) ? String(value) : "") : neutralise(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Records joined with CRLF, as RFC 4180 asks, ending with one. */
export function toCsv(records: readonly (readonly (string | number)[])[]): string {
  return records.map((r) => r.map(csvField).join(",")).join("\r\n") + "\r\n";
}

/** A dashboard table as CSV: a header record, then one record per row. */
export function tableToCsv(table: DashboardTable): string {
  return toCsv([[table.rowHeading, ...table.columns.map((c) => c.label)], ...table.rows.map((r) => [r.label, ...r.cells.map(csvCellValue)])]);
}

/**
 * The file name of a table's CSV says the period and when the figures were brought up to date
 * (London time, as the page says it): the rollups are refreshed every few minutes, so a download can
 * be newer than the page it was taken from, and a file passed on later must still say what it counts.
 * Table ids are ours (letters, digits, hyphens), so the name needs no escaping.
 */
export function exportFilename(tableId: string, period: { from: string; to: string }, asAt: Date): string {
  const { date, time } = toLondon(asAt);
  return `pilot-dashboard-${tableId}-${period.from}-to-${period.to}-as-at-${date}-${time.replace(":", "")}.csv`;
}
