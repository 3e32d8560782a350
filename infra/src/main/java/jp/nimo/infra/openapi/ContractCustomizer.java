package jp.nimo.infra.openapi;

import io.swagger.v3.core.util.Json31;
import io.swagger.v3.core.util.Yaml31;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What makes a service's generated document Nimo's contract: its title, the three ways to authenticate
 * (applied to every operation that does not say otherwise), and the parts written by hand: the shared
 * problem answers of infra and the {@code *.openapi.yaml} fragments beside each service's controllers,
 * whose components and paths are merged in. Generated header and query parameters that a fragment
 * defines (Idempotency-Key, asOf) are replaced by references to that one definition.
 */
public class ContractCustomizer implements OpenApiCustomizer {

    public static final String BASIC = "basicAuth";
    public static final String BEARER = "bearerAuth";
    public static final String SESSION = "sessionCookie";
    public static final String SESSION_COOKIE = "NIMO_SESSION";

    private final Info info;
    private final List<OpenAPI> fragments;
    private final Supplier<List<ComponentSchemas>> derived;

    public ContractCustomizer(Info info, List<OpenAPI> fragments, Supplier<List<ComponentSchemas>> derived) {
        this.info = info;
        this.fragments = List.copyOf(fragments);
        this.derived = derived;
    }

    /** The shared fragments of infra, then those under each of the service's packages, in path order. */
    public static List<OpenAPI> fragments(ClassLoader classLoader, List<String> packages) {
        PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver(classLoader);
        List<String> patterns = new ArrayList<>();
        patterns.add("classpath*:jp/nimo/infra/openapi/*.openapi.yaml");
        packages.forEach(p -> patterns.add("classpath*:" + p.replace('.', '/') + "/**/*.openapi.yaml"));
        List<OpenAPI> fragments = new ArrayList<>();
        try {
            for (String pattern : patterns) {
                Resource[] found = resolver.getResources(pattern);
                Arrays.sort(found, Comparator.comparing(r -> Objects.toString(r.getDescription())));
                for (Resource resource : found) {
                    fragments.add(read(resource));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return fragments;
    }

    private static OpenAPI read(Resource resource) throws IOException {
        try (InputStream in = resource.getInputStream()) {
            OpenAPI fragment = Yaml31.mapper().readValue(in, OpenAPI.class);
            if (fragment == null) {
                throw new IllegalStateException("empty OpenAPI fragment " + resource.getDescription());
            }
            return fragment;
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IllegalStateException("unreadable OpenAPI fragment " + resource.getDescription(), e);
        }
    }

    @Override
    public void customise(OpenAPI api) {
        SchemaNames.shorten(api);
        api.setInfo(info);
        Components components = api.getComponents() == null ? new Components() : api.getComponents();
        api.setComponents(components);
        components.addSecuritySchemes(BASIC, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                .description("A user of the users file, with its password."));
        components.addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                .description("A personal access token (`nimo_…`, from POST /api/tokens on the write side), or a JWT"
                        + " of the OpenID Connect provider the services trust."));
        components.addSecuritySchemes(SESSION, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                .in(SecurityScheme.In.COOKIE).name(SESSION_COOKIE)
                .description("The session of a person signed in through the web pages' login form."));
        api.setSecurity(List.of(new SecurityRequirement().addList(BASIC), new SecurityRequirement().addList(BEARER),
                new SecurityRequirement().addList(SESSION)));
        for (OpenAPI fragment : fragments) {
            merge(api, fragment);
        }
        for (ComponentSchemas source : derived.get()) {
            source.schemas().forEach((name, schema) -> put(components::getSchemas, components::setSchemas, name, schema));
        }
        referToSharedParameters(api);
        api.setServers(List.of(new Server().url("/").description("This service")));
        dropUnusedSharedParts(api);
        sortComponents(components);
    }

    /**
     * The shared responses, parameters, headers and examples this service's operations do not use (the
     * read side takes no Idempotency-Key, the write side no asOf) are left out of its document.
     */
    private static void dropUnusedSharedParts(OpenAPI api) {
        Components components = api.getComponents();
        boolean dropped = true;
        while (dropped) {
            String text;
            try {
                text = Json31.mapper().writeValueAsString(api);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            java.util.Set<String> used = new java.util.HashSet<>();
            java.util.regex.Matcher refs = java.util.regex.Pattern.compile("\"#/components/(\\w+/[^\"]+)\"").matcher(text);
            while (refs.find()) {
                used.add(refs.group(1));
            }
            dropped = drop(components.getResponses(), "responses", used)
                    | drop(components.getParameters(), "parameters", used)
                    | drop(components.getHeaders(), "headers", used)
                    | drop(components.getExamples(), "examples", used);
        }
    }

    private static boolean drop(Map<String, ?> parts, String kind, java.util.Set<String> used) {
        return parts != null && parts.keySet().removeIf(name -> !used.contains(kind + "/" + name));
    }

    private static void merge(OpenAPI api, OpenAPI fragment) {
        Components into = api.getComponents();
        Components from = fragment.getComponents();
        if (from != null) {
            putAll(into::getSchemas, into::setSchemas, from.getSchemas());
            putAll(into::getResponses, into::setResponses, from.getResponses());
            putAll(into::getParameters, into::setParameters, from.getParameters());
            putAll(into::getHeaders, into::setHeaders, from.getHeaders());
            putAll(into::getExamples, into::setExamples, from.getExamples());
            putAll(into::getRequestBodies, into::setRequestBodies, from.getRequestBodies());
        }
        if (fragment.getPaths() != null) {
            if (api.getPaths() == null) {
                api.setPaths(new io.swagger.v3.oas.models.Paths());
            }
            fragment.getPaths().forEach((path, item) -> {
                if (api.getPaths().containsKey(path)) {
                    throw new IllegalStateException("the path " + path + " is both generated and written in a fragment");
                }
                api.getPaths().addPathItem(path, item);
            });
        }
        if (fragment.getTags() != null) {
            fragment.getTags().forEach(api::addTagsItem);
        }
    }

    private static <T> void putAll(Supplier<Map<String, T>> into, Consumer<Map<String, T>> setter, Map<String, T> from) {
        if (from != null) {
            from.forEach((name, value) -> put(into, setter, name, value));
        }
    }

    private static <T> void put(Supplier<Map<String, T>> into, Consumer<Map<String, T>> setter, String name, T value) {
        Map<String, T> map = into.get();
        if (map == null) {
            map = new LinkedHashMap<>();
            setter.accept(map);
        }
        if (map.containsKey(name) && !map.get(name).equals(value)) {
            throw new IllegalStateException("the component " + name + " is defined twice, differently");
        }
        map.put(name, value);
    }

    private static void referToSharedParameters(OpenAPI api) {
        Map<String, Parameter> shared = api.getComponents().getParameters();
        if (shared == null || api.getPaths() == null) {
            return;
        }
        for (PathItem item : api.getPaths().values()) {
            for (Operation operation : item.readOperations()) {
                if (operation.getParameters() == null) {
                    continue;
                }
                List<Parameter> parameters = new ArrayList<>();
                for (Parameter parameter : operation.getParameters()) {
                    String ref = shared.entrySet().stream()
                            .filter(e -> Objects.equals(e.getValue().getName(), parameter.getName())
                                    && Objects.equals(e.getValue().getIn(), parameter.getIn()))
                            .map(e -> "#/components/parameters/" + e.getKey()).findFirst().orElse(null);
                    parameters.add(ref == null || parameter.get$ref() != null ? parameter : new Parameter().$ref(ref));
                }
                operation.setParameters(parameters);
            }
        }
    }

    private static void sortComponents(Components components) {
        if (components.getSchemas() != null) {
            components.setSchemas(new TreeMap<>(components.getSchemas()));
        }
    }
}
