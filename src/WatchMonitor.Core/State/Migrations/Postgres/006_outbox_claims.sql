-- Instances sharing the database claim the messages they send (docs/scaling.md): claimed_by is the INSTANCE_NAME,
-- claimed_until (UTC ticks) when another instance may take the message over. Both null: unclaimed.
ALTER TABLE outbox ADD COLUMN claimed_by TEXT, ADD COLUMN claimed_until BIGINT;
