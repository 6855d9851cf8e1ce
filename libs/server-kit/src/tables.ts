// The platform tables the kit itself writes and reads for every module (outbox, audit log,
// consumer idempotency, scheduled job runs): modules use them only through the kit's functions.
export const ownedTables = [
  "platform.outbox",
  "platform.audit_logs",
  "platform.processed_events",
  "platform.job_runs",
  "platform.deliveries",
  "platform.delivery_attempts",
  "platform.disabled_addresses",
  "platform.idempotency_keys",
] as const;
