import { describe, expect, it, vi } from 'vitest';
import { ApiError, apiRawRequest, apiRequest, buildUrl, toPointer } from './api-client';
import { session } from './session';
import { jsonResponse } from '../testing/render';

const problem = {
  type: 'https://moderno.dev/problems/validation',
  title: 'Unprocessable Content',
  status: 422,
  detail: 'The request has invalid fields.',
  instance: '/api/v1/auth/register',
  request_id: 'abc123',
  errors: [
    { field: 'email', code: 'invalid', message: 'must be a valid email address' },
    { field: 'password', code: 'too_short', message: 'must be at least 8 characters' },
    { field: 'password', code: 'missing_digit', message: 'must contain a digit' },
    { field: 'shipping_address.region', code: 'invalid', message: 'region must be one of ...' },
    { field: 'variants[0].sku', code: 'taken', message: 'sku is taken' },
  ],
};

describe('toPointer', () => {
  it('turns the server field names into JSON pointers', () => {
    expect(toPointer('email')).toBe('/email');
    expect(toPointer('shipping_address.region')).toBe('/shipping_address/region');
    expect(toPointer('variants[0].sku')).toBe('/variants/0/sku');
    expect(toPointer('/already/pointer')).toBe('/already/pointer');
  });
});

describe('apiRequest', () => {
  it('turns a problem+json 422 into an ApiError with field errors by pointer', async () => {
    vi.spyOn(globalThis, 'fetch').mockResolvedValue(jsonResponse(422, problem));
    const err = await apiRequest<never>('/auth/register', { method: 'POST', body: {} }).catch((e: ApiError) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err.status).toBe(422);
    expect(err.slug).toBe('validation');
    expect(err.requestId).toBe('abc123');
    expect(err.isValidation).toBe(true);
    expect(err.errorsFor('password').map((e) => e.code)).toEqual(['too_short', 'missing_digit']);
    expect(err.errorsFor('/email')[0].code).toBe('invalid');
    expect(err.errorsFor('shipping_address.region')[0].pointer).toBe('/shipping_address/region');
    expect(err.errorsFor('variants[0].sku')[0].code).toBe('taken');
    expect(err.errorsFor('name')).toEqual([]);
  });

  it('reads errors that come with a pointer instead of a field name', async () => {
    vi.spyOn(globalThis, 'fetch').mockResolvedValue(jsonResponse(422, { ...problem, errors: [{ pointer: '/items/1/quantity', code: 'out_of_range' }] }));
    const err: ApiError = await apiRequest<never>('/orders', { method: 'POST', body: {} }).catch((e: ApiError) => e);
    expect(err.errorsFor('items[1].quantity')[0].code).toBe('out_of_range');
    expect(err.fieldErrors[0].field).toBe('items.1.quantity');
  });

  it('keeps the problem body of other errors, such as a 409 with its extra members', async () => {
    vi.spyOn(globalThis, 'fetch').mockResolvedValue(jsonResponse(409, {
      type: 'https://moderno.dev/problems/insufficient_stock', status: 409, detail: 'Not enough stock.',
      short_lines: [{ sku: 'A', requested: 3, available: 1 }],
    }));
    const err: ApiError = await apiRequest<never>('/orders', { method: 'POST', body: {} }).catch((e: ApiError) => e);
    expect(err.slug).toBe('insufficient_stock');
    expect(err.detail).toBe('Not enough stock.');
    expect(err.body.short_lines).toHaveLength(1);
    expect(err.fieldErrors).toEqual([]);
  });

  it('always revalidates public reads with the server instead of trusting the browser cache', async () => {
    const fetchMock = vi.spyOn(globalThis, 'fetch').mockResolvedValue(jsonResponse(200, { data: [] }));
    await apiRequest('/products', { query: { page: 1 } });
    expect(fetchMock.mock.calls[0][1]!.cache).toBe('no-cache');
  });

  it('reports a network failure as status 0', async () => {
    vi.spyOn(globalThis, 'fetch').mockRejectedValue(new TypeError('Failed to fetch'));
    const err: ApiError = await apiRequest<never>('/products').catch((e: ApiError) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err.status).toBe(0);
  });

  it('sends JSON and the bearer token, and resolves 204 with undefined', async () => {
    session.set({ access_token: 'AT', user: { id: 1, email: 'a@b.cl', name: 'A', role: 'customer', email_verified: true } });
    const fetchMock = vi.spyOn(globalThis, 'fetch').mockResolvedValue(new Response(null, { status: 204 }));
    await expect(apiRequest('/me/addresses/3', { method: 'DELETE' })).resolves.toBeUndefined();
    const [target, init] = fetchMock.mock.calls[0];
    expect(target).toBe('/api/v1/me/addresses/3');
    expect((init!.headers as Record<string, string>).Authorization).toBe('Bearer AT');
    session.clear();
  });

  it('refreshes an expired access token once and retries the call', async () => {
    session.set({ access_token: 'OLD', user: { id: 1, email: 'a@b.cl', name: 'A', role: 'customer', email_verified: true } });
    const fetchMock = vi.spyOn(globalThis, 'fetch')
      .mockResolvedValueOnce(jsonResponse(401, { type: 'https://moderno.dev/problems/unauthenticated', status: 401, detail: 'expired' }))
      .mockResolvedValueOnce(jsonResponse(200, { access_token: 'NEW', user: { id: 1, email: 'a@b.cl', name: 'A', role: 'customer', email_verified: true } }))
      .mockResolvedValueOnce(jsonResponse(200, { id: 1 }));
    await expect(apiRequest('/me')).resolves.toEqual({ id: 1 });
    // The refresh token is the HttpOnly cookie: no token in the body, the cookie-session header sent.
    const [target, init] = fetchMock.mock.calls[1];
    expect(target).toBe('/api/v1/auth/refresh');
    expect(init!.body).toBeUndefined();
    expect((init!.headers as Record<string, string>)['X-Session']).toBe('cookie');
    expect(init!.credentials).toBe('same-origin');
    expect((fetchMock.mock.calls[2][1]!.headers as Record<string, string>).Authorization).toBe('Bearer NEW');
    expect(session.get()?.access_token).toBe('NEW');
    session.clear();
  });

  it('keeps no token in localStorage, and after a reload gets one from the cookie before the first call', async () => {
    session.set({ access_token: 'SECRET-AT', user: { id: 1, email: 'a@b.cl', name: 'A', role: 'customer', email_verified: true } });
    expect(localStorage.getItem('moderno.session')).not.toContain('SECRET-AT');
    expect(JSON.parse(localStorage.getItem('moderno.session')!).user.id).toBe(1);
    // A reload: memory is gone, the stored user remains.
    window.dispatchEvent(new StorageEvent('storage', { key: 'moderno.session' }));
    session.set({ access_token: '', user: { id: 1, email: 'a@b.cl', name: 'A', role: 'customer', email_verified: true } });
    expect(session.needsToken()).toBe(true);
    const fetchMock = vi.spyOn(globalThis, 'fetch')
      .mockResolvedValueOnce(jsonResponse(200, { access_token: 'FRESH', user: { id: 1, email: 'a@b.cl', name: 'A', role: 'customer', email_verified: true } }))
      .mockResolvedValueOnce(jsonResponse(200, { items: [] }));
    await expect(apiRequest('/cart')).resolves.toEqual({ items: [] });
    expect(fetchMock.mock.calls[0][0]).toBe('/api/v1/auth/refresh');
    expect((fetchMock.mock.calls[1][1]!.headers as Record<string, string>).Authorization).toBe('Bearer FRESH');
    session.clear();
  });

  it('signs out when the refresh fails', async () => {
    session.set({ access_token: 'OLD', user: { id: 1, email: 'a@b.cl', name: 'A', role: 'customer', email_verified: true } });
    vi.spyOn(globalThis, 'fetch')
      .mockResolvedValueOnce(jsonResponse(401, { status: 401, detail: 'expired' }))
      .mockResolvedValueOnce(jsonResponse(401, { status: 401, detail: 'The refresh token is invalid or expired.' }));
    const err: ApiError = await apiRequest<never>('/me').catch((e: ApiError) => e);
    expect(err.status).toBe(401);
    expect(session.get()).toBeNull();
  });
});

describe('apiRawRequest', () => {
  it('sends a FormData untouched (no JSON Content-Type) with the bearer token, and parses the JSON answer', async () => {
    session.set({ access_token: 'AT', user: { id: 1, email: 'a@b.cl', name: 'A', role: 'manager', email_verified: true } });
    const fetchMock = vi.spyOn(globalThis, 'fetch').mockResolvedValue(jsonResponse(201, { id: 9, url: '/media/p/9.webp' }));
    const form = new FormData();
    form.append('alt', 'Frente');
    await expect(apiRawRequest('/admin/products/3/images', { method: 'POST', body: form })).resolves.toEqual({ id: 9, url: '/media/p/9.webp' });
    const [target, init] = fetchMock.mock.calls[0];
    expect(target).toBe('/api/v1/admin/products/3/images');
    expect(init!.body).toBe(form);
    const headers = init!.headers as Record<string, string>;
    expect(headers.Authorization).toBe('Bearer AT');
    expect(headers['Content-Type']).toBeUndefined();
    session.clear();
  });

  it('refreshes an expired token and sends the same body again', async () => {
    session.set({ access_token: 'OLD', user: { id: 1, email: 'a@b.cl', name: 'A', role: 'manager', email_verified: true } });
    const fetchMock = vi.spyOn(globalThis, 'fetch')
      .mockResolvedValueOnce(jsonResponse(401, { status: 401, detail: 'expired' }))
      .mockResolvedValueOnce(jsonResponse(200, { access_token: 'NEW', user: { id: 1, email: 'a@b.cl', name: 'A', role: 'manager', email_verified: true } }))
      .mockResolvedValueOnce(jsonResponse(201, { id: 10 }));
    const form = new FormData();
    await expect(apiRawRequest('/admin/products/3/images', { method: 'POST', body: form })).resolves.toEqual({ id: 10 });
    expect(fetchMock.mock.calls[2][1]!.body).toBe(form);
    expect((fetchMock.mock.calls[2][1]!.headers as Record<string, string>).Authorization).toBe('Bearer NEW');
    session.clear();
  });

  it('rejects with an ApiError carrying the field errors of a 422', async () => {
    vi.spyOn(globalThis, 'fetch').mockResolvedValue(jsonResponse(422, { ...problem, errors: [{ field: 'file', code: 'too_long', message: 'too big' }] }));
    const err: ApiError = await apiRawRequest<never>('/admin/products/3/images', { method: 'POST', body: new FormData() }).catch((e: ApiError) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err.errorsFor('file')[0].code).toBe('too_long');
  });
});

describe('buildUrl', () => {
  it('drops empty parameters and encodes the rest', () => {
    expect(buildUrl('/search/products', { q: 'zapatillas niño', 'filters[brand]': undefined, page: 2, in_stock: '' }))
      .toBe('/api/v1/search/products?q=zapatillas+ni%C3%B1o&page=2');
  });
});
