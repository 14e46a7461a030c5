import { describe, expect, it } from 'vitest';
import { discountPercent, formatDate, formatMoney } from './format';

describe('formatMoney', () => {
  it('writes CLP the Chilean way, without decimals', () => {
    expect(formatMoney(12990)).toBe('$12.990');
    expect(formatMoney(1249990, 'CLP')).toBe('$1.249.990');
    expect(formatMoney(0)).toBe('$0');
  });
});

describe('formatDate', () => {
  it('writes dates as dd-mm-aaaa', () => {
    expect(formatDate('2026-11-28T13:02:45Z')).toBe('28-11-2026');
    expect(formatDate(null)).toBe('');
  });
});

describe('discountPercent', () => {
  it('is the rounded saving, or null without a higher compare price', () => {
    expect(discountPercent(59990, 74990)).toBe(20);
    expect(discountPercent(59990, null)).toBeNull();
    expect(discountPercent(59990, 59990)).toBeNull();
  });
});
