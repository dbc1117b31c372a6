package org.safecase.localstack.fuzz;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What every answer to any request must be: never a 5xx, and every 4xx a problem+json (RFC 9457). */
public final class Answers {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Answers() {
    }

    public static void assertWellAnswered(ApiFuzz.FuzzRequest request, RawHttp.Response response) {
        if (response.status() >= 500 && !unknownTransferCoding(request, response)) {
            throw failure("a server error", request, response);
        }
        if (response.status() < 400) {
            return;
        }
        String contentType = response.header("Content-Type");
        if (contentType == null || !contentType.startsWith("application/problem+json")) {
            throw failure("a refusal that is not application/problem+json", request, response);
        }
        if (request.request().method().equals("HEAD")) {
            return;
        }
        JsonNode problem;
        try {
            problem = JSON.readTree(response.body());
        } catch (RuntimeException e) {
            throw failure("a problem+json that is not JSON", request, response);
        }
        if (!problem.path("type").isString() || problem.path("type").asString().isBlank()
                || !problem.path("title").isString() || problem.path("title").asString().isBlank()
                || problem.path("status").asInt(-1) != response.status()) {
            throw failure("a problem without its type, title or status", request, response);
        }
    }

    /**
     * The one 5xx HTTP asks for: a transfer coding the server does not know is 501 (RFC 9112, section 6.1),
     * answered by the servlet container before the service sees the request.
     */
    private static boolean unknownTransferCoding(ApiFuzz.FuzzRequest request, RawHttp.Response response) {
        return response.status() == 501 && request.request().headers().stream().anyMatch(h ->
                h.getKey().equalsIgnoreCase("Transfer-Encoding") && !h.getValue().trim().equalsIgnoreCase("chunked"));
    }

    public static AssertionError failure(String what, ApiFuzz.FuzzRequest request, RawHttp.Response response) {
        return new AssertionError("Got " + what + ": " + response.status() + " "
                + response.header("Content-Type") + ": " + RawHttp.abbreviated(response.text()) + "\nfor " + request);
    }
}
