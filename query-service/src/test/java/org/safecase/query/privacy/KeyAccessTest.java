package org.safecase.query.privacy;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.safecase.localstack.SharedTestInfrastructure;
import org.safecase.query.support.QueryServiceTest;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The least-privilege roles of {@code deploy/postgres/privacy-grants.sql}, tried as logins of each role on
 * the real privacy database: the query service may open keys and read and append to the read log, and
 * nothing else; the command service may make and destroy keys but never delete one or change the log.
 */
class KeyAccessTest extends QueryServiceTest {

    private static final Path GRANTS = Path.of("..", "deploy", "postgres", "privacy-grants.sql");

    /** After the service under test has migrated the privacy database; the file is safe to run again. */
    @BeforeEach
    void applyTheGrants() throws Exception {
        JdbcTemplate owner = login(SharedTestInfrastructure.postgres().username());
        // the whole file in one statement, as psql would run it
        owner.execute(Files.readString(GRANTS));
        for (String role : new String[]{"query", "command"}) {
            owner.execute("""
                    DO $$ BEGIN
                        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'test_%1$s_login') THEN
                            CREATE ROLE test_%1$s_login LOGIN IN ROLE safecase_privacy_%1$s;
                        END IF;
                    END $$""".formatted(role));
        }
    }

    private static JdbcTemplate login(String user) {
        return new JdbcTemplate(new DriverManagerDataSource(SharedTestInfrastructure.database("safecase_privacy"), user, ""));
    }

    @Test
    void theQueryServiceOpensKeysAndReadsAndAppendsToTheLogButChangesNothing() {
        personalData.subject("SCH-A", "UPN-" + UUID.randomUUID());
        JdbcTemplate query = login("test_query_login");

        assertThat(query.queryForObject("SELECT count(*) FROM data_key WHERE wrapped_keyset IS NOT NULL", Long.class)).isPositive();
        assertThat(query.queryForObject("SELECT count(*) FROM subject_index", Long.class)).isPositive();
        assertThat(query.update("""
                INSERT INTO access_log (service, user_id, role, action, outcome, status)
                VALUES ('query-service', 'dsl.a', 'DSL', 'TIMELINE', 'ALLOWED', 200)""")).isEqualTo(1);
        for (String refused : new String[]{
                "UPDATE data_key SET wrapped_keyset = NULL, destroyed_at = now()",
                "INSERT INTO data_key (key_id, wrapped_keyset, kek_id) VALUES ('incident:forged', '\\x00', 'kek')",
                "DELETE FROM data_key",
                "DELETE FROM subject_index",
                "INSERT INTO subject_index (school_id, reference_mac, subject_id) VALUES ('SCH-A', '\\x00', gen_random_uuid())",
                "UPDATE access_log SET user_id = 'someone else'",
                "DELETE FROM access_log",
                "TRUNCATE access_log",
                "DROP TRIGGER access_log_no_truncate ON access_log"}) {
            assertRefused(query, refused);
        }
    }

    @Test
    void theCommandServiceMakesAndDestroysKeysButDeletesNoKeyAndChangesNoLogEntry() {
        JdbcTemplate command = login("test_command_login");
        String key = "incident:" + UUID.randomUUID();

        assertThat(command.update("INSERT INTO data_key (key_id, wrapped_keyset, kek_id) VALUES (?, '\\x00', 'kek')", key))
                .isEqualTo(1);
        assertThat(command.update("UPDATE data_key SET wrapped_keyset = NULL, kek_id = NULL, destroyed_at = now() WHERE key_id = ?",
                key)).isEqualTo(1);
        assertThat(command.update("""
                INSERT INTO access_log (service, user_id, role, action, outcome, status)
                VALUES ('command-service', 'auditor', 'AUDITOR', 'EVENTS', 'ALLOWED', 200)""")).isEqualTo(1);
        for (String refused : new String[]{
                "DELETE FROM data_key",
                "SELECT count(*) FROM access_log",
                "UPDATE access_log SET user_id = 'someone else'",
                "DELETE FROM access_log",
                "TRUNCATE access_log",
                "DROP TABLE access_log"}) {
            assertRefused(command, refused);
        }
    }

    /** Refused for want of privilege, not for any other reason. */
    private static void assertRefused(JdbcTemplate login, String statement) {
        assertThatThrownBy(() -> login.execute(statement)).as(statement).isInstanceOf(DataAccessException.class)
                .satisfies(e -> assertThat(((DataAccessException) e).getMostSpecificCause().getMessage())
                        .containsAnyOf("permission denied", "must be owner"));
    }
}
