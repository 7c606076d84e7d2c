import Link from "next/link";

export function Pagination({ page, pageCount, total, hrefFor }: { page: number; pageCount: number; total: number; hrefFor: (page: number) => string }) {
  if (pageCount <= 1) return <p className="text-muted">{total === 1 ? "1 result" : `${total} results`}</p>;
  const pages = Array.from(new Set([1, page - 1, page, page + 1, pageCount])).filter((p) => p >= 1 && p <= pageCount).sort((a, b) => a - b);
  return (
    <nav aria-label="Pagination" className="flex flex-wrap items-center gap-3">
      {page > 1 && (
        <Link href={hrefFor(page - 1)} rel="prev">
          ‹ Previous<span className="sr-only"> page</span>
        </Link>
      )}
      <ul className="flex list-none gap-2">
        {pages.map((p, i) => (
          <li key={p} className="flex gap-2">
            {i > 0 && (pages[i - 1] ?? p) < p - 1 && <span aria-hidden="true">…</span>}
            {p === page ? (
              <span aria-current="page" className="bg-brand px-2 font-bold text-white">
                {p}
              </span>
            ) : (
              <Link href={hrefFor(p)} aria-label={`Page ${p}`} className="px-2">
                {p}
              </Link>
            )}
          </li>
        ))}
      </ul>
      {page < pageCount && (
        <Link href={hrefFor(page + 1)} rel="next">
          Next<span className="sr-only"> page</span> ›
        </Link>
      )}
      <span className="text-muted">
        Page {page} of {pageCount} ({total} results)
      </span>
    </nav>
  );
}
