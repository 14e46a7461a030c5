import { useState } from 'react';
import { useStaffReviews, type ReviewStatus } from '../api/list-staff-reviews';
import { useModerateReview } from '../api/moderate-review';
import { Button } from '../../../components/Button';
import { FormError } from '../../../components/FormError';
import { Pagination } from '../../../components/Pagination';
import { AdminTable, Td } from '../../../components/admin/AdminTable';
import { Notice, confirmAction } from '../../../components/admin/Notice';
import { formatDateTime } from '../../../lib/format';
import { translate } from '../../../lib/i18n';

const STATUSES: ReviewStatus[] = ['pending', 'published', 'hidden'];

export default function ReviewsPage() {
  const [status, setStatus] = useState<ReviewStatus>('pending');
  const [page, setPage] = useState(1);
  const reviews = useStaffReviews(status, page);
  const moderate = useModerateReview();
  const [notice, setNotice] = useState<string | null>(null);
  const act = (id: number, to: 'published' | 'hidden') =>
    moderate.mutate({ id, status: to }, { onSuccess: (r) => setNotice(`${r.product_name}: ${translate(`reviews.${r.status}`)}`) });
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-bold">{translate('admin.reviews')}</h1>
      <div role="group" aria-label={translate('common.status')} className="inline-flex overflow-hidden rounded-md border border-slate-300 bg-white">
        {STATUSES.map((s) => (
          <button key={s} type="button" aria-pressed={status === s} onClick={() => { setStatus(s); setPage(1); }}
            className={`px-4 py-2 text-sm ${status === s ? 'bg-indigo-700 text-white' : 'hover:bg-slate-50'}`}>{translate(`reviews.${s}`)}</button>
        ))}
      </div>
      <Notice text={notice} />
      <FormError error={moderate.error} />
      <AdminTable caption={translate('admin.reviews')} query={{ ...reviews, data: reviews.data?.data }} empty={translate('reviews.empty')} testId="reviews-table"
        head={[translate('reviews.product'), translate('reviews.rating'), translate('admin.reviews'), translate('common.date'), translate('common.actions')]}
        row={(r) => (
          <tr key={r.id} data-testid="review-row">
            <Td>{r.product_name}<br /><span className="text-xs text-slate-600">{r.author.name}{r.verified_purchase ? ` · ${translate('reviews.verified')}` : ''}</span></Td>
            <Td><span aria-label={`${r.rating} / 5`}>{'★'.repeat(r.rating)}{'☆'.repeat(5 - r.rating)}</span></Td>
            <Td className="max-w-md">{r.title && <strong className="block">{r.title}</strong>}<span className="whitespace-pre-line">{r.body}</span></Td>
            <Td>{formatDateTime(r.created_at)}</Td>
            <Td>
              <div className="flex flex-col gap-1">
                {r.status !== 'published' && <Button variant="secondary" className="px-2 py-1" disabled={moderate.isPending} aria-label={`${translate('reviews.publish')}: ${r.title ?? r.product_name}`} onClick={() => act(r.id, 'published')}>{translate('reviews.publish')}</Button>}
                {r.status !== 'hidden' && <Button variant="secondary" className="px-2 py-1" disabled={moderate.isPending} aria-label={`${translate('reviews.hide')}: ${r.title ?? r.product_name}`}
                  onClick={() => (r.status !== 'published' || confirmAction(`${translate('reviews.hide')}?`)) && act(r.id, 'hidden')}>{translate('reviews.hide')}</Button>}
              </div>
            </Td>
          </tr>
        )} />
      {reviews.data && <Pagination page={page} pages={reviews.data.pagination.pages} onPage={setPage} />}
    </section>
  );
}
