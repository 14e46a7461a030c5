import { translate } from '../../lib/i18n';

/** Shown on pages whose data the signed-in role may read but not change. */
export function ReadOnlyBanner() {
  return <p className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900" data-testid="read-only">{translate('common.readOnly')}</p>;
}
