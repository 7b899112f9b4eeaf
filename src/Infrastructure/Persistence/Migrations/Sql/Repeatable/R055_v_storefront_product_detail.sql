-- repeatable: view v_storefront_product_detail
-- The product detail as anonymous callers may see it: v_product_detail's rows that v_storefront_products (THE
-- storefront rule, ADR-084) holds. The join is on the row's ctid, so the rule tests the page the detail has just read
-- (a TID scan, 1 buffer) instead of walking pk_products again. A join, not a storefront_visible column tested with
-- "@All OR visible" in one statement for every caller: that OR left the rule as a SubPlan the planner could not turn
-- into a join, about 15 % of the detail's PostgreSQL time at 1m (bench/results/ab-2026-12-07).
CREATE VIEW v_storefront_product_detail AS
SELECT d.*
  FROM v_product_detail d
  JOIN v_storefront_products s ON s.row_ctid = d.row_ctid;

COMMENT ON VIEW v_storefront_product_detail IS
    'Product detail (v_product_detail columns) of the products the storefront may show (v_storefront_products).';
