-- repeatable: view v_api_keys
-- Live (not deleted) API keys as their owner may read them: never the key hash.
CREATE VIEW v_api_keys AS
SELECT k.id, k.name, k.prefix, k.permissions, k.rate_limit, k.expires_at, k.last_used_at, k.is_active, k.created_at,
       k.created_by
  FROM api_keys k
 WHERE k.deleted_at IS NULL;

COMMENT ON VIEW v_api_keys IS 'Live API keys without their hash, for their owner''s list and detail.';
