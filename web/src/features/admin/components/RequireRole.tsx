import type { ReactNode } from 'react';
import { hasRole, type Role } from '../../../lib/session';
import { useSession } from '../../../lib/use-session';
import { translate } from '../../../lib/i18n';

/** Renders its children only for `role` and above; others see a refusal. */
export function RequireRole({ role, children }: { role: Role; children: ReactNode }) {
  const s = useSession();
  if (!hasRole(s?.user.role, role)) {
    return <p role="alert" className="rounded-md border border-red-200 bg-red-50 p-6 text-red-800" data-testid="admin-forbidden">{translate('admin.forbidden')}</p>;
  }
  return <>{children}</>;
}
