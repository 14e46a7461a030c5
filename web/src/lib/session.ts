// The signed-in session, observable by React. The access token lives in memory only; the refresh
// token is an HttpOnly cookie the server sets (scripts never see it). localStorage keeps just who
// is signed in (no token), so a reload or another tab knows to ask the server for a new access
// token with that cookie.
export type Role = 'customer' | 'manager' | 'admin' | 'super_admin';

export interface SessionUser {
  id: number;
  email: string;
  name: string;
  role: Role;
  email_verified: boolean;
}

export interface Session {
  /** In memory only; '' after a reload until the first refresh. */
  access_token: string;
  user: SessionUser;
  password_change_required?: boolean;
  /** STAFF_2FA=required and no second factor yet: the staff area sends the user to set it up. */
  two_factor_setup_required?: boolean;
}

const KEY = 'moderno.session';
const listeners = new Set<() => void>();
let cached: Session | null | undefined;

// What is kept across reloads: the user, never a token.
interface Stored {
  user: SessionUser;
  password_change_required?: boolean;
  two_factor_setup_required?: boolean;
}

function read(): Session | null {
  if (cached !== undefined) return cached;
  try {
    const raw = globalThis.localStorage?.getItem(KEY);
    const stored = raw ? (JSON.parse(raw) as Stored) : null;
    cached = stored?.user ? { ...stored, access_token: '' } : null;
  } catch {
    cached = null;
  }
  return cached;
}

function write(s: Session | null) {
  const stored: Stored | null = s
    ? { user: s.user, password_change_required: s.password_change_required, two_factor_setup_required: s.two_factor_setup_required }
    : null;
  cached = s && stored ? { ...stored, access_token: s.access_token } : null;
  try {
    if (stored) localStorage.setItem(KEY, JSON.stringify(stored));
    else localStorage.removeItem(KEY);
  } catch {
    /* private mode: the session lives in memory only */
  }
  listeners.forEach((l) => l());
}

export const session = {
  get: read,
  set: (s: Session) => write(s),
  clear: () => write(null),
  /** Signed in (as far as this tab knows) but without an access token: a reload, or another tab signed in. */
  needsToken: () => {
    const s = read();
    return !!s && !s.access_token;
  },
  subscribe(listener: () => void) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

const ORDER: Role[] = ['customer', 'manager', 'admin', 'super_admin'];

/** True when `role` is at least `least` in customer < manager < admin < super_admin. */
export function hasRole(role: Role | undefined, least: Role): boolean {
  if (!role) return false;
  return ORDER.indexOf(role) >= ORDER.indexOf(least);
}

export function isStaff(role: Role | undefined): boolean {
  return hasRole(role, 'manager');
}

if (typeof window !== 'undefined') {
  window.addEventListener('storage', (e) => {
    if (e.key !== KEY) return;
    // Another tab signed in, out, or as someone else: this tab's token (if any) is not theirs.
    const before = cached;
    cached = undefined;
    const now = read();
    if (before && now && before.user.id === now.user.id && before.access_token) {
      cached = { ...now, access_token: before.access_token };
    }
    listeners.forEach((l) => l());
  });
}
