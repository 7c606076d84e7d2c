import type { ReactNode } from "react";

export type TrendPoint = {
  /** Shown under the bar, e.g. "Mar 26". */
  label: string;
  /** null: nothing to draw (suppressed, or no data). */
  value: number | null;
  /** What a reader of the table would see, e.g. "12", "*" or "No data". */
  display: string;
};

const WIDTH = 640;
const HEIGHT = 260;
const MARGIN = { top: 16, right: 12, bottom: 44, left: 48 };
const PLOT_W = WIDTH - MARGIN.left - MARGIN.right;
const PLOT_H = HEIGHT - MARGIN.top - MARGIN.bottom;

/** Coordinates to a tenth of a unit (of a 640-wide picture): as sharp as drawn, and short to send. */
const tenth = (n: number) => Math.round(n * 10) / 10;

/** A round axis maximum at or above the largest value: 1, 2 or 5 times a power of ten. */
function niceMax(max: number, unit: "count" | "percent"): number {
  if (unit === "percent") return max <= 0 ? 10 : Math.min(100, Math.ceil(max / 10) * 10);
  if (max <= 4) return 4;
  const power = 10 ** Math.floor(Math.log10(max));
  const step = [1, 2, 5, 10].find((s) => s * power >= max) ?? 10;
  return step * power;
}

/**
 * A month-by-month bar chart drawn on the server as SVG: no script, no library. The picture is
 * hidden from assistive technology; the same numbers are in the table passed as `children`, which
 * the figure keeps with it. Suppressed months are marked with a star, not drawn as zero.
 */
export function TrendChart({ id, title, unit, points, children }: { id: string; title: string; unit: "count" | "percent"; points: TrendPoint[]; children: ReactNode }) {
  const drawn = points.map((p) => p.value).filter((v): v is number => v !== null);
  const max = niceMax(Math.max(0, ...drawn), unit);
  const slot = PLOT_W / Math.max(1, points.length);
  const barWidth = Math.max(2, Math.min(48, slot * 0.6));
  const y = (v: number) => tenth(MARGIN.top + PLOT_H - (v / max) * PLOT_H);
  const every = Math.ceil(points.length / 12);
  const ticks = [0, max / 2, max];
  const tickLabel = (v: number) => (unit === "percent" ? `${v}%` : Number.isInteger(v) ? String(v) : v.toFixed(1));
  const anySuppressed = points.some((p) => p.display === "*");

  return (
    <figure className="mb-8" id={id}>
      <figcaption className="h3">
        {title}
      </figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className="mb-2 w-full max-w-2xl bg-white" aria-hidden="true" focusable="false">
        {ticks.map((t) => (
          <g key={t}>
            <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(t)} y2={y(t)} stroke="#d8dde0" />
            <text x={MARGIN.left - 6} y={y(t) + 4} textAnchor="end" fontSize="12" fill="#4c6272">
              {tickLabel(t)}
            </text>
          </g>
        ))}
        {points.map((p, i) => {
          const cx = tenth(MARGIN.left + slot * i + slot / 2);
          return (
            <g key={`${p.label}-${i}`}>
              {p.value !== null ? (
                <rect x={tenth(cx - barWidth / 2)} y={y(p.value)} width={tenth(barWidth)} height={tenth(Math.max(0, MARGIN.top + PLOT_H - y(p.value)))} fill="#005eb8" />
              ) : (
                <text x={cx} y={MARGIN.top + PLOT_H - 6} textAnchor="middle" fontSize="16" fontWeight="bold" fill="#212b32">
                  {p.display === "*" ? "*" : "–"}
                </text>
              )}
              {i % every === 0 && (
                <text x={cx} y={HEIGHT - MARGIN.bottom + 18} textAnchor="middle" fontSize="12" fill="#212b32">
                  {p.label}
                </text>
              )}
            </g>
          );
        })}
        <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={MARGIN.top + PLOT_H} y2={MARGIN.top + PLOT_H} stroke="#212b32" />
      </svg>
      <p className="mb-2 text-sm text-muted">
        All selected sites, by month{unit === "percent" ? ", as a percentage" : ""}.{anySuppressed ? " * marks a suppressed month." : ""}
      </p>
      <details className="mb-2">
        <summary className="cursor-pointer text-brand underline">Show the figures as a table</summary>
        <div className="mt-3">{children}</div>
      </details>
    </figure>
  );
}
