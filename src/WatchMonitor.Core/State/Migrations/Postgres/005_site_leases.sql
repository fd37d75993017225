-- Which instance holds which site (docs/scaling.md). Times are UTC ticks.
CREATE TABLE instance (
    name TEXT PRIMARY KEY,
    started_at BIGINT NOT NULL,
    heartbeat_at BIGINT NOT NULL
);

-- A released or expired lease keeps its row: expires_at then says since when the site is free.
CREATE TABLE site_lease (
    site TEXT PRIMARY KEY,
    holder TEXT NOT NULL,
    acquired_at BIGINT NOT NULL,
    renewed_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
