-- Uploaded product images (issue 6): the original's size, the responsive variants that the
-- image.variants job makes, and the processing state. Images given as plain URLs keep the
-- defaults (status 'ready', no variants).
ALTER TABLE product_images
  ADD COLUMN width INT NULL,
  ADD COLUMN height INT NULL,
  ADD COLUMN status VARCHAR(16) NOT NULL DEFAULT 'ready',
  ADD COLUMN variants TEXT NULL,
  ADD COLUMN file_path VARCHAR(255) NULL;
