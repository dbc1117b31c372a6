package org.safecase.platform.accesslog;

import jakarta.servlet.http.HttpServletRequest;

import java.util.List;
import java.util.Optional;

/**
 * Every read of case data a service answers, each recorded in the read log: a service declares its
 * own as a bean, and a new read is one more line there. The service's security chain will not start
 * without it.
 *
 * @param service the service's name in the log ({@code command}, {@code query})
 */
public record CaseReads(String service, List<CaseRead> reads) {

    public CaseReads {
        reads = List.copyOf(reads);
    }

    public static CaseReads of(String service, CaseRead... reads) {
        return new CaseReads(service, List.of(reads));
    }

    Optional<CaseRead.Match> match(HttpServletRequest request) {
        for (CaseRead read : reads) {
            Optional<CaseRead.Match> match = read.match(request);
            if (match.isPresent()) {
                return match;
            }
        }
        return Optional.empty();
    }
}
