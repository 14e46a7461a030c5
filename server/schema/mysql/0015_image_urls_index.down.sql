CREATE INDEX idx_product_images_product_id_position ON product_images (product_id, position);
DROP INDEX idx_product_images_product_id_position_url ON product_images;
