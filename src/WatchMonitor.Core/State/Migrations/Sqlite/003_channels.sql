-- Destinations are keyed by their address ("discord-<12 hex>"); messages queued before carry a Discord embed
-- ('discord-embed'), newer ones a channel-neutral event ('event', docs/notifications.md#the-event-object).
ALTER TABLE outbox ADD COLUMN format TEXT NOT NULL DEFAULT 'discord-embed';
ALTER TABLE dead_letter ADD COLUMN format TEXT NOT NULL DEFAULT 'discord-embed';

-- The Discord message that announced a listing, per destination, so a price change or sale can edit it. Keyed by
-- URL: a listing's id changes with its price (docs/ids.md), its page does not.
CREATE TABLE alert_message (
    site TEXT NOT NULL,
    url TEXT NOT NULL,
    destination TEXT NOT NULL,
    message_id TEXT NOT NULL,
    thread_id TEXT,
    posted_at INTEGER NOT NULL,
    PRIMARY KEY (site, url, destination)
) WITHOUT ROWID;

CREATE TRIGGER listing_deleted_alert_messages AFTER DELETE ON listing
    WHEN NOT EXISTS (SELECT 1 FROM listing WHERE site = old.site AND url = old.url) BEGIN
    DELETE FROM alert_message WHERE site = old.site AND url = old.url;
END;

-- Matches of a digest route waiting for its next period, at most MAX_OUTBOX_ENTRIES per route.
CREATE TABLE digest_entry (
    id INTEGER PRIMARY KEY,
    route TEXT NOT NULL,
    dedup_key TEXT NOT NULL,
    payload TEXT NOT NULL,
    added_at INTEGER NOT NULL,
    UNIQUE (route, dedup_key)
);
