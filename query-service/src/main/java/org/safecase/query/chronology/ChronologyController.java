package org.safecase.query.chronology;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import org.safecase.platform.privacy.PersonalData;
import org.safecase.platform.security.AuthenticatedUser;
import org.safecase.query.incident.IncidentAccess;
import org.safecase.query.projection.GenerationScope;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Set;
import java.util.UUID;

@RestController
class ChronologyController {

    private final ChronologyRepository chronology;
    private final GenerationScope scope;
    private final IncidentAccess access;
    private final PersonalData personalData;

    ChronologyController(ChronologyRepository chronology, GenerationScope scope, IncidentAccess access,
                         PersonalData personalData) {
        this.chronology = chronology;
        this.scope = scope;
        this.access = access;
        this.personalData = personalData;
    }

    /**
     * The child's file. References are the school's own, so the person is looked up within the user's
     * school (an auditor: each school of the trust, or {@code schoolId}); an erased person is no longer
     * known, so their file is empty. Staff and volunteers' files, and entries of an allegation against
     * staff, only for the head teacher and auditors (R12).
     */
    @GetMapping(path = "/api/v1/subjects/{reference}/chronology", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "A subject's chronology (the child's file)", description = """
            Everything that happened to or about the person with this school reference across the school's \
            incidents, in time order: their part in each report (`role`), sanctions against them, and each incident's \
            escalations, referrals and decisions, notes (that one was added, not its text), reclassification, closure, \
            reopening, erasures and disposal. `summary` is a sentence of coded facts; other people appear only by role \
            ("another pupil", "a member of staff"), never by reference; free text is read in the incident's timeline. \
            A report is dated when it happened, other entries when recorded. An unknown or erased reference answers \
            `entries: []`. DSLs, head teachers and auditors; a staff or volunteer subject, and entries of an allegation \
            against staff, head teacher and auditors only.""")
    ChronologyView chronology(@PathVariable String reference,
                              @Parameter(description = "auditors: one school of the trust (references are per school)")
                              @RequestParam(required = false) String schoolId,
                              AuthenticatedUser user) {
        Set<String> schools = access.readableSchools(user, schoolId);
        List<UUID> subjects = schools.stream().sorted()
                .flatMap(school -> personalData.knownSubject(school, reference).stream())
                .toList();
        List<ChronologyView.Entry> entries = scope.read(() -> chronology.entries(subjects, schools,
                        access.sight(user))).stream()
                .map(ChronologyView.Entry::of)
                .toList();
        return new ChronologyView(reference, entries);
    }
}
