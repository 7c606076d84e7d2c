/** Builds `path?a=1&b=2`, dropping empty values, so filters, sorting and paging are plain links. */
export function href(path: string, params: Record<string, string | number | boolean | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === "" || value === false) continue;
    search.set(key, value === true ? "1" : String(value));
  }
  const qs = search.toString();
  return qs ? `${path}?${qs}` : path;
}

/** First value of a search param as a string. */
export function param(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
