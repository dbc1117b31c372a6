package org.safecase.query.incident;

import java.util.List;

/** One page of the incident log, newest reported first. */
record IncidentLogPage(List<IncidentView> items, int page, int size, long total) {
}
