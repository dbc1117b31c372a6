package org.safecase.command.category;

import org.safecase.events.Classification;
import org.safecase.events.Requirement;
import org.safecase.events.SubjectType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
@RequestMapping("/api/v1/categories")
class CategoryController {

    /** A category as the contract shows it; {@code closureRequirements} adds what is not a referral, such as DSL involvement. */
    record CategoryView(String code, String name, Classification classification, List<Requirement> requiredReferrals,
                        List<SubjectType> subjectTypes, List<Requirement> closureRequirements, String catalogueVersion) {
    }

    private final CategoryCatalogue catalogue;

    CategoryController(CategoryCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    @GetMapping
    List<CategoryView> categories() {
        return catalogue.all().stream()
                .map(c -> new CategoryView(c.code(), c.name(), c.classification(),
                        c.requirements().stream().filter(r -> r != Requirement.DSL_INVOLVEMENT).toList(),
                        c.subjectTypes().stream().sorted().toList(), c.requirements(), catalogue.version()))
                .toList();
    }
}
