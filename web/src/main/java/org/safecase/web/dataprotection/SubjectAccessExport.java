package org.safecase.web.dataprotection;

import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A subject access export as the page shows it: each incident, the person's own entry and each event's content as
 * lines of "what: value", nested fields named by their path, so the DPO reads every recorded word before release.
 */
record SubjectAccessExport(String notice, List<Incident> incidents) {

    record Incident(String categoryName, String classification, Instant occurredAt, List<Line> person,
                    List<Event> events) {
    }

    record Event(long sequence, Instant at, String type, String actorRole, List<Line> content) {
    }

    record Line(String field, String value) {
    }

    static SubjectAccessExport of(JsonNode export) {
        List<Incident> incidents = new ArrayList<>();
        for (JsonNode incident : export.path("incidents")) {
            List<Event> events = new ArrayList<>();
            for (JsonNode event : incident.path("events")) {
                events.add(new Event(event.path("sequence").asLong(), instant(event.path("at")),
                        event.path("type").asString(""), event.path("actorRole").asString(""),
                        lines(event.path("content"))));
            }
            incidents.add(new Incident(incident.path("categoryName").asString(""),
                    incident.path("classification").asString(""), instant(incident.path("occurredAt")),
                    lines(incident.path("subject")), events));
        }
        return new SubjectAccessExport(export.path("notice").asString(""), incidents);
    }

    private static Instant instant(JsonNode value) {
        return value.isString() ? Instant.parse(value.asString()) : null;
    }

    private static List<Line> lines(JsonNode content) {
        List<Line> lines = new ArrayList<>();
        add("", content, lines);
        return lines;
    }

    private static void add(String path, JsonNode node, List<Line> lines) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                add(path.isEmpty() ? field.getKey() : path + " › " + field.getKey(), field.getValue(), lines);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                add(path + " " + (i + 1), node.get(i), lines);
            }
        } else if (!node.isMissingNode() && !node.isNull()) {
            lines.add(new Line(path, node.asString()));
        }
    }
}
