/** A column header that sorts the table; aria-sort tells which way. */
export function SortHeader({ label, active, onSort }: { label: string; active: 'asc' | 'desc' | null; onSort: () => void }) {
  return (
    <button type="button" onClick={onSort} className="inline-flex items-center gap-1 font-semibold hover:underline"
      aria-pressed={active !== null}>
      {label}<span aria-hidden="true">{active === 'asc' ? '▲' : active === 'desc' ? '▼' : '↕'}</span>
    </button>
  );
}
