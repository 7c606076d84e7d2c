/** A GET form choosing one of the user's sites (or all of them); works without JavaScript. */
export function SiteFilter({
  action,
  sites,
  siteId,
  keep = {},
}: {
  action: string;
  sites: { id: string; name: string }[];
  siteId: string | undefined;
  /** Other query parameters to carry over, e.g. the date range. */
  keep?: Record<string, string>;
}) {
  return (
    <form method="get" action={action} className="card flex flex-wrap items-end gap-4">
      {Object.entries(keep).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <div>
        <label htmlFor="site" className="mb-1 block font-semibold">
          Site
        </label>
        <select id="site" name="site" defaultValue={siteId ?? ""} className="input w-52">
          <option value="">All my sites</option>
          {sites.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="btn-secondary">
        Show
      </button>
    </form>
  );
}
