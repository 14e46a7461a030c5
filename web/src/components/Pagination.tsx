import { translate } from '../lib/i18n';

/** Previous/next page buttons; the page lives in the URL, so `onPage` writes it there. */
export function Pagination({ page, pages, onPage }: { page: number; pages: number; onPage: (p: number) => void }) {
  if (pages <= 1) return null;
  return (
    <nav aria-label="Paginación" className="mt-6 flex items-center justify-center gap-4">
      <button type="button" disabled={page <= 1} onClick={() => onPage(page - 1)}
        className="rounded-md border border-slate-300 px-3 py-2 text-sm disabled:text-slate-400">
        {translate('common.prev')}
      </button>
      <span className="text-sm" aria-current="page">{translate('common.page', { page, pages })}</span>
      <button type="button" disabled={page >= pages} onClick={() => onPage(page + 1)}
        className="rounded-md border border-slate-300 px-3 py-2 text-sm disabled:text-slate-400">
        {translate('common.next')}
      </button>
    </nav>
  );
}
