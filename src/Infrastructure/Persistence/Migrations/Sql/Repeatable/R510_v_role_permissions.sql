-- repeatable: view v_role_permissions
-- Which permission ("resource:action") each role grants: the authorization cache and the roles endpoint read it.
CREATE VIEW v_role_permissions AS
SELECT rp.role, p.id AS permission_id, p.resource, p.action, p.permission
  FROM role_permissions rp
  JOIN v_permissions p ON p.id = rp.permission_id;

COMMENT ON VIEW v_role_permissions IS 'role -> permission (resource:action), one row per grant.';
