package org.safecase.command.incident;

import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.junit.jupiter.api.Test;
import org.safecase.platform.problem.Refusal;
import org.springframework.http.HttpStatus;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The one place an incident's refusals become HTTP: each kind its status, the rule code and properties kept. */
class CommandSenderTest {

    static Refusal sentAndRefusedWith(IncidentRefusal refusal) {
        SimpleCommandBus bus = SimpleCommandBus.builder().build();
        bus.subscribe(String.class.getName(), command -> {
            throw refusal;
        });
        CommandSender sender = new CommandSender(DefaultCommandGateway.builder().commandBus(bus).build());
        return catchThrowableOfType(Refusal.class, () -> sender.send("a command"));
    }

    @Test
    void aPolicyRuleIsAConflictWithItsProperties() {
        Refusal refusal = sentAndRefusedWith(IncidentRefusal.byRule("POLICE_REFERRAL_REQUIRED", "cannot close",
                Map.of("unmetRequirements", List.of("POLICE_REFERRAL_REQUIRED"))));

        assertThat(refusal.status()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(refusal.rule()).isEqualTo("POLICE_REFERRAL_REQUIRED");
        assertThat(refusal.getMessage()).isEqualTo("cannot close");
        assertThat(refusal.properties()).containsEntry("unmetRequirements", List.of("POLICE_REFERRAL_REQUIRED"));
    }

    @Test
    void whatTheUserMayNotDoIsForbidden() {
        Refusal refusal = sentAndRefusedWith(IncidentRefusal.notAllowed("SCHOOL_NOT_ALLOWED", "not your school"));

        assertThat(refusal.status()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(refusal.rule()).isEqualTo("SCHOOL_NOT_ALLOWED");
    }

    @Test
    void anUnacceptableValueIsABadRequestNamingItsField() {
        Refusal refusal = sentAndRefusedWith(IncidentRefusal.invalid("IN_THE_FUTURE", "occurredAt",
                "must not be in the future"));

        assertThat(refusal.status()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(refusal.rule()).isEqualTo("IN_THE_FUTURE");
        assertThat(refusal.properties()).containsEntry("errors",
                List.of(Map.of("field", "occurredAt", "message", "must not be in the future")));
    }
}
