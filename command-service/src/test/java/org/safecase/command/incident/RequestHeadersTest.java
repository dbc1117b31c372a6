package org.safecase.command.incident;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.safecase.platform.problem.Refusal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The two request headers the command controller reads itself, for any value a client may send: an answer or
 * a 400 naming the header, never another exception (which would be a 500).
 */
class RequestHeadersTest {

    @Property(tries = 1000, seed = "20261201")
    void givenAnyIfMatch_whenRead_expectNoCheckAVersionOrARefusalNamingIfMatch(@ForAll("headerValues") String ifMatch) {
        Long version = null;
        Throwable thrown = catchThrowable(() -> IncidentCommandController.expectedVersion(ifMatch));
        if (thrown == null) {
            version = IncidentCommandController.expectedVersion(ifMatch);
        }

        if (thrown != null) {
            assertThat(thrown).isInstanceOf(Refusal.class);
            assertThat(((Refusal) thrown).rule()).isEqualTo("INVALID_IF_MATCH");
        } else if (version != null) {
            assertThat(version).isNotNegative();
        }
    }

    @Property(tries = 1000, seed = "20261201")
    void givenAnyIdempotencyKey_whenChecked_expectTheKeyNoneOrARefusalNamingTheKey(@ForAll("headerValues") String key) {
        Throwable thrown = catchThrowable(() -> IncidentCommandController.checkedIdempotencyKey(key));

        if (thrown != null) {
            assertThat(thrown).isInstanceOf(Refusal.class);
            assertThat(((Refusal) thrown).rule()).isEqualTo("INVALID_IDEMPOTENCY_KEY");
        } else {
            String checked = IncidentCommandController.checkedIdempotencyKey(key);
            assertThat(checked == null ? key.isBlank() : checked.equals(key) && checked.length() <= 255).isTrue();
        }
    }

    @Provide
    Arbitrary<String> headerValues() {
        Arbitrary<String> versions = Arbitraries.longs().map(String::valueOf);
        Arbitrary<String> quoted = Arbitraries.oneOf(versions, Arbitraries.strings().numeric().ofMaxLength(25))
                .flatMap(v -> Arbitraries.of("\"" + v + "\"", "W/\"" + v + "\"", " " + v + " ", v + ", \"1\"", "\"" + v));
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(300), Arbitraries.strings().ascii().ofMaxLength(300),
                versions, quoted, Arbitraries.of("*", " * ", "", "   ", "W/", "\"\"", "-0", "+1", "1e3", "0x10"));
    }
}
