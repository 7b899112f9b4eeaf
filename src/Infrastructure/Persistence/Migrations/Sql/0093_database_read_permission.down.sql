-- =============================================================================
-- Catalog: 0093_database_read_permission (down)
-- The grants go with the permission (ON DELETE CASCADE); API keys lose it from their list.
-- =============================================================================

UPDATE api_keys SET permissions = array_remove(permissions, 'database:read') WHERE 'database:read' = ANY (permissions);
DELETE FROM permissions WHERE (resource, action) = ('database', 'read');
