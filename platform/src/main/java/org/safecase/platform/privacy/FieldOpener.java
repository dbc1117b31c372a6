package org.safecase.platform.privacy;

import org.safecase.events.Sealed;

import java.util.Collection;
import java.util.UUID;

/**
 * Opens the sealed fields of an incident's events for an authorised reader: the text, or
 * {@link Sealed#ERASED} where a key was destroyed; null stays null. {@link PersonalData} is the one
 * implementation; readers that only need this take it, so they never seal or destroy.
 */
public interface FieldOpener {

    /** Keys made ready by {@link #prepare}: closing lets go of them. */
    interface Prepared extends AutoCloseable {

        Prepared NOTHING = () -> {
        };

        @Override
        void close();
    }

    /**
     * Makes the keys of these incidents and people ready in one round trip, before their fields are opened one by one
     * on this thread: for a reader that is about to open the fields of many incidents' events (a projector's poll). The
     * keys are held until the answer is closed. Only a hint: opening gives the same answers without it, and an opener
     * that holds no keys has nothing to prepare.
     */
    default Prepared prepare(Collection<UUID> incidentIds, Collection<UUID> subjectIds) {
        return Prepared.NOTHING;
    }

    /** A field about the incident. */
    String open(UUID incidentId, String field, Sealed sealed);

    /** A field about one person of the incident. */
    String openFor(UUID incidentId, UUID subjectId, String field, Sealed sealed);

    /** Whether a text is one of the markers shown in place of a field that cannot be read. */
    static boolean isMarker(String text) {
        return Sealed.ERASED.equals(text) || Sealed.UNREADABLE.equals(text);
    }
}
