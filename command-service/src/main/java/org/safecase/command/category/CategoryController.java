package org.safecase.command.category;

import io.swagger.v3.oas.annotations.Operation;
import org.safecase.events.Classification;
import org.safecase.events.Requirement;
import org.safecase.events.SubjectType;
import org.safecase.platform.problem.Refusal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
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
    private final SanctionsMatrix matrix;

    CategoryController(CategoryCatalogue catalogue, SanctionsMatrix matrix) {
        this.catalogue = catalogue;
        this.matrix = matrix;
    }

    @GetMapping
    List<CategoryView> categories() {
        return catalogue.all().stream()
                .map(c -> new CategoryView(c.code(), c.name(), c.classification(),
                        c.requirements().stream().filter(r -> !NOT_REFERRALS.contains(r)).toList(),
                        c.subjectTypes().stream().sorted().toList(), c.requirements(), c.noCopies(), catalogue.version()))
                .toList();
    }

    @GetMapping("/{code}/sanctions")
    @Operation(summary = "The actions and sanctions the policy suggests for a category (R15)", description = """
            Seed 004's sanctions matrix as data: the rows of the pupils' and the staff's tables the category falls \
            under, and the actions they suggest, each with the seed's words, the sanction types that record it (none \
            for a referral) and its basis: SEED_TEXT (stated in the seed's words) or INFERRED (the seed's X marks \
            could not be placed with certainty). Pupils take the pupils' table; staff and volunteers the staff table. \
            Suggestions only: nothing is enforced. 404 CATEGORY_NOT_FOUND for a code not in the catalogue.""")
    SanctionsMatrix.Suggestions suggestedSanctions(@PathVariable String code) {
        return matrix.forCategory(code)
                .orElseThrow(() -> Refusal.notFound("CATEGORY_NOT_FOUND", "No such category in the catalogue"));
    }
}
