-- The command service logs in as its own role (${command_role}, the datasource's user), which does not
-- own these tables: Flyway migrates as their owner (spring.flyway.user). The service may read and append
-- to the event store and the integrity log, never change or remove what is there; it keeps its
-- processors' tokens and its own working tables. Every later migration grants what it adds.

GRANT SELECT, INSERT ON domain_event_entry TO ${command_role};
GRANT USAGE, SELECT ON SEQUENCE domain_event_entry_seq TO ${command_role};
GRANT SELECT, INSERT, DELETE ON snapshot_event_entry TO ${command_role};
GRANT SELECT, INSERT, UPDATE, DELETE ON token_entry, saga_entry, association_value_entry, dead_letter_entry
    TO ${command_role};
GRANT USAGE, SELECT ON SEQUENCE association_value_entry_seq TO ${command_role};
GRANT SELECT, INSERT ON incident_creation_key TO ${command_role};
GRANT SELECT, INSERT, DELETE ON subject_incident TO ${command_role};
GRANT SELECT, INSERT, UPDATE ON retention_incident, retention_subject TO ${command_role};
GRANT SELECT, INSERT ON integrity_leaf, integrity_checkpoint TO ${command_role};
GRANT SELECT ON flyway_schema_history TO ${command_role};

-- Only the owner and the command service connect: the query service's role cannot reach the event store.
DO $$
BEGIN
    EXECUTE format('REVOKE CONNECT, TEMPORARY ON DATABASE %I FROM PUBLIC', current_database());
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO %I', current_database(), '${command_role}');
END
$$;

-- A second line behind the privileges, for the owner too: an event is never changed or removed. The one
-- change allowed is the one-time step that gives an event stored before the hash chain its chain: its
-- metadata gains a hash, nothing else moves. TRUNCATE fires no row trigger, hence the statement trigger;
-- ENABLE ALWAYS makes both fire even under session_replication_role = replica.
CREATE FUNCTION domain_event_entry_is_append_only() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    IF TG_OP = 'UPDATE'
            AND NEW.global_index = OLD.global_index AND NEW.event_identifier = OLD.event_identifier
            AND NEW.aggregate_identifier = OLD.aggregate_identifier AND NEW.sequence_number = OLD.sequence_number
            AND NEW.type IS NOT DISTINCT FROM OLD.type AND NEW.payload_type = OLD.payload_type
            AND NEW.payload_revision IS NOT DISTINCT FROM OLD.payload_revision AND NEW.payload = OLD.payload
            AND NEW.time_stamp = OLD.time_stamp
            AND (OLD.meta_data IS NULL OR position('"hash"' in convert_from(OLD.meta_data, 'UTF8')) = 0) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'the event store is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER domain_event_entry_append_only
    BEFORE UPDATE OR DELETE ON domain_event_entry
    FOR EACH ROW EXECUTE FUNCTION domain_event_entry_is_append_only();
CREATE TRIGGER domain_event_entry_no_truncate
    BEFORE TRUNCATE ON domain_event_entry
    FOR EACH STATEMENT EXECUTE FUNCTION domain_event_entry_is_append_only();
ALTER TABLE domain_event_entry ENABLE ALWAYS TRIGGER domain_event_entry_append_only;
ALTER TABLE domain_event_entry ENABLE ALWAYS TRIGGER domain_event_entry_no_truncate;

CREATE FUNCTION integrity_log_is_append_only() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    RAISE EXCEPTION 'the integrity log is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER integrity_leaf_append_only BEFORE UPDATE OR DELETE ON integrity_leaf
    FOR EACH ROW EXECUTE FUNCTION integrity_log_is_append_only();
CREATE TRIGGER integrity_leaf_no_truncate BEFORE TRUNCATE ON integrity_leaf
    FOR EACH STATEMENT EXECUTE FUNCTION integrity_log_is_append_only();
CREATE TRIGGER integrity_checkpoint_append_only BEFORE UPDATE OR DELETE ON integrity_checkpoint
    FOR EACH ROW EXECUTE FUNCTION integrity_log_is_append_only();
CREATE TRIGGER integrity_checkpoint_no_truncate BEFORE TRUNCATE ON integrity_checkpoint
    FOR EACH STATEMENT EXECUTE FUNCTION integrity_log_is_append_only();
ALTER TABLE integrity_leaf ENABLE ALWAYS TRIGGER integrity_leaf_append_only;
ALTER TABLE integrity_leaf ENABLE ALWAYS TRIGGER integrity_leaf_no_truncate;
ALTER TABLE integrity_checkpoint ENABLE ALWAYS TRIGGER integrity_checkpoint_append_only;
ALTER TABLE integrity_checkpoint ENABLE ALWAYS TRIGGER integrity_checkpoint_no_truncate;
