-- Catalog: 0111_search_name_words (down): search_products reads the name buckets alone again (ADR-065).
DROP TRIGGER trg_products_search_name_words_truncate ON products;
DROP FUNCTION products_truncate_search_name_words();
DROP TRIGGER trg_products_search_name_words_delete ON products;
DROP TRIGGER trg_products_search_name_words_update ON products;
DROP TRIGGER trg_products_search_name_words_insert ON products;
DROP FUNCTION products_maintain_search_name_words();
DROP FUNCTION search_name_words_rebuild();
DROP FUNCTION search_name_words_add(uuid[]);
DROP TABLE search_name_words;
