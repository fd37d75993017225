-- One queue per destination (today: the Discord webhook of one site, keyed by the site key).
CREATE TABLE outbox (
    id INTEGER PRIMARY KEY,
    destination TEXT NOT NULL,
    site TEXT NOT NULL,
    composite_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    dedup_key TEXT NOT NULL,
    payload TEXT NOT NULL,
    enqueued_at INTEGER NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    UNIQUE (destination, dedup_key)
);
CREATE INDEX outbox_due ON outbox (destination, next_attempt_at, id);

CREATE TABLE dead_letter (
    id INTEGER PRIMARY KEY,
    destination TEXT NOT NULL,
    site TEXT NOT NULL,
    composite_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    payload TEXT NOT NULL,
    enqueued_at INTEGER NOT NULL,
    attempts INTEGER NOT NULL,
    reason TEXT NOT NULL,
    dead_at INTEGER NOT NULL
);
CREATE INDEX dead_letter_by_destination ON dead_letter (destination, id);

-- The message id each destination gave a listing's alert.
CREATE TABLE delivery (
    site TEXT NOT NULL,
    listing_id TEXT NOT NULL,
    destination TEXT NOT NULL,
    kind TEXT NOT NULL,
    remote_message_id TEXT,
    delivered_at INTEGER NOT NULL,
    PRIMARY KEY (site, listing_id, destination, kind)
) WITHOUT ROWID;

CREATE TRIGGER listing_deleted_deliveries AFTER DELETE ON listing BEGIN
    DELETE FROM delivery WHERE site = old.site AND listing_id = old.id;
END;
