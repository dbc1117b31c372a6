-- Least privilege on the privacy database (data keys, subject index, read log). Neither service's login
-- may own these tables: an owner could drop the read log's append-only triggers. So: apply the
-- migrations (db/privacy) as the database's owner, e.g. by starting the command service once with the
-- owner's login; run this file as the owner; grant each group role to the login its service uses
-- (GRANT safecase_privacy_query TO query_login;) and run both services with those logins and
-- SAFECASE_PRIVACY_MIGRATE=false. Safe to run again.
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'safecase_privacy_query') THEN
        CREATE ROLE safecase_privacy_query NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'safecase_privacy_command') THEN
        CREATE ROLE safecase_privacy_command NOLOGIN;
    END IF;
END
$$;

-- The query service opens fields and reads the log: it never makes, destroys or looks up keys by reference.
GRANT SELECT ON data_key, subject_index TO safecase_privacy_query;
GRANT SELECT, INSERT ON access_log TO safecase_privacy_query;
GRANT USAGE ON SEQUENCE access_log_id_seq TO safecase_privacy_query;

-- The command service makes keys and destroys them (UPDATE to NULL), indexes and forgets references,
-- and writes the log; it deletes no key row and changes no log entry.
GRANT SELECT, INSERT, UPDATE ON data_key TO safecase_privacy_command;
GRANT SELECT, INSERT, DELETE ON subject_index TO safecase_privacy_command;
GRANT INSERT ON access_log TO safecase_privacy_command;
GRANT USAGE ON SEQUENCE access_log_id_seq TO safecase_privacy_command;
