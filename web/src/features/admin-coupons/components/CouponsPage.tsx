import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { useCoupons, type Coupon } from '../api/list-coupons';
import { useCreateCoupon } from '../api/create-coupon';
import { useUpdateCoupon } from '../api/update-coupon';
import { useDeleteCoupon } from '../api/delete-coupon';
import { CouponForm } from './CouponForm';
import { draftFromCoupon, emptyCoupon } from './coupon-payload';
import { Button } from '../../../components/Button';
import { FormError } from '../../../components/FormError';
import { Pagination } from '../../../components/Pagination';
import { AdminTable, Td } from '../../../components/admin/AdminTable';
import { Notice, confirmAction } from '../../../components/admin/Notice';
import { ReadOnlyBanner } from '../../../components/admin/ReadOnlyBanner';
import { hasRole } from '../../../lib/session';
import { useSession } from '../../../lib/use-session';
import { formatDate, formatMoney } from '../../../lib/format';
import { translate } from '../../../lib/i18n';

const valueText = (c: Coupon) => (c.type === 'percentage' ? `${c.value} %` : c.type === 'fixed' ? formatMoney(c.value) : translate('coupons.type.free_shipping'));

export default function CouponsPage() {
  const s = useSession();
  const canWrite = hasRole(s?.user.role, 'admin');
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [search, setSearch] = useState(q);
  const coupons = useCoupons({ q: q || undefined, page });
  const create = useCreateCoupon();
  const update = useUpdateCoupon();
  const del = useDeleteCoupon();
  const [editing, setEditing] = useState<Coupon | null>(null);
  const [formKey, setFormKey] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);
  const reset = (text: string) => { setNotice(text); setEditing(null); setFormKey((k) => k + 1); };
  const onSearch = (e: FormEvent) => { e.preventDefault(); setParams(search.trim() ? { q: search.trim() } : {}); };
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-bold">{translate('admin.coupons')}</h1>
      {!canWrite && <ReadOnlyBanner />}
      <form role="search" onSubmit={onSearch} className="flex max-w-lg items-end gap-2">
        <div className="flex-1">
          <label htmlFor="coupon-search" className="block text-sm font-medium">{translate('common.search')}: {translate('coupons.code')}</label>
          <input id="coupon-search" type="search" value={search} onChange={(e) => setSearch(e.target.value)} className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2" />
        </div>
        <Button type="submit">{translate('common.search')}</Button>
      </form>
      <Notice text={notice} />
      <FormError error={del.error} />
      <div className={canWrite ? 'grid gap-6 xl:grid-cols-[3fr_2fr]' : ''}>
        <div>
          <AdminTable caption={translate('admin.coupons')} query={{ ...coupons, data: coupons.data?.data }} testId="coupons-table"
            head={[translate('coupons.code'), translate('coupons.type'), translate('coupons.value'), translate('coupons.used'), translate('coupons.endsAt'), translate('common.status'), ...(canWrite ? [translate('common.actions')] : [])]}
            row={(c) => (
              <tr key={c.id}>
                <Td className="font-mono">{c.code}</Td><Td>{translate(`coupons.type.${c.type}`)}</Td><Td>{valueText(c)}</Td>
                <Td>{c.times_used}{c.usage_limit ? ` / ${c.usage_limit}` : ''}</Td><Td>{formatDate(c.ends_at)}</Td>
                <Td>{c.is_active ? translate('common.active') : translate('common.inactive')}</Td>
                {canWrite && (
                  <Td>
                    <div className="flex gap-2">
                      <Button variant="link" onClick={() => { update.reset(); setEditing(c); setFormKey((k) => k + 1); }} aria-label={`${translate('common.edit')} ${c.code}`}>{translate('common.edit')}</Button>
                      <Button variant="link" disabled={del.isPending} aria-label={`${translate('common.delete')} ${c.code}`}
                        onClick={() => confirmAction(translate('coupons.deleteConfirm', { code: c.code })) && del.mutate(c.id, { onSuccess: () => setNotice(translate('common.deleted')) })}>{translate('common.delete')}</Button>
                    </div>
                  </Td>
                )}
              </tr>
            )} />
          {coupons.data && <Pagination page={page} pages={coupons.data.pagination.pages} onPage={(n) => setParams({ ...(q ? { q } : {}), page: String(n) })} />}
        </div>
        {canWrite && (editing
          ? <CouponForm key={`e${formKey}`} title={translate('coupons.editing', { code: editing.code })} initial={draftFromCoupon(editing)} pending={update.isPending} error={update.error}
              onSubmit={(body) => update.mutate({ id: editing.id, body }, { onSuccess: () => reset(translate('common.changesSaved')) })} onCancel={() => setEditing(null)} />
          : <CouponForm key={`n${formKey}`} title={translate('coupons.new')} initial={emptyCoupon()} pending={create.isPending} error={create.error}
              onSubmit={(body) => create.mutate(body, { onSuccess: (c) => reset(`${translate('common.created')} ${c.code}`) })} />)}
      </div>
    </section>
  );
}
