package org.safecase.events;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The record headers of an envelope on the topic: the CloudEvents Kafka protocol binding in binary mode
 * ({@code ce_} attributes) and the content type. The one place they are made: the forwarder, the tests
 * and the benchmark all publish with these.
 */
public final class CloudEventHeaders {

    public static final String SOURCE = "/safecase/command-service";

    private CloudEventHeaders() {
    }

    /** Header name to value, in the order they are written. */
    public static Map<String, String> of(IncidentEventEnvelope envelope, String source) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("ce_specversion", "1.0");
        headers.put("ce_id", envelope.eventId().toString());
        headers.put("ce_type", "org.safecase." + envelope.type() + ".v" + envelope.schemaVersion());
        headers.put("ce_source", source);
        headers.put("ce_time", envelope.recordedAt().toString());
        headers.put("ce_subject", envelope.incidentId().toString());
        headers.put("content-type", "application/json");
        return headers;
    }
}
