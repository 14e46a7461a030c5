import { useSyncExternalStore } from 'react';
import { en, es, type MessageKey } from '../config/messages';
import { getLocale, setLocale, subscribeLocale, type Locale } from './i18n-store';

export type { MessageKey };

/** Translates a key in the current language, filling {placeholders}. */
export function translate(key: MessageKey, vars?: Record<string, string | number>): string {
  const text = (getLocale() === 'en' ? en[key] : undefined) ?? es[key] ?? key;
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? `{${k}}`));
}

/** The translator for components; re-renders when the language changes. */
export function useT() {
  const locale = useSyncExternalStore(subscribeLocale, getLocale, getLocale);
  return { t: translate, locale, setLocale: (l: Locale) => setLocale(l) };
}
