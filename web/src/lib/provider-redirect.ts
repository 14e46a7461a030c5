import type { RedirectAction } from './types';

/**
 * Sends the browser to a payment provider's own page: a form POST of `fields` (Webpay's
 * token_ws) or a plain navigation with them in the query (Stripe Checkout). The form is built
 * here, so no inline script is needed and the CSP stays strict (its form-action names the
 * provider's host).
 */
export function goToProvider(action: RedirectAction, doc: Document = document): void {
  if (action.method === 'GET') {
    const url = new URL(action.url);
    for (const [k, v] of Object.entries(action.fields)) url.searchParams.set(k, v);
    doc.location.assign(url.toString());
    return;
  }
  const form = doc.createElement('form');
  form.method = 'POST';
  form.action = action.url;
  form.hidden = true;
  for (const [name, value] of Object.entries(action.fields)) {
    const input = doc.createElement('input');
    input.type = 'hidden';
    input.name = name;
    input.value = value;
    form.appendChild(input);
  }
  doc.body.appendChild(form);
  form.submit();
}
