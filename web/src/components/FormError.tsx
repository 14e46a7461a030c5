import { ApiError } from '../lib/api-client';
import { translate } from '../lib/i18n';

/** The error of a whole form: the problem's detail, or a network message. Field errors show on fields. */
export function FormError({ error }: { error: unknown }) {
  if (!error) return null;
  let text: string;
  if (error instanceof ApiError) {
    if (error.status === 0) text = translate('common.networkError');
    else if (error.isValidation && error.fieldErrors.length) text = error.detail === 'The request has invalid fields.'
      ? 'Revisa los campos marcados.' : error.detail;
    else text = error.detail;
  } else {
    text = translate('common.error');
  }
  return (
    <div role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-800">
      {text}
    </div>
  );
}
