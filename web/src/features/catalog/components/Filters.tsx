import { useEffect, useState, type FormEvent } from 'react';
import { useBrands } from '../api/get-brands';
import { translate } from '../../../lib/i18n';

export interface FilterValues {
  brand: string;
  price_min: string;
  price_max: string;
  in_stock: boolean;
}

/** Brand, price range and stock filters; applying writes them to the URL through `onApply`. */
export function Filters({ value, onApply, error }: { value: FilterValues; onApply: (v: FilterValues) => void; error?: unknown }) {
  const brands = useBrands();
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value.brand, value.price_min, value.price_max, value.in_stock]); // only when the applied filters change, not on every new value object
  const submit = (e: FormEvent) => { e.preventDefault(); onApply(draft); };
  void error;
  return (
    <form onSubmit={submit} className="space-y-3" aria-label={translate('catalog.filters')}>
      <h2 className="font-bold">{translate('catalog.filters')}</h2>
      <label className="block text-sm">
        {translate('catalog.brand')}
        <select name="brand" value={draft.brand} onChange={(e) => onApply({ ...draft, brand: e.target.value })}
          className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-2">
          <option value="">{translate('catalog.allBrands')}</option>
          {brands.data?.data.filter((b) => b.product_count > 0).map((b) => <option key={b.id} value={b.slug}>{b.name}</option>)}
        </select>
      </label>
      <div className="grid grid-cols-2 gap-2">
        <label className="block text-sm">
          {translate('catalog.priceMin')}
          <input name="price_min" type="number" min={0} inputMode="numeric" value={draft.price_min}
            onChange={(e) => setDraft({ ...draft, price_min: e.target.value })}
            className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-2" />
        </label>
        <label className="block text-sm">
          {translate('catalog.priceMax')}
          <input name="price_max" type="number" min={0} inputMode="numeric" value={draft.price_max}
            onChange={(e) => setDraft({ ...draft, price_max: e.target.value })}
            className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-2" />
        </label>
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="in_stock" checked={draft.in_stock}
          onChange={(e) => onApply({ ...draft, in_stock: e.target.checked })} className="h-4 w-4" />
        {translate('catalog.inStock')}
      </label>
      <div className="flex gap-2">
        <button type="submit" className="rounded-md bg-indigo-700 px-3 py-2 text-sm font-semibold text-white">{translate('catalog.apply')}</button>
        <button type="button" onClick={() => onApply({ brand: '', price_min: '', price_max: '', in_stock: false })}
          className="rounded-md border border-slate-300 px-3 py-2 text-sm">{translate('catalog.clear')}</button>
      </div>
    </form>
  );
}
