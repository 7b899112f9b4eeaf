-- =============================================================================
-- Catalog: 0093_database_read_permission (up)
--
-- database:read lets a caller read GET /api/v1/admin/database (table, index, cache, connection, query, audit
-- partition and replication figures, through the v_db_health_* views). Granted to admin, as every permission is.
-- =============================================================================

INSERT INTO permissions (resource, action, description) VALUES
    ('database', 'read', 'View the database''s health: tables, indexes, cache, connections, long queries, audit partitions');

INSERT INTO role_permissions (role, permission_id)
SELECT 'admin', p.id FROM permissions p WHERE (p.resource, p.action) = ('database', 'read');
