-- Card payments by redirect (issue 19): what the provider answered for each attempt or refund
-- (authorization code, the card's last four digits, payment type and installments, the
-- provider's own status word such as AUTHORIZED, REVERSED or NULLIFIED), and the lookup of an
-- attempt by its provider reference (a Webpay token, a Checkout Session id) on return.
ALTER TABLE payments ADD COLUMN authorization_code TEXT NULL;
ALTER TABLE payments ADD COLUMN card_last4 TEXT NULL;
ALTER TABLE payments ADD COLUMN payment_type TEXT NULL;
ALTER TABLE payments ADD COLUMN installments INTEGER NULL;
ALTER TABLE payments ADD COLUMN provider_status TEXT NULL;
CREATE INDEX idx_payments_provider_reference ON payments (provider_reference);
