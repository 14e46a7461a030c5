ALTER TABLE product_images
  DROP COLUMN file_path,
  DROP COLUMN variants,
  DROP COLUMN status,
  DROP COLUMN height,
  DROP COLUMN width;
