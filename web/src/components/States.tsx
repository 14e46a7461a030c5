import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../lib/api-client';
import { translate } from '../lib/i18n';

export function Skeleton({ className = '' }: { className?: string }) {
  return <div aria-hidden="true" className={`animate-pulse rounded bg-slate-200 ${className}`} />;
}

export function Loading() {
  return <p role="status" className="p-6 text-slate-600">{translate('common.loading')}</p>;
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const status = error instanceof ApiError ? error.status : 0;
  if (status === 404) return <NotFound />;
  const text = status === 0 ? translate('common.networkError') : translate('common.error');
  return (
    <div role="alert" className="rounded-md border border-red-200 bg-red-50 p-6 text-center">
      <p className="text-red-800">{text}</p>
      {onRetry && (
        <button type="button" onClick={onRetry} className="mt-3 rounded-md bg-red-700 px-4 py-2 text-sm font-semibold text-white">
          {translate('common.retry')}
        </button>
      )}
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="rounded-md border border-dashed border-slate-300 p-8 text-center">
      <p className="text-lg font-medium text-slate-800">{title}</p>
      {children && <div className="mt-2 text-slate-600">{children}</div>}
    </div>
  );
}

export function NotFound() {
  return (
    <div className="mx-auto max-w-xl p-10 text-center">
      <h1 className="text-2xl font-bold">{translate('common.notFound')}</h1>
      <Link to="/" className="mt-4 inline-block text-indigo-700 underline">{translate('common.home')}</Link>
    </div>
  );
}
