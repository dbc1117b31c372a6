package org.safecase.web.layout;

import org.springframework.stereotype.Component;

import java.util.List;

/** The page errors linked to one field, for the message above it: templates call {@code @fieldErrors.of(pageErrors, id)}. */
@Component("fieldErrors")
public class FieldErrors {

    public List<PageError> of(List<PageError> pageErrors, String fieldId) {
        if (pageErrors == null) {
            return List.of();
        }
        String href = "#" + fieldId;
        return pageErrors.stream().filter(error -> href.equals(error.href())).toList();
    }
}
