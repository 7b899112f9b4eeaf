-- repeatable: view v_permissions
-- The permission catalogue, each with its "resource:action" name.
CREATE VIEW v_permissions AS
SELECT p.id, p.resource, p.action, p.resource || ':' || p.action AS permission, p.description
  FROM permissions p;

COMMENT ON VIEW v_permissions IS 'Permissions with their resource:action name.';
