package org.safecase.command.support;

import java.util.UUID;

/** Request bodies for the tests. */
public final class Reports {

    private Reports() {
    }

    public static String report(String category, String subjectType, String reference) {
        return report("SCH-A", category, subjectType, reference, null);
    }

    public static String report(String schoolId, String category, String subjectType, String reference, String sourceReference) {
        String source = sourceReference == null ? "" : """
                , "source": {"system": "CPOMS", "reference": "%s"}""".formatted(sourceReference);
        return """
                {"schoolId": "%s", "category": "%s", "occurredAt": "2026-11-20T10:15:00Z",
                 "summary": "Messages sent in the evening", "offSite": true,
                 "subjects": [{"type": "%s", "reference": "%s", "involvement": "ALLEGED", "yearGroup": "Y6"},
                              {"type": "PUPIL", "reference": "%s", "involvement": "AFFECTED"}]%s}
                """.formatted(schoolId, category, subjectType, reference, "V-" + UUID.randomUUID(), source);
    }

    public static String uniqueReference() {
        return "P-" + UUID.randomUUID();
    }
}
