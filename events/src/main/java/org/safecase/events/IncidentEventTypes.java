package org.safecase.events;

import org.axonframework.serialization.Revision;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The stable public type names of the events (the contract's {@code type}) and their schema
 * revisions. A Java class may move or be renamed; its type name never changes.
 */
public final class IncidentEventTypes {

    private static final List<Class<? extends IncidentEvent>> ALL = List.of(
            IncidentReported.class, IncidentEscalated.class, PoliceReferralMade.class,
            ExternalReferralRecorded.class, SanctionApplied.class, NoteAdded.class, IncidentReclassified.class,
            IncidentClosed.class, IncidentReopened.class, SubjectErased.class, IncidentDisposed.class,
            LegalHoldPlaced.class, LegalHoldReleased.class, IncidentCorrected.class,
            SubjectRemoved.class, SubjectAdded.class, ParentContactRecorded.class, SupportProvided.class,
            ActionAssigned.class, ActionCompleted.class, EvidenceRecorded.class, DeviceSeized.class,
            DeviceHandedOver.class);

    private static final Map<String, Class<? extends IncidentEvent>> BY_NAME = ALL.stream()
            .collect(Collectors.toUnmodifiableMap(Class::getSimpleName, Function.identity()));

    private IncidentEventTypes() {
    }

    public static List<Class<? extends IncidentEvent>> all() {
        return ALL;
    }

    public static String typeName(Class<?> eventClass) {
        if (!BY_NAME.containsKey(eventClass.getSimpleName())) {
            throw new IllegalArgumentException("not an incident event: " + eventClass.getName());
        }
        return eventClass.getSimpleName();
    }

    public static int schemaVersion(Class<?> eventClass) {
        Revision revision = eventClass.getAnnotation(Revision.class);
        return revision == null ? 1 : Integer.parseInt(revision.value());
    }

    public static Optional<Class<? extends IncidentEvent>> forName(String typeName) {
        return Optional.ofNullable(BY_NAME.get(typeName));
    }
}
