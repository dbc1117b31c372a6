package org.safecase.web.layout;

/** One line of a page's error summary: what is wrong in words, and the field to fix ({@code #id}) if there is one. */
public record PageError(String text, String href) {

    public static PageError of(String text) {
        return new PageError(text, null);
    }

    public static PageError at(String fieldId, String text) {
        return new PageError(text, "#" + fieldId);
    }
}
