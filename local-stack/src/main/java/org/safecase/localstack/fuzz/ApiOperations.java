package org.safecase.localstack.fuzz;

import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every operation of a service as its OpenAPI document publishes it: method, path template, parameters and the
 * request body's schema, {@code $ref}s resolved. In a stable order, so that a seed always draws the same requests.
 */
public final class ApiOperations {

    /** A path, query or header parameter. */
    public record Parameter(String name, String in, JsonNode schema, boolean required) {
    }

    /** One operation; {@code bodySchema} is null where it reads no body. */
    public record Operation(String method, String path, List<Parameter> parameters, JsonNode bodySchema) {

        public List<Parameter> in(String location) {
            return parameters.stream().filter(p -> p.in().equals(location)).toList();
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private final JsonNode document;
    private final List<Operation> operations;

    public ApiOperations(JsonNode document) {
        this.document = document;
        List<Operation> found = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : document.get("paths").properties()) {
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                found.add(operation(path.getKey(), operation.getKey().toUpperCase(Locale.ROOT), operation.getValue()));
            }
        }
        found.sort(Comparator.comparing(Operation::path).thenComparing(Operation::method));
        this.operations = List.copyOf(found);
    }

    public List<Operation> all() {
        return operations;
    }

    /** A schema with its {@code $ref} (to {@code #/components/schemas/…}) followed. */
    public JsonNode resolved(JsonNode schema) {
        JsonNode current = schema;
        for (int hops = 0; current != null && current.has("$ref") && hops < 16; hops++) {
            String name = current.get("$ref").asString().substring("#/components/schemas/".length());
            current = document.get("components").get("schemas").get(name);
        }
        return current;
    }

    private Operation operation(String path, String method, JsonNode node) {
        List<Parameter> parameters = new ArrayList<>();
        if (node.has("parameters")) {
            for (JsonNode parameter : node.get("parameters")) {
                parameters.add(new Parameter(parameter.get("name").asString(), parameter.get("in").asString(),
                        resolved(parameter.path("schema")), parameter.path("required").asBoolean(false)));
            }
        }
        JsonNode body = node.path("requestBody").path("content").path("application/json").path("schema");
        return new Operation(method, path, List.copyOf(parameters), body.isMissingNode() ? null : resolved(body));
    }
}
