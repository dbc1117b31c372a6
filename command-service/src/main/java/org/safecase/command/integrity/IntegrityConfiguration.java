package org.safecase.command.integrity;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;

/** Every event appended to the store passes through the hash chain first. */
@Configuration
class IntegrityConfiguration {

    @Autowired
    void chainEveryEvent(EventStore eventStore, HashChain chain) {
        eventStore.registerDispatchInterceptor(chain);
    }
}
