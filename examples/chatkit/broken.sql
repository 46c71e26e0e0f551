-- The database as it was initialised by hand before the outage: one table, two columns.
CREATE TABLE conversations (
    id VARCHAR(36) PRIMARY KEY,
    created_at TIMESTAMP DEFAULT NOW()
);
