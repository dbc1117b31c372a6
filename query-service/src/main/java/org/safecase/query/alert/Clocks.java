package org.safecase.query.alert;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The time targets of the policies and KCSIE as data ({@code alerts/clocks.json}): each duty is due
 * {@code IMMEDIATELY} (within the file's {@code immediately}, by the clock) or within {@code N WORKING_DAY(S)} of
 * when it arose (by the school-day calendar). A duty the file does not name has no clock and raises no alert.
 */
@Component
public class Clocks {

    private static final Pattern WORKING_DAYS = Pattern.compile("([1-9][0-9]?) WORKING_DAYS?");

    private record Entry(String due, String within, String source, String when) {
    }

    private record Document(String version, Duration immediately, List<Entry> clocks) {
    }

    private final Duration immediately;
    private final Map<String, Entry> byDue;
    private final WorkingDays workingDays;

    Clocks(@Value("${safecase.alerts.clocks:classpath:alerts/clocks.json}") Resource resource, JsonMapper json,
           WorkingDays workingDays) {
        this.workingDays = workingDays;
        try (InputStream in = resource.getInputStream()) {
            Document document = json.readValue(in, Document.class);
            this.immediately = document.immediately();
            this.byDue = document.clocks().stream().collect(Collectors.toUnmodifiableMap(Entry::due, Function.identity()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the clocks " + resource, e);
        }
        byDue.values().forEach(entry -> dueAt(entry.due(), Instant.EPOCH)); // every target readable, or no start
    }

    /** When a duty that arose at {@code since} falls due; empty if it has no clock. */
    public Optional<Instant> dueAt(String due, Instant since) {
        Entry entry = byDue.get(due);
        if (entry == null) {
            return Optional.empty();
        }
        if (entry.within().equals("IMMEDIATELY")) {
            return Optional.of(since.plus(immediately));
        }
        Matcher days = WORKING_DAYS.matcher(entry.within());
        if (!days.matches()) {
            throw new IllegalStateException("clock " + due + ": 'within' must be IMMEDIATELY or N WORKING_DAYS");
        }
        return Optional.of(workingDays.endOfWorkingDays(since, Integer.parseInt(days.group(1))));
    }
}
