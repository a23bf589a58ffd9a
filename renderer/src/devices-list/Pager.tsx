// Page controls under a list: previous / next, where we are, and the range shown.
export function Pager({ page, pages, total, size, onPage, noun = 'items' }: {
  page: number; pages: number; total: number; size: number; onPage(page: number): void; noun?: string;
}) {
  if (total === 0) return null;
  const first = (page - 1) * size + 1;
  const last = Math.min(total, page * size);
  return (
    <nav className="pager" aria-label="Pages" data-testid="pager">
      <span className="muted" data-testid="pager-range">{first}–{last} of {total} {noun}</span>
      {pages > 1 && (
        <span className="pager-buttons">
          <button type="button" className="btn btn-small" disabled={page <= 1} onClick={() => onPage(page - 1)} data-testid="pager-prev">
            ‹ Previous
          </button>
          <span data-testid="pager-page" aria-current="page">Page {page} of {pages}</span>
          <button type="button" className="btn btn-small" disabled={page >= pages} onClick={() => onPage(page + 1)} data-testid="pager-next">
            Next ›
          </button>
        </span>
      )}
    </nav>
  );
}
