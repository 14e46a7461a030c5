// The signed-in session (tokens and user), kept in localStorage and observable by React.
export type Role = 'customer' | 'manager' | 'admin' | 'super_admin';

export interface SessionUser {
  id: number;
  email: string;
  name: string;
  role: Role;
  email_verified: boolean;
}

export interface Session {
  access_token: string;
  refresh_token: string;
  user: SessionUser;
  password_change_required?: boolean;
}

const KEY = 'moderno.session';
const listeners = new Set<() => void>();
let cached: Session | null | undefined;

function read(): Session | null {
  if (cached !== undefined) return cached;
  try {
    const raw = globalThis.localStorage?.getItem(KEY);
    cached = raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    cached = null;
  }
  return cached;
}

function write(s: Session | null) {
  cached = s;
  try {
    if (s) localStorage.setItem(KEY, JSON.stringify(s));
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
    if (e.key === KEY) {
      cached = undefined;
      listeners.forEach((l) => l());
    }
  });
}
