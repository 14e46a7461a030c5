import type { ReactNode } from 'react';

export function AuthCard({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="mx-auto max-w-md px-4 py-10">
      <h1 className="mb-6 text-2xl font-bold">{title}</h1>
      <div className="rounded-lg border border-slate-200 p-6 shadow-sm">{children}</div>
    </div>
  );
}
