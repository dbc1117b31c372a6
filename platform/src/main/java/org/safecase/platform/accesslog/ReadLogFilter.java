package org.safecase.platform.accesslog;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.safecase.platform.problem.ProblemResponses;
import org.safecase.platform.security.AuthenticatedUser;
import org.safecase.platform.security.SafecaseSecurity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import java.io.IOException;
import java.util.Optional;

/**
 * Records every read of case data in the read log, inside the security chain: after authentication (it
 * knows the user) and around authorisation (it sees a role refused as well as what the controller
 * answered). Fails closed: the answer is held back until its entry is written, and a read that cannot be
 * recorded serves nothing but a 503. Anonymous requests (answered 401) are not recorded. Not a bean, so
 * that it runs in the security chain only; {@link SafecaseSecurity} installs it.
 */
public final class ReadLogFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(ReadLogFilter.class);

    private final CaseReads reads;
    private final ReadLog readLog;
    private final ProblemResponses problems;

    public ReadLogFilter(CaseReads reads, ReadLog readLog, ProblemResponses problems) {
        this.reads = reads;
        this.readLog = readLog;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<CaseRead.Match> read = reads.match(request);
        if (read.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        ContentCachingResponseWrapper held = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(request, held);
        } catch (AccessDeniedException refused) {
            // refused by the service's rules before any controller: the exception handling answers 403 (or 401)
            if (!recorded(read.get(), HttpStatus.FORBIDDEN.value())) {
                unavailable(response);
                return;
            }
            throw refused;
        } catch (IOException | ServletException | RuntimeException failed) {
            recorded(read.get(), HttpStatus.INTERNAL_SERVER_ERROR.value());
            throw failed;
        }
        if (recorded(read.get(), held.getStatus())) {
            held.copyBodyToResponse();
        } else {
            unavailable(response);
        }
    }

    /** Whether the read is in the log (an anonymous request is not recorded: it is answered 401). */
    private boolean recorded(CaseRead.Match read, int status) {
        Optional<AuthenticatedUser> user = user();
        if (user.isEmpty()) {
            return true;
        }
        try {
            readLog.record(reads.service(), read, user.get(), status);
            return true;
        } catch (RuntimeException e) {
            log.error("The read log could not record {} of incident {} by {} (status {}): nothing is served",
                    read.action(), read.incident(), user.get().userId(), status, e);
            return false;
        }
    }

    /** What was held back is dropped: headers and body. */
    private void unavailable(HttpServletResponse response) throws IOException {
        if (!response.isCommitted()) {
            response.reset();
            problems.write(response, HttpStatus.SERVICE_UNAVAILABLE, "READ_LOG_UNAVAILABLE",
                    "The read could not be recorded in the read log, so nothing is shown; try again later");
        }
    }

    private static Optional<AuthenticatedUser> user() {
        return SafecaseSecurity.authenticatedUser(SecurityContextHolder.getContext().getAuthentication());
    }
}
