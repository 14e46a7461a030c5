import { afterEach, describe, expect, it } from 'vitest';
import { es } from '../config/messages/es';
import { en } from '../config/messages/en';
import { adminEs } from '../config/messages/admin-es';
import { adminEn } from '../config/messages/admin-en';
import { fieldMessage, messagesFor, setLocale, translate } from './i18n';
import { ApiError } from './api-client';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe.each([
  ['storefront', es as Record<string, string>, en as Record<string, string>],
  ['staff area', adminEs as Record<string, string>, adminEn as Record<string, string>],
])('the %s messages', (_, spanish, english) => {
  it('have every key in both languages, with text and the same {placeholders}', () => {
    expect(Object.keys(english).sort()).toEqual(Object.keys(spanish).sort());
    for (const [key, text] of Object.entries(spanish)) {
      expect(text.trim(), `es ${key}`).not.toBe('');
      expect(english[key].trim(), `en ${key}`).not.toBe('');
      expect(placeholders(english[key]), `placeholders of ${key}`).toEqual(placeholders(text));
    }
  });
});

describe('translate', () => {
  afterEach(() => setLocale('es'));

  it('fills placeholders in the chosen language, with no fallback between languages', () => {
    expect(translate('common.page', { page: 2, pages: 5 })).toBe('Página 2 de 5');
    setLocale('en');
    expect(translate('common.page', { page: 2, pages: 5 })).toBe('Page 2 of 5');
    expect(translate('inventory.adjusted', { sku: 'A-1', warehouse: 'SCL', quantity: 4 })).toBe('Stock adjusted: A-1 at SCL now has 4.');
  });

  it('keys the storefront and the staff area share one namespace without clashes', () => {
    expect(Object.keys(adminEs).filter((k) => k in es)).toEqual([]);
  });
});

describe('fieldMessage', () => {
  afterEach(() => setLocale('es'));
  const error = new ApiError(422, {
    status: 422,
    errors: [
      { field: 'email', code: 'invalid', message: 'must be a valid email address' },
      { field: 'phone', code: 'invalid', message: 'bad phone' },
      { field: 'password', code: 'too_short', message: 'must be at least 8 characters' },
      { field: 'name', code: 'brand_new_code', message: 'a message from the server' },
    ],
  });

  it('says the code in the shopper’s words, field-specific first, else the server’s message', () => {
    expect(messagesFor(error, 'email')).toEqual(['Ingresa un correo válido.']);
    expect(messagesFor(error, 'phone')).toEqual(['El valor no es válido.']);
    expect(messagesFor(error, 'name')).toEqual(['a message from the server']);
    setLocale('en');
    expect(messagesFor(error, 'password')).toEqual(['It must have at least 8 characters.']);
    expect(fieldMessage({ field: 'x', pointer: '/x', code: 'other', message: '' })).toBe('other');
  });
});
