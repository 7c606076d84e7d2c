import { Radios } from "@/components/ui/choices";
import { DateInput } from "@/components/ui/date-input";
import { lastMonth, lastQuarter, describePeriod, periodPresetLabels, periodPresets, type DateFields, type Period, type PeriodErrors, type PeriodPreset } from "@/domain/dashboard/periods";

/**
 * The period and site filter: a plain GET form, so it works before (or without) JavaScript and the
 * figures on screen always match the address bar.
 */
export function PeriodForm({
  preset,
  fields,
  errors,
  today,
  sinceStart,
  sites,
  selectedSiteIds,
}: {
  preset: PeriodPreset;
  fields: { from: DateFields; to: DateFields };
  errors: PeriodErrors;
  today: string;
  sinceStart: Period;
  sites: { id: string; name: string }[];
  selectedSiteIds: string[];
}) {
  const hints: Record<PeriodPreset, string> = {
    since_start: describePeriod(sinceStart),
    last_month: describePeriod(lastMonth(today)),
    last_quarter: describePeriod(lastQuarter(today)),
    custom: "Enter the dates below",
  };
  const selected = new Set(selectedSiteIds);
  return (
    <form method="get" action="/dashboards" className="card" aria-label="Choose the period and sites">
      <Radios name="period" legend="Period" options={periodPresets.map((p) => ({ value: p, label: periodPresetLabels[p], hint: hints[p] }))} defaultValue={preset} />
      <div className="mb-6 border-l-4 border-line pl-4">
        <p className="mb-4 text-muted">For &quot;Choose dates&quot;: both dates are included. For example, 1 1 2026 to 31 3 2026.</p>
        <DateInput name="from" legend="Start date" error={errors.from} values={fields.from} />
        <DateInput name="to" legend="End date" error={errors.to} values={fields.to} />
      </div>
      {sites.length > 1 && (
        <fieldset className="mb-6">
          <legend className="mb-1 font-semibold">Sites</legend>
          <p className="mb-2 text-muted">Tick the sites to compare. With none ticked, all your sites are shown.</p>
          {/* A national manager has 150 sites: each choice is a label around its box, styled by the
              list's class (app/globals.css), which made the form about a third of the page's HTML. */}
          <div className="site-choices">
            {sites.map((s) => (
              <label key={s.id}>
                <input type="checkbox" name="site" value={s.id} defaultChecked={selected.has(s.id)} />
                {s.name}
              </label>
            ))}
          </div>
        </fieldset>
      )}
      <button type="submit" className="btn">
        Show figures
      </button>
    </form>
  );
}
