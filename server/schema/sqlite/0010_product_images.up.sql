-- Uploaded product images (issue 6): the original's size, the responsive variants that the
-- image.variants job makes, and the processing state. Images given as plain URLs keep the
-- defaults (status 'ready', no variants).
ALTER TABLE product_images ADD COLUMN width INTEGER NULL;
ALTER TABLE product_images ADD COLUMN height INTEGER NULL;
-- 'processing' until the variants exist, then 'ready'; 'failed' when the file cannot be resized.
ALTER TABLE product_images ADD COLUMN status TEXT NOT NULL DEFAULT 'ready';
-- JSON array: [{"width": 320, "webp": "/media/...-320.webp", "original": "/media/...-320.jpg"}, ...]
ALTER TABLE product_images ADD COLUMN variants TEXT NULL;
-- The stored original under <data-dir>/media ("products/12/abc.jpg"); NULL for external URLs.
ALTER TABLE product_images ADD COLUMN file_path TEXT NULL;
