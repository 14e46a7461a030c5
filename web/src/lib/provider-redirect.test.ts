import { describe, expect, it, vi } from 'vitest';
import { goToProvider } from './provider-redirect';

describe('goToProvider', () => {
  it('posts the fields to the provider in a hidden form', () => {
    const submit = vi.spyOn(HTMLFormElement.prototype, 'submit').mockImplementation(() => {});
    goToProvider({ type: 'redirect', url: 'https://webpay3gint.transbank.cl/webpayserver/initTransaction', method: 'POST', fields: { token_ws: 'abc123' } });
    const form = document.body.querySelector('form')!;
    expect(form.method).toBe('post');
    expect(form.action).toBe('https://webpay3gint.transbank.cl/webpayserver/initTransaction');
    expect((form.querySelector('input[name="token_ws"]') as HTMLInputElement).value).toBe('abc123');
    expect(submit).toHaveBeenCalledOnce();
    form.remove();
    submit.mockRestore();
  });

  it('navigates to a GET redirect with the fields in the query', () => {
    const assign = vi.fn();
    const doc = { location: { assign } } as unknown as Document;
    goToProvider({ type: 'redirect', url: 'https://checkout.stripe.com/c/pay/cs_1', method: 'GET', fields: { a: 'b c' } }, doc);
    expect(assign).toHaveBeenCalledWith('https://checkout.stripe.com/c/pay/cs_1?a=b+c');
  });
});
