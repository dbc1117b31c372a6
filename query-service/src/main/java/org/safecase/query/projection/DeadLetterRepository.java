package org.safecase.query.projection;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The events a generation passed over because they could not be applied (the transaction's generation: {@link GenerationScope}). */
@Repository
public class DeadLetterRepository {

    private final JdbcTemplate jdbc;

    DeadLetterRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Records a dead-lettered record once, however often it is recovered. */
    public void record(EventIdentity event, String topic, int partition, long offset, String reason) {
        jdbc.update("""
                INSERT INTO dead_lettered_event (event_id, incident_id, sequence, event_type, topic, kafka_partition, kafka_offset, reason)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT ON CONSTRAINT dead_lettered_event_record DO NOTHING""",
                event.eventId(), event.incidentId(), event.sequence(), event.type(), topic, partition, offset,
                reason.length() > 500 ? reason.substring(0, 500) : reason);
    }

    /** The dead-lettered records that broke their incident's hash chain. */
    public long countChainBroken() {
        Long count = jdbc.queryForObject("SELECT count(*) FROM dead_lettered_event WHERE reason LIKE '" + ChainBrokenException.REASON + "%'", Long.class);
        return count == null ? 0 : count;
    }

    public long count() {
        Long count = jdbc.queryForObject("SELECT count(*) FROM dead_lettered_event", Long.class);
        return count == null ? 0 : count;
    }
}
