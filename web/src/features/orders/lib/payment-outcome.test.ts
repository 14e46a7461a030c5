import { describe, expect, it } from 'vitest';
import { paymentOutcome } from './payment-outcome';
import type { OrderDetail, Payment } from '../../../lib/types';

const now = Date.parse('2026-12-07T12:00:00Z');
function order(over: Partial<OrderDetail>, payments: Payment[] = []): OrderDetail {
  return { status: 'pending', payment_status: 'pending', reserved_until: '2026-12-07T12:10:00Z', payments, ...over } as OrderDetail;
}
const charge = (status: string, failure_code: string | null = null): Payment => ({ kind: 'charge', status, amount: 1000, failure_code });

describe('paymentOutcome', () => {
  it('is paid once money came in', () => {
    expect(paymentOutcome(order({ payment_status: 'paid', status: 'confirmed' }, [charge('succeeded')]), { now })).toEqual({ kind: 'paid' });
  });
  it('offers a retry after a failed attempt while the stock is held', () => {
    expect(paymentOutcome(order({}, [charge('failed', 'aborted')]), { now })).toEqual({ kind: 'failed', reason: 'aborted', canRetry: true });
  });
  it('offers no retry once the reservation ended', () => {
    expect(paymentOutcome(order({ reserved_until: '2026-12-07T11:59:00Z' }, [charge('failed')]), { now }).kind).toBe('failed');
    expect(paymentOutcome(order({ reserved_until: '2026-12-07T11:59:00Z' }, [charge('failed')]), { now })).toMatchObject({ canRetry: false });
    expect(paymentOutcome(order({ status: 'cancelled', payment_status: 'failed' }, [charge('failed')]), { now })).toMatchObject({ kind: 'failed', canRetry: false });
  });
  it('waits while the last attempt is undecided, unless the customer cancelled on the provider page', () => {
    expect(paymentOutcome(order({}, [charge('failed'), charge('pending')]), { now })).toEqual({ kind: 'pending' });
    expect(paymentOutcome(order({}, [charge('pending')]), { now, cancelled: true })).toMatchObject({ kind: 'failed', reason: 'cancelled', canRetry: true });
  });
  it('offers to pay an order whose provider could not be reached at checkout', () => {
    expect(paymentOutcome(order({}, []), { now })).toEqual({ kind: 'failed', reason: null, canRetry: true });
  });
});
