package org.safecase.platform.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Locale;

/**
 * Both services answer in British English whatever {@code Accept-Language} says: every request is read in that
 * one locale. Tomcat refuses to parse a header of more than ten languages by throwing, from the first filter
 * that asks (Spring's request context), which made any request carrying one a 500.
 */
public final class OneLocale extends OncePerRequestFilter {

    public static final Locale LOCALE = Locale.UK;

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(new HttpServletRequestWrapper(request) {
            @Override
            public Locale getLocale() {
                return LOCALE;
            }

            @Override
            public Enumeration<Locale> getLocales() {
                return Collections.enumeration(java.util.List.of(LOCALE));
            }
        }, response);
    }
}
