import { useEffect, useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { useSuggestions, type Suggestion } from '../api/get-suggestions';
import { useDebouncedValue } from '../../../lib/use-debounced-value';
import { translate } from '../../../lib/i18n';

function suggestionPath(s: Suggestion): string {
  if (s.type === 'product') return `/producto/${s.slug}`;
  if (s.type === 'category') return `/categoria/${s.slug}`;
  return `/buscar?q=${encodeURIComponent(s.text)}&brand=${encodeURIComponent(s.slug)}`;
}

/** The header search: an ARIA combobox with debounced autocomplete. */
export function SearchBox() {
  const location = useLocation();
  const navigate = useNavigate();
  const initial = location.pathname === '/buscar' ? new URLSearchParams(location.search).get('q') ?? '' : '';
  const [text, setText] = useState(initial);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const debounced = useDebouncedValue(text, 250);
  const suggestions = useSuggestions(debounced);
  const list = open && text.trim().length >= 2 ? suggestions.data?.suggestions ?? [] : [];
  const listId = useId();

  useEffect(() => { setActive(-1); }, [debounced]);
  useEffect(() => { setText(initial); setOpen(false); }, [location.pathname, initial]);

  const go = (path: string) => { setOpen(false); navigate(path); };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (active >= 0 && list[active]) return go(suggestionPath(list[active]));
    if (text.trim()) go(`/buscar?q=${encodeURIComponent(text.trim())}`);
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') { e.preventDefault(); setOpen(true); setActive((a) => Math.min(list.length - 1, a + 1)); }
    else if (e.key === 'ArrowUp') { e.preventDefault(); setActive((a) => Math.max(-1, a - 1)); }
    else if (e.key === 'Escape') { setOpen(false); setActive(-1); }
  };

  return (
    <form role="search" onSubmit={submit} className="relative w-full">
      <label htmlFor={`${listId}-input`} className="sr-only">{translate('search.label')}</label>
      <input
        id={`${listId}-input`}
        type="search"
        name="q"
        role="combobox"
        aria-expanded={list.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={active >= 0 ? `${listId}-${active}` : undefined}
        autoComplete="off"
        placeholder={translate('search.placeholder')}
        value={text}
        onChange={(e) => { setText(e.target.value); setOpen(true); }}
        onKeyDown={onKey}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        className="w-full rounded-full border border-slate-300 px-4 py-2 text-base text-slate-900 focus:outline-none focus:ring-2 focus:ring-indigo-600"
      />
      <ul id={listId} role="listbox" aria-label={translate('search.label')}
        className={list.length ? 'absolute z-40 mt-1 w-full overflow-hidden rounded-lg border border-slate-200 bg-white text-slate-900 shadow-lg' : 'hidden'}>
        {list.map((s, i) => (
          <li key={`${s.type}-${s.slug}`} id={`${listId}-${i}`} role="option" aria-selected={i === active}
            onMouseDown={(e) => { e.preventDefault(); go(suggestionPath(s)); }}
            className={`cursor-pointer px-4 py-2 text-sm ${i === active ? 'bg-indigo-50' : ''}`}>
            {s.text}
            {s.type !== 'product' && <span className="ml-2 text-xs text-slate-600">{s.type === 'brand' ? translate('catalog.brand') : translate('nav.categories')}</span>}
          </li>
        ))}
      </ul>
    </form>
  );
}
