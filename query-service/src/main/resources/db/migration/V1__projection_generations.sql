-- Which generation of the projections serves reads. Each generation lives in its own schema
-- (gen_1, gen_2, ...) created from db/projection; a rebuild fills a new one from the start of the
-- topic while the active one keeps serving, then becomes active.
CREATE TABLE projection_generation (
    generation   INTEGER     NOT NULL PRIMARY KEY,
    schema_name  VARCHAR(63) NOT NULL UNIQUE,
    status       VARCHAR(16) NOT NULL CHECK (status IN ('ACTIVE', 'BUILDING', 'RETIRED', 'FAILED')),
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    activated_at TIMESTAMPTZ
);
CREATE UNIQUE INDEX projection_generation_one_active ON projection_generation (status) WHERE status = 'ACTIVE';
CREATE UNIQUE INDEX projection_generation_one_building ON projection_generation (status) WHERE status = 'BUILDING';
