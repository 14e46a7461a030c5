import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useReviews } from '../api/get-reviews';
import { useCreateReview } from '../api/create-review';
import { useSession } from '../../../lib/use-session';
import { ApiError } from '../../../lib/api-client';
import { translate } from '../../../lib/i18n';
import { formatDate } from '../../../lib/format';
import { Stars } from '../../../components/Stars';
import { SelectField, TextAreaField, TextField } from '../../../components/Field';
import { Button } from '../../../components/Button';
import { FormError } from '../../../components/FormError';
import { Skeleton } from '../../../components/States';

/** Published reviews with the rating summary, and the form for verified buyers; `onCreated` runs after a review is posted. */
export function Reviews({ productId, onCreated }: { productId: number; onCreated?: () => void }) {
  const reviews = useReviews(productId);
  const s = useSession();
  const summary = reviews.data?.summary;
  return (
    <section aria-labelledby="reviews-title" className="mt-10">
      <h2 id="reviews-title" className="text-xl font-bold">{translate('product.reviews')}</h2>
      {reviews.isPending ? <Skeleton className="mt-3 h-24" /> : summary && summary.reviews_count > 0 ? (
        <div className="mt-3 grid gap-6 md:grid-cols-3">
          <div>
            <p className="text-4xl font-bold">{summary.rating_avg?.toFixed(1)}</p>
            <Stars rating={summary.rating_avg} count={summary.reviews_count} />
            <ul className="mt-2 space-y-1 text-sm">
              {[5, 4, 3, 2, 1].map((n) => (
                <li key={n} className="flex items-center gap-2">
                  <span className="w-6">{n}★</span>
                  <span className="h-2 flex-1 rounded bg-slate-200">
                    <span className="block h-2 rounded bg-amber-500" style={{ width: `${(100 * (summary.distribution[n] ?? 0)) / summary.reviews_count}%` }} />
                  </span>
                  <span className="w-6 text-right">{summary.distribution[n] ?? 0}</span>
                </li>
              ))}
            </ul>
          </div>
          <ul className="space-y-4 md:col-span-2">
            {reviews.data!.data.map((r) => (
              <li key={r.id} className="border-b border-slate-200 pb-3" data-testid="review">
                <Stars rating={r.rating} />
                {r.title && <p className="font-semibold">{r.title}</p>}
                {r.body && <p className="whitespace-pre-line text-slate-800">{r.body}</p>}
                <p className="mt-1 text-xs text-slate-600">
                  {r.author.name} · {formatDate(r.created_at)}
                  {r.verified_purchase && <span className="ml-2 font-semibold text-green-800">✓ {translate('product.verified')}</span>}
                </p>
              </li>
            ))}
          </ul>
        </div>
      ) : <p className="mt-2 text-slate-600">{translate('product.noReviews')}</p>}
      {s ? <ReviewForm productId={productId} onCreated={onCreated} /> : (
        <p className="mt-4 text-sm"><Link to="/ingresar" className="text-indigo-700 underline">{translate('product.reviewLogin')}</Link></p>
      )}
    </section>
  );
}

function ReviewForm({ productId, onCreated }: { productId: number; onCreated?: () => void }) {
  const [open, setOpen] = useState(false);
  const [rating, setRating] = useState('5');
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const create = useCreateReview(productId, onCreated);
  if (create.isSuccess) return <p role="status" className="mt-4 text-green-800">{translate('product.reviewThanks')}</p>;
  const err = create.error;
  if (err instanceof ApiError && (err.slug === 'not_verified_buyer' || err.slug === 'already_reviewed')) {
    return <p role="status" className="mt-4 text-slate-700">{err.slug === 'not_verified_buyer' ? translate('product.reviewNotEligible') : err.detail}</p>;
  }
  if (!open) return <Button variant="secondary" className="mt-4" onClick={() => setOpen(true)}>{translate('product.writeReview')}</Button>;
  const submit = (e: FormEvent) => { e.preventDefault(); create.mutate({ rating: Number(rating), title, body }); };
  return (
    <form onSubmit={submit} className="mt-4 max-w-lg space-y-3" aria-label={translate('product.writeReview')}>
      <FormError error={err} />
      <SelectField label={translate('product.reviewRating')} name="rating" value={rating} onChange={(e) => setRating(e.target.value)} error={err}>
        {[5, 4, 3, 2, 1].map((n) => <option key={n} value={n}>{'★'.repeat(n)} ({n})</option>)}
      </SelectField>
      <TextField label={translate('product.reviewTitle')} name="title" value={title} onChange={(e) => setTitle(e.target.value)} error={err} />
      <TextAreaField label={translate('product.reviewBody')} name="body" rows={4} value={body} onChange={(e) => setBody(e.target.value)} error={err} />
      <Button type="submit" disabled={create.isPending}>{translate('product.reviewSend')}</Button>
    </form>
  );
}
