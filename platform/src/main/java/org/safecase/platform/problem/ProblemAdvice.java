package org.safecase.platform.problem;

import org.apache.tomcat.util.http.InvalidParameterException;
import org.safecase.platform.http.RequestBodyLimit;
import org.safecase.platform.http.RequestBodyLimit.BodyTooLargeException;
import org.safecase.platform.privacy.PersonalDataUnavailableException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.lang.Nullable;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JsonParser;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The one error mapper of both services: every client mistake becomes problem+json, never a 500. */
@RestControllerAdvice
public class ProblemAdvice extends ResponseEntityExceptionHandler {

    /** A property name the answer may repeat: an identifier, as every property of the API is. */
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]{0,63}");

    @ExceptionHandler(Refusal.class)
    ResponseEntity<ProblemDetail> refused(Refusal refusal) {
        return answer(refusal.status(), ProblemResponses.of(refusal));
    }

    /**
     * A key destroyed between the checks of a command and the sealing of its fields: an erasure or a
     * disposal won the race. The command is refused as it would have been a moment later.
     */
    @ExceptionHandler(PersonalDataUnavailableException.class)
    ResponseEntity<ProblemDetail> personalDataGone(PersonalDataUnavailableException e) {
        return refused(Refusal.byRule("PERSONAL_DATA_ERASED",
                "The incident was disposed of, or the person erased, while this request was made"));
    }

    /**
     * A query string Tomcat cannot decode ({@code %}, {@code %zz}, {@code =x}), found when a parameter is first
     * read: a 400, where it was the container's, logged as an error with the value quoted.
     */
    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<ProblemDetail> undecodableQuery(InvalidParameterException e) {
        ProblemDetail problem = ProblemResponses.problem(HttpStatus.BAD_REQUEST, ProblemResponses.MALFORMED_REQUEST,
                "The query string is not well-formed");
        problem.setProperty("rule", ProblemResponses.MALFORMED_REQUEST);
        return answer(HttpStatus.BAD_REQUEST, problem);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
        return invalid(List.of(Map.of("field", e.getName(), "message", "is not a valid value")));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = ex.getBindingResult().getFieldErrors().stream()
                .sorted(Comparator.comparing(FieldError::getField))
                .map(error -> Map.of("field", error.getField(),
                        "message", error.getDefaultMessage() == null ? "is invalid" : error.getDefaultMessage()))
                .toList();
        return answer(HttpStatus.BAD_REQUEST, validation(errors));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
                                                                            HttpHeaders headers, HttpStatusCode status,
                                                                            WebRequest request) {
        List<Map<String, String>> errors = ex.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream().map(error -> Map.of(
                        "field", result.getMethodParameter().getParameterName() == null ? "request"
                                : result.getMethodParameter().getParameterName(),
                        "message", error.getDefaultMessage() == null ? "is invalid" : error.getDefaultMessage())))
                .toList();
        return answer(HttpStatus.BAD_REQUEST, validation(errors));
    }

    /**
     * A body that is not what the API reads. The answer names where (field names and indexes only) and
     * never quotes what was sent: a value may be personal data, and so may an unknown property's name
     * that is not a plain identifier.
     */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        Optional<BodyTooLargeException> tooLarge = causeOf(ex, BodyTooLargeException.class);
        if (tooLarge.isPresent()) {
            // a chunked body that outgrew the limit while it was read (a declared length is refused by the filter)
            ProblemDetail problem = ProblemResponses.problem(HttpStatus.CONTENT_TOO_LARGE, RequestBodyLimit.RULE,
                    RequestBodyLimit.detail(tooLarge.get().maxBytes()));
            problem.setProperty("rule", RequestBodyLimit.RULE);
            return answer(HttpStatus.CONTENT_TOO_LARGE, problem);
        }
        Throwable cause = ex.getMostSpecificCause();
        if (cause instanceof DatabindException databind && !databind.getPath().isEmpty()) {
            String field = databind.getPath().stream()
                    .map(ref -> ref.getPropertyName() != null ? named(ref.getPropertyName()) : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            return answer(HttpStatus.BAD_REQUEST, validation(List.of(Map.of("field", field, "message", describe(databind)))));
        }
        Optional<String> duplicate = duplicateProperty(cause);
        if (duplicate.isPresent()) {
            return answer(HttpStatus.BAD_REQUEST, validation(List.of(Map.of("field", duplicate.get(),
                    "message", "is given more than once"))));
        }
        ProblemDetail problem = ProblemResponses.problem(HttpStatus.BAD_REQUEST, ProblemResponses.MALFORMED_REQUEST,
                "The request body is not well-formed JSON");
        problem.setProperty("rule", ProblemResponses.MALFORMED_REQUEST);
        return answer(HttpStatus.BAD_REQUEST, problem);
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ResponseEntity<ProblemDetail> missingHeader(MissingRequestHeaderException e) {
        return invalid(List.of(Map.of("field", e.getHeaderName(), "message", "is required")));
    }

    @Override
    protected ResponseEntity<Object> createResponseEntity(@Nullable Object body, HttpHeaders headers,
                                                          HttpStatusCode statusCode, WebRequest request) {
        // Spring's own problems (405, 406, 415, ...) come untyped, or typed about:blank: typed by their status here
        if (body instanceof ProblemDetail problem) {
            if (problem.getType() == null || "about:blank".equals(problem.getType().toString())) {
                HttpStatus status = HttpStatus.valueOf(statusCode.value());
                problem.setType(ProblemResponses.problem(status, status.name(), "").getType());
            }
            HttpHeaders problemHeaders = new HttpHeaders();
            problemHeaders.putAll(headers);
            problemHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
            return super.createResponseEntity(body, problemHeaders, statusCode, request);
        }
        return super.createResponseEntity(body, headers, statusCode, request);
    }

    /**
     * Every answer of the advice: problem+json, whatever the request's {@code Accept}. A type set here skips
     * content negotiation, which for an {@code Accept} it cannot parse ({@code garbage}, {@code q=abc}) would
     * otherwise drop the body of an error and answer its status alone.
     */
    private static <T> ResponseEntity<T> answer(HttpStatusCode status, T problem) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static String describe(DatabindException e) {
        if (e instanceof UnrecognizedPropertyException) {
            return "is not a property of this request";
        }
        if (e instanceof InvalidFormatException invalid && invalid.getTargetType() != null
                && invalid.getTargetType().isEnum()) {
            return "must be one of " + Arrays.toString(invalid.getTargetType().getEnumConstants());
        }
        if (e instanceof MismatchedInputException mismatched && mismatched.getTargetType() != null) {
            return "must be a " + mismatched.getTargetType().getSimpleName();
        }
        return "is not a valid value";
    }

    /** A property name as the client sent it, if it is a plain identifier; otherwise not repeated. */
    private static String named(String property) {
        return PLAIN_NAME.matcher(property).matches() ? property : "(a property)";
    }

    /**
     * The path of a property the parser met twice (strict duplicate detection), e.g. {@code subjects[0].type}.
     * Jackson signals it only by its message; the path comes from the parser's context, never the message.
     */
    private static Optional<String> duplicateProperty(Throwable cause) {
        if (!(cause instanceof StreamReadException read) || read.getOriginalMessage() == null
                || !read.getOriginalMessage().startsWith("Duplicate Object property") || read.processor() == null) {
            return Optional.empty();
        }
        JsonParser parser = read.processor();
        List<String> path = new ArrayList<>();
        for (TokenStreamContext context = parser.streamReadContext(); context != null && !context.inRoot();
             context = context.getParent()) {
            path.add(0, context.inArray() ? "[" + context.getCurrentIndex() + "]"
                    : "." + named(String.valueOf(context.currentName())));
        }
        String field = String.join("", path);
        return Optional.of(field.startsWith(".") ? field.substring(1) : field);
    }

    private static <T extends Throwable> Optional<T> causeOf(Throwable e, Class<T> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (type.isInstance(cause)) {
                return Optional.of(type.cast(cause));
            }
        }
        return Optional.empty();
    }

    private ResponseEntity<ProblemDetail> invalid(List<Map<String, String>> errors) {
        return answer(HttpStatus.BAD_REQUEST, validation(errors));
    }

    private static ProblemDetail validation(List<Map<String, String>> errors) {
        ProblemDetail problem = ProblemResponses.problem(HttpStatus.BAD_REQUEST, "VALIDATION_FAILED",
                "The request has invalid fields");
        problem.setProperty("rule", "VALIDATION_FAILED");
        problem.setProperty("errors", errors);
        return problem;
    }
}
