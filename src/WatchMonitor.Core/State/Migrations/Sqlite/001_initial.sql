-- Times are UTC ticks (100 ns since 0001-01-01), prices decimal text as the dealer's page gave them.
CREATE TABLE site (
    seq INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    first_scanned_at INTEGER
);

-- One row per seen id. seq breaks recency ties in insertion order, so imported ids keep the order of their file.
CREATE TABLE listing (
    seq INTEGER PRIMARY KEY,
    site TEXT NOT NULL,
    id TEXT NOT NULL,
    legacy_id TEXT,
    url TEXT,
    title TEXT,
    brand TEXT,
    model TEXT,
    reference TEXT,
    price TEXT,
    currency TEXT,
    image TEXT,
    first_seen INTEGER,
    last_seen INTEGER,
    last_price TEXT,
    removed_at INTEGER,
    alert TEXT,
    UNIQUE (site, id)
);
CREATE INDEX listing_by_url ON listing (site, url);
CREATE INDEX listing_by_recency ON listing (site, last_seen, seq);
CREATE INDEX listing_listed ON listing (site, last_seen) WHERE removed_at IS NULL;

CREATE TABLE price_history (
    seq INTEGER PRIMARY KEY,
    site TEXT NOT NULL,
    listing_id TEXT NOT NULL,
    old_price TEXT,
    new_price TEXT,
    currency TEXT,
    at INTEGER NOT NULL
);
CREATE INDEX price_history_by_listing ON price_history (site, listing_id);

CREATE TRIGGER listing_deleted AFTER DELETE ON listing BEGIN
    DELETE FROM price_history WHERE site = old.site AND listing_id = old.id;
END;

CREATE TABLE session (
    seq INTEGER PRIMARY KEY,
    session_id TEXT NOT NULL,
    started_at INTEGER NOT NULL,
    ended_at INTEGER,
    duration_seconds REAL,
    sites_scraped INTEGER NOT NULL,
    total_watches_found INTEGER NOT NULL,
    total_new_watches INTEGER NOT NULL,
    notifications_sent INTEGER NOT NULL,
    errors_encountered INTEGER NOT NULL,
    memory_usage_start_mb REAL,
    memory_usage_end_mb REAL,
    memory_delta_mb REAL,
    site_stats TEXT NOT NULL
);
CREATE INDEX session_by_start ON session (started_at);

CREATE TABLE site_health (
    site TEXT PRIMARY KEY NOT NULL,
    last_success_at INTEGER,
    consecutive_failures INTEGER NOT NULL,
    listings_last_cycle INTEGER NOT NULL,
    last_error TEXT,
    updated_at INTEGER NOT NULL
);

CREATE TABLE exchange_rate (
    pair TEXT PRIMARY KEY NOT NULL,
    rate TEXT NOT NULL,
    fetched_at INTEGER NOT NULL
);
