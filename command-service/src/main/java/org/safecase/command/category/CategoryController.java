package org.safecase.command.category;

import org.safecase.events.Classification;
import org.safecase.events.Requirement;
import org.safecase.events.SubjectType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

@RestController
@RequestMapping("/api/v1/categories")
class CategoryController {

    /**
     * A category as the contract shows it: {@code requiredReferrals} the referrals and recorded referral decisions,
     * {@code closureRequirements} everything that must be on record to close (adding who must be involved or told),
     * {@code noCopies} whether no copy of its material is ever taken (R9).
     */
    record CategoryView(String code, String name, Classification classification, List<Requirement> requiredReferrals,
                        List<SubjectType> subjectTypes, List<Requirement> closureRequirements, boolean noCopies,
                        String catalogueVersion) {
    }

    private static final Set<Requirement> NOT_REFERRALS = EnumSet.of(Requirement.DSL_INVOLVEMENT,
            Requirement.HEAD_TEACHER_INFORMED);

    private final CategoryCatalogue catalogue;

    CategoryController(CategoryCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    @GetMapping
    List<CategoryView> categories() {
        return catalogue.all().stream()
                .map(c -> new CategoryView(c.code(), c.name(), c.classification(),
                        c.requirements().stream().filter(r -> !NOT_REFERRALS.contains(r)).toList(),
                        c.subjectTypes().stream().sorted().toList(), c.requirements(), c.noCopies(), catalogue.version()))
                .toList();
    }
}
