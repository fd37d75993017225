-- When each digest route's next message is due, per destination ('route|destination'), so a restart neither delays
-- it by a period nor sends it twice. The schedule text it was computed from tells a changed schedule apart.
CREATE TABLE digest_schedule (
    bucket TEXT PRIMARY KEY,
    schedule TEXT NOT NULL,
    next_due INTEGER NOT NULL,
    last_sent_period INTEGER
);
