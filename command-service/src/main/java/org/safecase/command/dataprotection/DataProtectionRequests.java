package org.safecase.command.dataprotection;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The data protection officer's request bodies. Their reasons are kept in clear on the record, so that
 * an erasure stays accountable after it: a reason states the ground (a request reference, the rule),
 * never a person's name; control characters are refused.
 */
final class DataProtectionRequests {

    static final String PRINTABLE = "[^\\p{Cntrl}]*";

    private DataProtectionRequests() {
    }

    record Erasure(@NotBlank @Size(max = 64) String schoolId,
                   @NotBlank @Size(max = 500) @Pattern(regexp = PRINTABLE, message = "must not contain control characters") String reason) {
    }

    record Reason(@NotBlank @Size(max = 500) @Pattern(regexp = PRINTABLE, message = "must not contain control characters") String reason) {
    }
}
