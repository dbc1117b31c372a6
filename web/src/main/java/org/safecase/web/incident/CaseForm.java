package org.safecase.web.incident;

import java.util.Map;

/**
 * One form of the case page: its name (which prefixes its fields' ids and their messages), the command service's
 * resource under the incident it sends to (a template such as {@code actions/{actionId}/completion}), the words
 * said once it is done, and the service's field names mapped to the form's where they differ ({@code dueOn} is
 * answered in {@code dueOn-day}).
 */
record CaseForm(String name, String resource, String success, Map<String, String> fields) {

    CaseForm(String name, String resource, String success) {
        this(name, resource, success, Map.of());
    }

    CaseForm withFields(Map<String, String> fields) {
        return new CaseForm(name, resource, success, fields);
    }
}
