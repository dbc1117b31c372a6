package org.safecase.command.eventstore;

import org.junit.jupiter.api.Test;
import org.safecase.command.support.CommandServiceTest;
import org.safecase.command.support.Reports;
import org.safecase.localstack.LocalPostgres;
import org.safecase.localstack.SharedTestInfrastructure;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The event store at the database: the command service's own login may read and append and nothing
 * more; the tables' owner is held back by triggers; the query service's login cannot even connect.
 */
class AppendOnlyEventStoreTest extends CommandServiceTest {

    private String anEvent() {
        return http().post("/api/v1/incidents", "dsl.a", Reports.report("INA-CYBERBULLY", "PUPIL", Reports.uniqueReference()))
                .json().get("incidentId").asString();
    }

    private static void refused(JdbcTemplate login, String sql, Object... args) {
        assertThatThrownBy(() -> login.update(sql, args)).as(sql).isInstanceOf(DataAccessException.class)
                .satisfies(e -> assertThat(((DataAccessException) e).getMostSpecificCause().getMessage())
                        .containsAnyOf("permission denied", "append-only", "must be owner"));
    }

    @Test
    void theServicesOwnLoginReadsAndAppendsButNeverChangesOrRemovesAnEvent() {
        String id = anEvent();
        JdbcTemplate service = eventStoreAs(LocalPostgres.COMMAND);

        assertThat(service.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Long.class, id)).isEqualTo(1);
        refused(service, "UPDATE domain_event_entry SET payload = payload WHERE aggregate_identifier = ?", id);
        refused(service, "DELETE FROM domain_event_entry WHERE aggregate_identifier = ?", id);
        refused(service, "TRUNCATE domain_event_entry");
        refused(service, "UPDATE integrity_leaf SET hash = hash");
        refused(service, "DELETE FROM integrity_checkpoint");
        refused(service, "ALTER TABLE domain_event_entry DISABLE TRIGGER domain_event_entry_append_only");
        assertThat(service.queryForObject("SELECT rolsuper FROM pg_roles WHERE rolname = current_user", Boolean.class))
                .isFalse();
    }

    @Test
    void evenTheTablesOwnerCannotChangeOrRemoveAnEvent() {
        String id = anEvent();
        JdbcTemplate owner = eventStoreAs(LocalPostgres.OWNER);

        refused(owner, "UPDATE domain_event_entry SET payload = payload || '\\x20'::bytea WHERE aggregate_identifier = ?", id);
        refused(owner, "DELETE FROM domain_event_entry WHERE aggregate_identifier = ?", id);
        refused(owner, "TRUNCATE domain_event_entry");
        refused(owner, "TRUNCATE integrity_leaf");
        assertThat(owner.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Long.class, id)).isEqualTo(1);
    }

    @Test
    void theQueryServicesLoginCannotReachTheEventStore() {
        SingleConnectionDataSource query = new SingleConnectionDataSource(SharedTestInfrastructure.database(EVENT_STORE),
                LocalPostgres.QUERY, "", true);

        assertThatThrownBy(() -> new JdbcTemplate(query).queryForObject("SELECT 1", Integer.class))
                .isInstanceOf(DataAccessException.class)
                .satisfies(e -> assertThat(((DataAccessException) e).getMostSpecificCause().getMessage())
                        .contains("permission denied for database"));
    }
}
