package org.safecase.query.alert;

import java.time.Instant;
import java.util.List;

/** The alerts open now for one school, from the active read models. */
public interface AlertSource {

    List<Alert> current(String schoolId, Instant now);
}
