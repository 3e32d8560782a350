-- Councils an ADMIN designated beyond the reference data: written in the designation's own transaction
-- (a CouncilDesignated event), read by both services to find a council by id.
CREATE TABLE designated_council (
    council_id     text PRIMARY KEY,
    level          text NOT NULL,
    area           text NOT NULL,
    name           text NOT NULL,
    name_en        text,
    secretariat    text NOT NULL,
    municipalities text[] NOT NULL,
    regions        text[] NOT NULL,
    designated_at  timestamptz NOT NULL
);
