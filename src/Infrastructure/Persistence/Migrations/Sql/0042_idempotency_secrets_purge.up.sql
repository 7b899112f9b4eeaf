-- ADR-076: the idempotency store no longer keeps answers that carry secrets, nor anonymous requests, and its request
-- hash is keyed. Rows written before hold sign-in/refresh tokens and plaintext API keys in response_body, and unkeyed
-- hashes of password-bearing bodies: drop them now rather than when the cleanup job reaches them (24 h).
DELETE FROM idempotency_records
 WHERE caller LIKE 'ip:%'
    OR request_path ~ '^/api/v[^/]+/(auth/|me/password|api-keys)';
