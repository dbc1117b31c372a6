package org.safecase.command.incident;

import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.EhCache3Adapter;
import org.ehcache.CacheManager;
import org.ehcache.config.builders.CacheConfigurationBuilder;
import org.ehcache.config.builders.CacheManagerBuilder;
import org.ehcache.config.builders.ResourcePoolsBuilder;
import org.ehcache.core.Ehcache;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Incidents kept loaded between commands, so that a command does not read and deserialise the incident's whole
 * stream again (most of a command's cost): the {@code safecase.incident-cache.size} incidents used last, held on the
 * heap by reference (an incident's state is ids and flags: no personal field, not even sealed). Axon evicts an
 * incident whose unit of work rolls back. Another command-service instance's change is not seen by this cache: a
 * command decided on such stale state either appends at a sequence already taken (a concurrency conflict) or is
 * refused; {@link CommandSender} then decides it once more on the stored state, so the cache never changes an answer,
 * however long it keeps an incident.
 */
@Configuration(proxyBeanMethods = false)
class IncidentCache {

    static final String NAME = "incidentAggregateCache";

    @Bean(destroyMethod = "close")
    CacheManager incidentCacheManager(@Value("${safecase.incident-cache.size:10000}") long size) {
        return CacheManagerBuilder.newCacheManagerBuilder()
                .withCache(NAME, CacheConfigurationBuilder.newCacheConfigurationBuilder(Object.class, Object.class,
                        ResourcePoolsBuilder.heap(size)))
                .build(true);
    }

    @Bean(NAME)
    Cache incidentCache(CacheManager incidentCacheManager) {
        return new EhCache3Adapter((Ehcache<Object, Object>) incidentCacheManager.getCache(NAME, Object.class, Object.class));
    }
}
