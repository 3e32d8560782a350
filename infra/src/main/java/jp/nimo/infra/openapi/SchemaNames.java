package jp.nimo.infra.openapi;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Names generated schemas by their class as the code names it, {@code IssueDetail.Cell}: springdoc is
 * set to fully qualified names (two records may share a simple name, such as two nested {@code Cell}s),
 * and this drops the package so the document reads as the domain does.
 */
final class SchemaNames {

    private static final String PREFIX = "#/components/schemas/";

    private SchemaNames() {
    }

    static void shorten(OpenAPI api) {
        Components components = api.getComponents();
        if (components == null || components.getSchemas() == null) {
            return;
        }
        Map<String, String> renamed = new LinkedHashMap<>();
        Map<String, Schema> schemas = new LinkedHashMap<>();
        components.getSchemas().forEach((name, schema) -> {
            RecordRequirements.apply(name, schema);
            String shorter = shorter(name);
            if (schemas.containsKey(shorter)) {
                throw new IllegalStateException("two schemas would be named " + shorter + ": " + name);
            }
            schemas.put(shorter, schema);
            if (!shorter.equals(name)) {
                renamed.put(name, shorter);
            }
        });
        components.setSchemas(schemas);
        if (renamed.isEmpty()) {
            return;
        }
        each(api, schema -> {
            String ref = schema.get$ref();
            if (ref != null && ref.startsWith(PREFIX) && renamed.containsKey(ref.substring(PREFIX.length()))) {
                schema.set$ref(PREFIX + renamed.get(ref.substring(PREFIX.length())));
            }
        });
    }

    /** {@code jp.nimo.projection.issues.IssueDetail$Cell} → {@code IssueDetail.Cell}. */
    static String shorter(String name) {
        if (!name.contains(".") && !name.contains("$")) {
            return name;
        }
        List<String> kept = new ArrayList<>();
        for (String part : name.split("[.$]")) {
            if (!part.isEmpty() && Character.isUpperCase(part.charAt(0))) {
                kept.add(part);
            }
        }
        return kept.isEmpty() ? name : String.join(".", kept);
    }

    /** Every schema of the document, at any depth, once. */
    static void each(OpenAPI api, Consumer<Schema> visitor) {
        Set<Schema> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Consumer<Schema> walk = new Consumer<>() {
            @Override
            public void accept(Schema schema) {
                if (schema == null || !seen.add(schema)) {
                    return;
                }
                visitor.accept(schema);
                if (schema.getProperties() != null) {
                    ((Map<String, Schema>) schema.getProperties()).values().forEach(this);
                }
                accept(schema.getItems());
                if (schema.getAdditionalProperties() instanceof Schema additional) {
                    accept(additional);
                }
                for (List<Schema> list : java.util.Arrays.asList(schema.getAllOf(), schema.getOneOf(), schema.getAnyOf(),
                        schema.getPrefixItems())) {
                    if (list != null) {
                        list.forEach(this);
                    }
                }
                accept(schema.getNot());
                accept(schema.getContains());
                accept(schema.getIf());
                accept(schema.getThen());
                accept(schema.getElse());
                if (schema.getPatternProperties() != null) {
                    ((Map<String, Schema>) schema.getPatternProperties()).values().forEach(this);
                }
            }
        };
        Components components = api.getComponents();
        if (components != null) {
            if (components.getSchemas() != null) {
                components.getSchemas().values().forEach(walk);
            }
            if (components.getResponses() != null) {
                components.getResponses().values().forEach(r -> response(r, walk));
            }
            if (components.getParameters() != null) {
                components.getParameters().values().forEach(p -> parameter(p, walk));
            }
            if (components.getRequestBodies() != null) {
                components.getRequestBodies().values().forEach(b -> content(b.getContent(), walk));
            }
            if (components.getHeaders() != null) {
                components.getHeaders().values().forEach(h -> header(h, walk));
            }
        }
        if (api.getPaths() != null) {
            for (PathItem item : api.getPaths().values()) {
                if (item.getParameters() != null) {
                    item.getParameters().forEach(p -> parameter(p, walk));
                }
                for (Operation operation : item.readOperations()) {
                    if (operation.getParameters() != null) {
                        operation.getParameters().forEach(p -> parameter(p, walk));
                    }
                    RequestBody body = operation.getRequestBody();
                    if (body != null) {
                        content(body.getContent(), walk);
                    }
                    if (operation.getResponses() != null) {
                        operation.getResponses().values().forEach(r -> response(r, walk));
                    }
                }
            }
        }
    }

    private static void response(ApiResponse response, Consumer<Schema> walk) {
        content(response.getContent(), walk);
        if (response.getHeaders() != null) {
            response.getHeaders().values().forEach(h -> header(h, walk));
        }
    }

    private static void header(Header header, Consumer<Schema> walk) {
        walk.accept(header.getSchema());
        content(header.getContent(), walk);
    }

    private static void parameter(Parameter parameter, Consumer<Schema> walk) {
        walk.accept(parameter.getSchema());
        content(parameter.getContent(), walk);
    }

    private static void content(Content content, Consumer<Schema> walk) {
        if (content != null) {
            for (MediaType type : content.values()) {
                walk.accept(type.getSchema());
            }
        }
    }
}
