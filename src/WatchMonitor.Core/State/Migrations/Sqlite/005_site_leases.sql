-- Several instances share the sites through leases (docs/instances.md). Times are UTC ticks.
CREATE TABLE instance (
    name TEXT PRIMARY KEY,
    started_at INTEGER NOT NULL,
    heartbeat_at INTEGER NOT NULL
) WITHOUT ROWID;

-- A released or expired lease keeps its row: expires_at then says since when the site is free.
CREATE TABLE site_lease (
    site TEXT PRIMARY KEY,
    holder TEXT NOT NULL,
    acquired_at INTEGER NOT NULL,
    renewed_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
) WITHOUT ROWID;
