-- Runs once, on the first start of an empty PostgreSQL volume (docker-entrypoint-initdb.d), as POSTGRES_USER.
-- Each service owns its own database: the command service the event store, the query service the projections.
-- Both share the privacy database (data keys, subject index, read log), kept apart so that its backups can
-- expire sooner than the event store's: a destroyed key is gone for good once no backup holds it.
CREATE DATABASE safecase_events;
CREATE DATABASE safecase_privacy;
CREATE DATABASE safecase_query;
