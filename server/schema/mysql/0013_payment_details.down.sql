-- Back to payment rows without the provider's details.
ALTER TABLE payment_events MODIFY type VARCHAR(32) NOT NULL;
DROP INDEX idx_payments_provider_reference ON payments;
ALTER TABLE payments DROP COLUMN provider_status;
ALTER TABLE payments DROP COLUMN installments;
ALTER TABLE payments DROP COLUMN payment_type;
ALTER TABLE payments DROP COLUMN card_last4;
ALTER TABLE payments DROP COLUMN authorization_code;
