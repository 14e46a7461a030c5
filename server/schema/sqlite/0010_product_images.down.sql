ALTER TABLE product_images DROP COLUMN file_path;
ALTER TABLE product_images DROP COLUMN variants;
ALTER TABLE product_images DROP COLUMN status;
ALTER TABLE product_images DROP COLUMN height;
ALTER TABLE product_images DROP COLUMN width;
