import type { ReactNode } from 'react';
import { ErrorState, Skeleton } from '../States';
import { translate } from '../../lib/i18n';

interface QueryLike<T> {
  data?: T[];
  isPending: boolean;
  isError: boolean;
  error: unknown;
  refetch: () => unknown;
}

/**
 * A labelled data table with the three states every staff list has: skeleton rows while
 * loading, an error with retry, and an empty message.
 */
export function AdminTable<T>({ caption, head, query, row, empty, testId }: {
  caption: string;
  head: ReactNode[];
  query: QueryLike<T>;
  row: (item: T, index: number) => ReactNode;
  empty?: string;
  testId?: string;
}) {
  const cols = head.length;
  let body: ReactNode;
  if (query.isError) {
    body = <tr><td colSpan={cols} className="p-3"><ErrorState error={query.error} onRetry={() => query.refetch()} /></td></tr>;
  } else if (query.isPending || !query.data) {
    body = Array.from({ length: 5 }, (_, i) => (
      <tr key={i} data-testid="skeleton-row"><td colSpan={cols} className="p-2"><Skeleton className="h-6 w-full" /></td></tr>
    ));
  } else if (query.data.length === 0) {
    body = <tr><td colSpan={cols} className="p-6 text-center text-slate-600">{empty ?? translate('common.empty')}</td></tr>;
  } else {
    body = query.data.map(row);
  }
  return (
    <div className="overflow-x-auto rounded-lg bg-white shadow-sm">
      <table className="w-full text-left text-sm" data-testid={testId} aria-busy={query.isPending || undefined}>
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-100 text-slate-700">
          <tr>{head.map((h, i) => <th key={i} scope="col" className="px-3 py-2 font-semibold">{h}</th>)}</tr>
        </thead>
        <tbody className="divide-y divide-slate-100">{body}</tbody>
      </table>
    </div>
  );
}

/** A table cell with the usual padding. */
export function Td({ children, className = '' }: { children?: ReactNode; className?: string }) {
  return <td className={`px-3 py-2 align-top ${className}`}>{children}</td>;
}
