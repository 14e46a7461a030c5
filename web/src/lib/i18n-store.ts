// The chosen language, es (default) or en, kept in localStorage.
export type Locale = 'es' | 'en';
const KEY = 'moderno.locale';
let current: Locale = (() => {
  try {
    return globalThis.localStorage?.getItem(KEY) === 'en' ? 'en' : 'es';
  } catch {
    return 'es';
  }
})();
const listeners = new Set<() => void>();

export function getLocale(): Locale {
  return current;
}

export function setLocale(l: Locale) {
  current = l;
  try {
    localStorage.setItem(KEY, l);
  } catch {
    /* ignore */
  }
  if (typeof document !== 'undefined') document.documentElement.lang = l === 'en' ? 'en' : 'es-CL';
  listeners.forEach((f) => f());
}

export function subscribeLocale(f: () => void) {
  listeners.add(f);
  return () => listeners.delete(f);
}
