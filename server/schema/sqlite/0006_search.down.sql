DROP TABLE IF EXISTS search_changes;
