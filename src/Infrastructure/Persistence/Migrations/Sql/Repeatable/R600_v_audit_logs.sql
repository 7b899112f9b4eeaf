-- repeatable: view v_audit_logs
-- The audit trail as the audit endpoint reads it (the address as text). A simple view over the partitioned table: the
-- caller's created_at window still prunes partitions and its keyset uses idx_audit_*_keyset.
CREATE VIEW v_audit_logs AS
SELECT a.id, a.user_id, a.action, a.resource_type, a.resource_id, a.changes, a.metadata, host(a.ip_address) AS ip_address,
       a.user_agent, a.request_id, a.duration_ms, a.status_code, a.error_message, a.created_at
  FROM audit_logs a;

COMMENT ON VIEW v_audit_logs IS 'Audit log entries with the IP address as text; read-only (append-only table).';
