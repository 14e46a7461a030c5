import { useState, type FormEvent } from 'react';
import { useWarehouseList, type Warehouse } from '../api/list-warehouses';
import { useCreateWarehouse, type WarehousePayload } from '../api/create-warehouse';
import { useUpdateWarehouse } from '../api/update-warehouse';
import { useStockAlerts } from '../api/list-stock-alerts';
import { useAdjustInventory } from '../api/adjust-inventory';
import { useStockLevels } from '../api/get-stock-levels';
import { SelectField, TextField } from '../../../components/Field';
import { Button } from '../../../components/Button';
import { FormError } from '../../../components/FormError';
import { Pagination } from '../../../components/Pagination';
import { AdminTable, Td } from '../../../components/admin/AdminTable';
import { Notice } from '../../../components/admin/Notice';
import { formatDateTime } from '../../../lib/format';
import { useDebouncedValue } from '../../../lib/use-debounced-value';
import { translate } from '../../../lib/i18n';

interface WDraft { id?: number; code: string; name: string; city: string; region: string; priority: string; is_active: boolean }
const blankW: WDraft = { code: '', name: '', city: '', region: '', priority: '100', is_active: true };

function Warehouses() {
  const list = useWarehouseList();
  const create = useCreateWarehouse();
  const update = useUpdateWarehouse();
  const [d, setD] = useState<WDraft>(blankW);
  const [notice, setNotice] = useState<string | null>(null);
  const save = d.id ? update : create;
  const set = (k: keyof WDraft) => (e: { target: { value: string } }) => setD({ ...d, [k]: e.target.value });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body: WarehousePayload = { name: d.name.trim(), city: d.city.trim(), region: d.region.trim(), priority: /^\d+$/.test(d.priority) ? Number(d.priority) : d.priority, is_active: d.is_active };
    const ok = (t: string) => () => { setNotice(t); setD(blankW); };
    if (d.id) update.mutate({ id: d.id, body }, { onSuccess: ok(translate('common.changesSaved')) });
    else create.mutate({ ...body, code: d.code.trim() }, { onSuccess: ok(translate('common.created')) });
  };
  const edit = (w: Warehouse) => { create.reset(); update.reset(); setD({ id: w.id, code: w.code, name: w.name, city: w.city, region: w.region, priority: String(w.priority), is_active: w.is_active }); };
  return (
    <section aria-labelledby="wh-title" className="space-y-3">
      <h2 id="wh-title" className="text-xl font-semibold">{translate('inventory.warehouses')}</h2>
      <Notice text={notice} />
      <div className="grid gap-4 lg:grid-cols-[2fr_1fr]">
        <AdminTable caption={translate('inventory.warehouses')} query={{ ...list, data: list.data?.data }}
          head={[translate('inventory.code'), translate('common.name'), translate('inventory.city'), translate('inventory.priority'), translate('common.status'), translate('common.actions')]}
          row={(w) => (
            <tr key={w.id}>
              <Td className="font-mono text-xs">{w.code}</Td><Td>{w.name}</Td><Td>{w.city}, {w.region}</Td><Td>{w.priority}</Td>
              <Td>{w.is_active ? translate('common.active') : translate('common.inactive')}</Td>
              <Td><Button variant="link" onClick={() => edit(w)} aria-label={`${translate('common.edit')} ${w.code}`}>{translate('common.edit')}</Button></Td>
            </tr>
          )} />
        <form onSubmit={submit} noValidate className="space-y-3 rounded-lg bg-white p-4 shadow-sm" aria-labelledby="wh-form-title">
          <h3 id="wh-form-title" className="font-semibold">{d.id ? `${translate('common.edit')}: ${d.code}` : translate('inventory.newWarehouse')}</h3>
          <FormError error={save.error} />
          <TextField label={translate('inventory.code')} name="code" value={d.code} onChange={set('code')} error={save.error} disabled={!!d.id} />
          <TextField label={translate('common.name')} name="name" value={d.name} onChange={set('name')} error={save.error} />
          <TextField label={translate('inventory.city')} name="city" value={d.city} onChange={set('city')} error={save.error} />
          <TextField label={translate('inventory.region')} name="region" value={d.region} onChange={set('region')} error={save.error} />
          <TextField label={translate('inventory.priority')} name="priority" inputMode="numeric" value={d.priority} onChange={set('priority')} error={save.error} />
          <label className="flex items-center gap-2 text-sm"><input type="checkbox" checked={d.is_active} onChange={(e) => setD({ ...d, is_active: e.target.checked })} /> {translate('common.active')}</label>
          <div className="flex gap-2">
            <Button type="submit" disabled={save.isPending}>{save.isPending ? translate('common.saving') : d.id ? translate('common.save') : translate('common.create')}</Button>
            {d.id && <Button variant="secondary" onClick={() => setD(blankW)}>{translate('common.cancel')}</Button>}
          </div>
        </form>
      </div>
    </section>
  );
}

function Alerts({ onRestock }: { onRestock: (sku: string, warehouse: string) => void }) {
  const [status, setStatus] = useState<'open' | 'resolved'>('open');
  const [page, setPage] = useState(1);
  const alerts = useStockAlerts(status, page);
  return (
    <section aria-labelledby="alerts-title" className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="alerts-title" className="text-xl font-semibold">{translate('inventory.alerts')}</h2>
        <div role="group" aria-label={translate('common.status')} className="inline-flex overflow-hidden rounded-md border border-slate-300 bg-white">
          {(['open', 'resolved'] as const).map((s) => (
            <button key={s} type="button" aria-pressed={status === s} onClick={() => { setStatus(s); setPage(1); }}
              className={`px-3 py-1.5 text-sm ${status === s ? 'bg-indigo-700 text-white' : 'hover:bg-slate-50'}`}>{translate(`inventory.${s}`)}</button>
          ))}
        </div>
      </div>
      <AdminTable caption={translate('inventory.alerts')} query={{ ...alerts, data: alerts.data?.data }} empty={translate('inventory.noAlerts')} testId="alerts-table"
        head={['SKU', translate('admin.products'), translate('inventory.warehouse'), translate('inventory.available'), translate('inventory.reorderPoint'), translate('common.date'), translate('common.actions')]}
        row={(a) => (
          <tr key={a.id}>
            <Td className="font-mono text-xs">{a.sku}</Td><Td>{a.name}</Td><Td>{a.warehouse}</Td>
            <Td className={a.available <= a.reorder_point ? 'font-semibold text-red-700' : ''}>{a.available}</Td><Td>{a.reorder_point}</Td>
            <Td>{formatDateTime(a.created_at)}</Td>
            <Td>{a.status === 'open' && <Button variant="link" onClick={() => onRestock(a.sku, a.warehouse)} aria-label={`${translate('inventory.restock')} ${a.sku}`}>{translate('inventory.restock')}</Button>}</Td>
          </tr>
        )} />
      {alerts.data && <Pagination page={page} pages={alerts.data.pagination.pages} onPage={setPage} />}
    </section>
  );
}

function AdjustForm({ initial, warehouses }: { initial: { sku: string; warehouse: string; n: number }; warehouses: Warehouse[] }) {
  const adjust = useAdjustInventory();
  const [d, setD] = useState({ sku: initial.sku, warehouse: initial.warehouse || warehouses[0]?.code || '', delta: '', reason: '' });
  const [notice, setNotice] = useState<string | null>(null);
  const set = (k: keyof typeof d) => (e: { target: { value: string } }) => setD({ ...d, [k]: e.target.value });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const delta = /^[-+]?\d+$/.test(d.delta.trim()) ? Number(d.delta.trim()) : d.delta;
    adjust.mutate({ sku: d.sku.trim(), warehouse: d.warehouse, delta, reason: d.reason.trim() }, {
      onSuccess: (r) => { setNotice(translate('inventory.adjusted', { sku: r.sku, warehouse: r.warehouse, quantity: r.quantity })); setD({ ...d, delta: '', reason: '' }); },
    });
  };
  return (
    <form id="adjust" onSubmit={submit} noValidate className="space-y-3 rounded-lg bg-white p-4 shadow-sm" aria-labelledby="adjust-title">
      <h2 id="adjust-title" className="text-xl font-semibold">{translate('inventory.adjust')}</h2>
      <Notice text={notice} />
      <FormError error={adjust.error} />
      <div className="grid gap-3 sm:grid-cols-4">
        <TextField label="SKU" name="sku" value={d.sku} onChange={set('sku')} error={adjust.error} />
        <SelectField label={translate('inventory.warehouse')} name="warehouse" value={d.warehouse} onChange={set('warehouse')} error={adjust.error}>
          {warehouses.map((w) => <option key={w.id} value={w.code}>{w.code} · {w.name}</option>)}
        </SelectField>
        <TextField label={translate('inventory.delta')} name="delta" inputMode="numeric" value={d.delta} onChange={set('delta')} error={adjust.error} />
        <TextField label={translate('inventory.reason')} name="reason" value={d.reason} onChange={set('reason')} error={adjust.error} />
      </div>
      <Button type="submit" disabled={adjust.isPending}>{adjust.isPending ? translate('common.saving') : translate('inventory.adjust')}</Button>
    </form>
  );
}

const LEVELS_PER_PAGE = 50;

function Levels({ warehouses }: { warehouses: Warehouse[] }) {
  const [filter, setFilter] = useState('');
  const [warehouse, setWarehouse] = useState('');
  const [lowStock, setLowStock] = useState(false);
  const q = useDebouncedValue(filter.trim());
  // The page belongs to one filter: a new filter starts again from its first page.
  const filterKey = JSON.stringify([q, warehouse, lowStock]);
  const [paged, setPaged] = useState({ filterKey, page: 1 });
  const page = paged.filterKey === filterKey ? paged.page : 1;
  const setPage = (p: number) => setPaged({ filterKey, page: p });
  const levels = useStockLevels({ page, limit: LEVELS_PER_PAGE, q: q || undefined, warehouse: warehouse || undefined, low_stock: lowStock || undefined });
  const pagination = levels.data?.pagination;
  return (
    <section aria-labelledby="levels-title" className="space-y-3">
      <h2 id="levels-title" className="text-xl font-semibold">{translate('inventory.levels')}</h2>
      <div className="flex flex-wrap items-end gap-4">
        <div className="w-full max-w-md">
          <label htmlFor="levels-filter" className="block text-sm font-medium">{translate('inventory.levelsFilter')}</label>
          <input id="levels-filter" type="search" value={filter} onChange={(e) => setFilter(e.target.value)} className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2" />
        </div>
        <div>
          <label htmlFor="levels-warehouse" className="block text-sm font-medium">{translate('inventory.warehouse')}</label>
          <select id="levels-warehouse" value={warehouse} onChange={(e) => setWarehouse(e.target.value)} className="mt-1 block rounded-md border border-slate-300 bg-white px-3 py-2">
            <option value="">{translate('inventory.allWarehouses')}</option>
            {warehouses.map((w) => <option key={w.id} value={w.code}>{w.code} · {w.name}</option>)}
          </select>
        </div>
        <label className="flex items-center gap-2 pb-2 text-sm">
          <input type="checkbox" checked={lowStock} onChange={(e) => setLowStock(e.target.checked)} /> {translate('inventory.lowStockOnly')}
        </label>
      </div>
      {pagination && <p className="text-sm text-slate-600" role="status">{translate('common.total', { n: pagination.total })}</p>}
      <AdminTable caption={translate('inventory.levels')} query={{ ...levels, data: levels.data?.data }} empty={translate('inventory.noLevels')} testId="levels-table"
        head={['SKU', translate('admin.products'), translate('inventory.warehouse'), translate('products.quantity'), translate('inventory.reserved'), translate('inventory.available'), translate('inventory.reorderPoint')]}
        row={(r) => (
          <tr key={r.inventory_id} className={r.active ? '' : 'text-slate-500'}>
            <Td className="font-mono text-xs">{r.sku}</Td>
            <Td>{r.product}{r.variant ? ` · ${r.variant}` : ''}{r.active ? '' : ` (${translate('common.inactive')})`}</Td><Td>{r.warehouse}</Td>
            <Td>{r.quantity}</Td><Td>{r.reserved}</Td><Td className={r.low_stock ? 'font-semibold text-red-700' : ''}>{r.available}</Td><Td>{r.reorder_point}</Td>
          </tr>
        )} />
      {pagination && <Pagination page={page} pages={pagination.pages} onPage={setPage} />}
    </section>
  );
}

export default function InventoryPage() {
  const warehouses = useWarehouseList();
  const [target, setTarget] = useState({ sku: '', warehouse: '', n: 0 });
  return (
    <section className="space-y-8">
      <h1 className="text-2xl font-bold">{translate('admin.inventory')}</h1>
      <Alerts onRestock={(sku, warehouse) => { setTarget({ sku, warehouse, n: target.n + 1 }); document.getElementById('adjust')?.scrollIntoView(); }} />
      {warehouses.data && <AdjustForm key={target.n} initial={target} warehouses={warehouses.data.data} />}
      <Levels warehouses={warehouses.data?.data ?? []} />
      <Warehouses />
    </section>
  );
}
