package org.safecase.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Objects;

/**
 * A personal field of an event, encrypted before the event is stored or published: {@code ciphertext}
 * is the Base64 of an authenticated encryption (AES-256-GCM) of the UTF-8 text, bound to the field it
 * belongs to. Fields about an incident are sealed with the incident's data key; fields about one person
 * (a subject's reference, date of birth, year group, and what is recorded against them) are sealed
 * with that person's key and then with the incident's, so that destroying either key erases them.
 * Reading one needs the keys: see the platform's {@code PersonalData}.
 *
 * <p>{@code clear} is only ever set for fields of events written before encryption (revision 1), as the
 * upcaster brings them forward: their text was stored in clear and stays readable as it was.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Sealed(String ciphertext, String clear) {

    /** What every authorised reader sees in place of a field whose key has been destroyed. */
    public static final String ERASED = "[erased]";

    /**
     * What a reader sees in place of a field it cannot open although its key was never destroyed: the
     * ciphertext does not belong where it is (tampered with), or no key for it was ever made.
     */
    public static final String UNREADABLE = "[unreadable]";

    public Sealed {
        if ((ciphertext == null) == (clear == null)) {
            throw new IllegalArgumentException("a sealed field has either a ciphertext or a legacy clear value");
        }
    }

    public static Sealed ciphertext(String base64) {
        return new Sealed(Objects.requireNonNull(base64, "ciphertext"), null);
    }

    /** A field of a revision-1 event, written before fields were encrypted. */
    public static Sealed legacyClear(String text) {
        return new Sealed(null, Objects.requireNonNull(text, "clear"));
    }

    @JsonIgnore
    public boolean isLegacyClear() {
        return clear != null;
    }

    @Override
    public String toString() {
        return "Sealed[...]";
    }
}
