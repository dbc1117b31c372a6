-- Runs once, on the first start of an empty PostgreSQL volume (docker-entrypoint-initdb.d), as POSTGRES_USER.
-- Each service owns its own database: the command service the event store, the query service the projections.
CREATE DATABASE safecase_events;
CREATE DATABASE safecase_query;
