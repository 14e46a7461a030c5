// Server validation codes in words the shopper understands; the server's English message otherwise.
import type { ApiError, FieldError } from './api-client';
import { getLocale } from './i18n-store';

const ES: Record<string, string> = {
  required: 'Este campo es obligatorio.',
  invalid: 'El valor no es válido.',
  type: 'El valor no es válido.',
  too_long: 'Es demasiado largo.',
  too_short: 'Debe tener al menos 8 caracteres.',
  missing_uppercase: 'Debe incluir una letra mayúscula.',
  missing_lowercase: 'Debe incluir una letra minúscula.',
  missing_digit: 'Debe incluir un número.',
  missing_symbol: 'Debe incluir un símbolo.',
  reused: 'No puedes reutilizar una de tus últimas contraseñas.',
  incorrect: 'La contraseña no es correcta.',
  taken: 'Ya está en uso.',
  out_of_range: 'Está fuera del rango permitido.',
  insufficient_stock: 'No hay stock suficiente.',
  unknown: 'No existe.',
  inactive: 'El cupón no está activo.',
  not_started: 'El cupón aún no está vigente.',
  expired: 'El cupón expiró.',
  exhausted: 'El cupón ya se agotó.',
  per_customer_limit: 'Ya usaste este cupón.',
  min_subtotal: 'Tu compra no alcanza el mínimo del cupón.',
  not_applicable: 'El cupón no aplica a estos productos.',
  empty_cart: 'Tu carro está vacío.',
  limit_reached: 'Alcanzaste el máximo de direcciones.',
  read_only: 'No se puede cambiar.',
};

/** The text to show under a field for one server error. */
export function fieldMessage(e: FieldError): string {
  if (getLocale() === 'es' && ES[e.code]) {
    if (e.field === 'email' && e.code === 'invalid') return 'Ingresa un correo válido.';
    if (e.field === 'token' && e.code === 'invalid') return 'El enlace no es válido o ya expiró.';
    return ES[e.code];
  }
  return e.message || e.code;
}

/** The messages of `field` in `error` (none when error is not an ApiError). */
export function messagesFor(error: unknown, field: string): string[] {
  const api = error as ApiError | null;
  if (!api || typeof api.errorsFor !== 'function') return [];
  return api.errorsFor(field).map(fieldMessage);
}
