package org.safecase.command.incident;

import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Incidents kept loaded between commands, so that a command does not read and deserialise the incident's whole
 * stream again (most of a command's cost). Axon evicts an incident whose unit of work rolls back. Another
 * command-service instance's change is not seen by this cache: a command decided on such stale state either
 * appends at a sequence already taken (a concurrency conflict) or is refused; {@link CommandSender} then decides
 * it once more on the stored state, so the cache never changes an answer.
 */
@Configuration(proxyBeanMethods = false)
class IncidentCache {

    static final String NAME = "incidentAggregateCache";

    @Bean(NAME)
    Cache incidentCache() {
        // held while in use, let go under memory pressure: bounded by the heap, never stale within this instance
        return new WeakReferenceCache();
    }
}
