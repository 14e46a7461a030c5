// The one HTTP client of the web app: JSON in and out, the bearer token of the session,
// one refresh on an expired token, and problem+json turned into a typed ApiError.
import { session } from './session';

/** One invalid field of a 422: `field` as the server names it (`variants[0].sku`), `pointer` as JSON pointer. */
export interface FieldError {
  field: string;
  pointer: string;
  code: string;
  message: string;
}

/** An RFC 9457 problem from the server, or a network failure (status 0). */
export class ApiError extends Error {
  readonly status: number;
  readonly type: string;
  readonly slug: string;
  readonly detail: string;
  readonly fieldErrors: FieldError[];
  readonly body: Record<string, unknown>;
  readonly requestId: string | null;

  constructor(status: number, body: Record<string, unknown>) {
    const detail = typeof body.detail === 'string' ? body.detail : `HTTP ${status}`;
    super(detail);
    this.name = 'ApiError';
    this.status = status;
    this.type = typeof body.type === 'string' ? body.type : 'about:blank';
    this.slug = this.type.split('/').pop() ?? '';
    this.detail = detail;
    this.body = body;
    this.requestId = typeof body.request_id === 'string' ? body.request_id : null;
    this.fieldErrors = Array.isArray(body.errors) ? body.errors.map(toFieldError) : [];
  }

  /** The errors of one field, looked up by name (`email`) or JSON pointer (`/email`). */
  errorsFor(field: string): FieldError[] {
    const pointer = field.startsWith('/') ? field : toPointer(field);
    return this.fieldErrors.filter((e) => e.pointer === pointer);
  }

  get isValidation(): boolean {
    return this.status === 422;
  }
}

/** `variants[0].sku` -> `/variants/0/sku`; a pointer stays as it is. */
export function toPointer(field: string): string {
  if (field === '') return '';
  if (field.startsWith('/')) return field;
  return '/' + field.replace(/\[(\d+)\]/g, '.$1').split('.').filter(Boolean)
    .map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');
}

function toFieldError(raw: unknown): FieldError {
  const e = (raw ?? {}) as Record<string, unknown>;
  const field = typeof e.field === 'string' ? e.field
    : typeof e.pointer === 'string' ? e.pointer.replace(/^\//, '').replace(/\//g, '.') : '';
  const pointer = typeof e.pointer === 'string' ? e.pointer : toPointer(field);
  return {
    field,
    pointer,
    code: typeof e.code === 'string' ? e.code : 'invalid',
    message: typeof e.message === 'string' ? e.message : '',
  };
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  query?: Record<string, string | number | boolean | null | undefined>;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Send no Authorization header even when signed in. */
  anonymous?: boolean;
}

export const API_BASE = '/api/v1';

export function buildUrl(path: string, query?: RequestOptions['query']): string {
  const url = path.startsWith('/api/') ? path : API_BASE + path;
  if (!query) return url;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    params.set(k, String(v));
  }
  const qs = params.toString();
  return qs ? `${url}?${qs}` : url;
}

let refreshing: Promise<boolean> | null = null;

/** Header that asks the server to keep the refresh token in its HttpOnly cookie (browser sessions). */
export const COOKIE_SESSION = { 'X-Session': 'cookie' } as const;

async function postRefresh(): Promise<boolean> {
  try {
    const res = await fetch(buildUrl('/auth/refresh'), { method: 'POST', headers: { ...COOKIE_SESSION }, credentials: 'same-origin' });
    if (!res.ok) {
      session.clear();
      return false;
    }
    session.set(await res.json());
    return true;
  } catch {
    return false;
  }
}

/**
 * A new access token from the refresh cookie. Concurrent callers of this tab share one refresh,
 * and tabs take turns (Web Locks): the cookie rotates at every refresh, and the server revokes a
 * sign-in whose spent token comes back, so two tabs must never send the same one.
 */
async function refreshOnce(): Promise<boolean> {
  if (!session.get()) return false;
  refreshing ??= (async () => {
    const locks = (globalThis.navigator as Navigator | undefined)?.locks;
    return locks ? locks.request('moderno-refresh', postRefresh) : postRefresh();
  })().finally(() => {
    refreshing = null;
  });
  return refreshing;
}

/** A request whose body is sent as it is (FormData, Blob, text): the caller sets its Content-Type, if any. */
export interface RawRequestOptions extends Omit<RequestOptions, 'body'> {
  /** Sent again after a token refresh, so it must be re-readable (FormData, Blob, string; not a stream). */
  body?: BodyInit;
}

/** Calls the API with a JSON body; resolves with the parsed JSON (undefined for 204) or rejects with ApiError. */
export function apiRequest<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const { body, ...rest } = opts;
  if (body === undefined) return send<T>(path, rest);
  return send<T>(path, { ...rest, body: JSON.stringify(body), headers: { 'Content-Type': 'application/json', ...opts.headers } });
}

/**
 * Like apiRequest, but the body goes out untouched: multipart uploads (a FormData gets its
 * boundary from the browser), files, text. Same token, refresh, JSON answer and ApiError.
 */
export function apiRawRequest<T>(path: string, opts: RawRequestOptions = {}): Promise<T> {
  return send<T>(path, opts);
}

async function send<T>(path: string, opts: RawRequestOptions, retried = false): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', ...opts.headers };
  // After a reload the access token is gone: get one from the refresh cookie before the call.
  if (!opts.anonymous && session.needsToken()) await refreshOnce();
  const token = opts.anonymous ? null : session.get()?.access_token;
  if (token) headers.Authorization = `Bearer ${token}`;
  let res: Response;
  try {
    res = await fetch(buildUrl(path, opts.query), {
      method: opts.method ?? 'GET',
      headers,
      body: opts.body,
      credentials: 'same-origin',
      // Public reads may be cached for a few seconds (Cache-Control max-age, for proxies and
      // CDNs); the app always revalidates (If-None-Match -> 304), so what it shows after a live
      // event or an edit is current.
      cache: 'no-cache',
      signal: opts.signal,
    });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(0, { type: 'network', detail: 'network' });
  }
  if (res.status === 401 && token && !retried && (!path.startsWith('/auth/') || path === '/auth/logout')) {
    if (await refreshOnce()) return send<T>(path, opts, true);
    session.clear();
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let data: unknown = undefined;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = { detail: text };
    }
  }
  if (!res.ok) throw new ApiError(res.status, (data ?? {}) as Record<string, unknown>);
  return data as T;
}
