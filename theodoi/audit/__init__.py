"""The audit trail app: AuditEntry (models.py) and the one way to write it,
theodoi.audit.trail.record() / record_many()."""
