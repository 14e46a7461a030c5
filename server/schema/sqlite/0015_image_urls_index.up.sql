-- A product's image URLs in order from the index alone: listings and search read them for
-- every product on the page, and the old index (product_id, position) sent each lookup on to
-- the table.
CREATE INDEX idx_product_images_product_id_position_url ON product_images (product_id, position, id, url);
DROP INDEX idx_product_images_product_id_position;
