package jp.nimo.infra.workload;

import jp.nimo.reference.Areas;
import jp.nimo.reference.Municipality;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Synthetic case histories for a prefecture, reproducible from a seed: the stories of
 * {@code workload/stories.v1.json} (plausible sequences of case events, in plausible proportions) told
 * for cases spread over the prefecture's municipalities and a span of business dates, with clusters of
 * refused tenancies and of discharges without follow-up planted where detection should find them. The
 * lines are those of {@code POST /api/import}: a key per line, the agency's case reference, the new case
 * on a case's first line. Used by the benchmark, by tests and by the demo.
 */
public final class Workload {

    public static final String FILE = "workload/stories.v1.json";

    /** What to generate: how many cases, where, over which business dates, from which seed. */
    public record Settings(long seed, String prefectureCode, int cases, LocalDate from, LocalDate to) {

        public Settings {
            if (cases < 0 || !to.isAfter(from)) {
                throw new IllegalArgumentException("a workload has a non-negative number of cases and a span of dates");
            }
        }
    }

    /** A new case as the import takes it. */
    public record NewCase(String municipality, String ageBand, String externalRef) {
    }

    /** One import line: a case event, with the new case on its case's first line (else null). */
    public record Line(String key, String caseRef, NewCase newCase, String kind, LocalDate occurredOn,
                       Map<String, JsonNode> fields) {

        public ObjectNode toJson(JsonMapper json) {
            ObjectNode line = json.createObjectNode().put("key", key).put("caseRef", caseRef);
            if (newCase != null) {
                line.putObject("newCase").put("municipality", newCase.municipality()).put("ageBand", newCase.ageBand())
                        .put("externalRef", newCase.externalRef());
            }
            ObjectNode event = line.putObject("event").put("kind", kind).put("occurredOn", occurredOn.toString());
            fields.forEach(event::set);
            return line;
        }
    }

    private record Step(String kind, int afterFrom, int afterTo, double chance, Map<String, JsonNode> fields) {
    }

    private record Story(String name, int weight, List<String> ageBands, List<Step> steps) {
    }

    private record Cluster(Story story, int cases, int withinDays, int per10000Cases) {
    }

    private final List<Story> stories;
    private final List<Cluster> clusters;
    private final Areas areas;
    private final int totalWeight;

    private Workload(List<Story> stories, List<Cluster> clusters, Areas areas) {
        this.stories = stories;
        this.clusters = clusters;
        this.areas = areas;
        this.totalWeight = stories.stream().mapToInt(Story::weight).sum();
    }

    /** The stories shipped with Nimo. */
    public static Workload shipped(Areas areas) {
        try (InputStream in = Workload.class.getClassLoader().getResourceAsStream(FILE)) {
            if (in == null) {
                throw new IllegalStateException(FILE + " is missing from the classpath");
            }
            return from(JsonMapper.builder().build().readTree(in), areas);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Workload from(JsonNode root, Areas areas) {
        List<String> ageBands = texts(root.path("ageBands"));
        Map<String, Story> stories = new LinkedHashMap<>();
        for (JsonNode s : root.path("stories")) {
            List<Step> steps = new ArrayList<>();
            for (JsonNode step : s.path("steps")) {
                Map<String, JsonNode> fields = new LinkedHashMap<>();
                step.path("fields").properties().forEach(field -> fields.put(field.getKey(), field.getValue()));
                JsonNode after = step.path("after");
                steps.add(new Step(step.path("kind").asString(), after.path(0).asInt(0), after.path(1).asInt(0),
                        step.path("chance").asDouble(1.0), fields));
            }
            List<String> bands = s.has("ageBands") ? texts(s.path("ageBands")) : ageBands;
            stories.put(s.path("name").asString(), new Story(s.path("name").asString(), s.path("weight").asInt(), bands,
                    List.copyOf(steps)));
        }
        List<Cluster> clusters = new ArrayList<>();
        for (JsonNode c : root.path("clusters")) {
            Story story = stories.get(c.path("story").asString());
            if (story == null) {
                throw new IllegalStateException("a cluster names an unknown story: " + c.path("story").asString());
            }
            clusters.add(new Cluster(story, c.path("cases").asInt(), c.path("withinDays").asInt(),
                    c.path("per10000Cases").asInt()));
        }
        return new Workload(stories.values().stream().filter(s -> s.weight() > 0).toList(), List.copyOf(clusters), areas);
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asString()));
        return List.copyOf(values);
    }

    /**
     * The lines, case after case, each case's events in business order. Every case is generated from its
     * own random stream (seed and case number), so a workload is the same on every run and a prefix of a
     * larger one. Events that would fall after {@code to} have not happened yet and are left out.
     */
    public Stream<Line> lines(Settings settings) {
        List<Municipality> municipalities = areas.municipalities().stream()
                .filter(m -> m.prefectureCode().equals(settings.prefectureCode()))
                .sorted(Comparator.comparing(m -> m.code().value()))
                .toList();
        if (municipalities.isEmpty()) {
            throw new IllegalArgumentException("no municipalities in prefecture " + settings.prefectureCode());
        }
        int span = (int) ChronoUnit.DAYS.between(settings.from(), settings.to());
        Stream<Line> ordinary = IntStream.range(0, settings.cases()).boxed().flatMap(i -> {
            Random random = random(settings.seed(), i);
            Story story = pick(random);
            Municipality where = municipalities.get(random.nextInt(municipalities.size()));
            return tell(settings, i, story, where, settings.from().plusDays(random.nextInt(span)), random);
        });
        Stream<Line> planted = IntStream.range(0, clusters.size()).boxed().flatMap(c -> {
            Cluster cluster = clusters.get(c);
            int count = Math.max(1, settings.cases() * cluster.per10000Cases() / 10_000);
            return IntStream.range(0, count).boxed().flatMap(k -> {
                int number = settings.cases() + (c * 100_000) + k * cluster.cases();
                Random random = random(settings.seed(), number);
                Municipality where = municipalities.get(random.nextInt(municipalities.size()));
                LocalDate start = settings.from().plusDays(random.nextInt(Math.max(1, span - 150)));
                return IntStream.range(0, cluster.cases()).boxed().flatMap(j -> {
                    Random own = random(settings.seed(), number + j);
                    return tell(settings, number + j, cluster.story(), where,
                            start.plusDays(own.nextInt(cluster.withinDays() + 1)), own);
                });
            });
        });
        return Stream.concat(ordinary, planted);
    }

    /** Writes the lines as NDJSON, the body of {@code POST /api/import}. */
    public void writeNdjson(Settings settings, Writer out) {
        JsonMapper json = JsonMapper.builder().build();
        lines(settings).forEach(line -> {
            try {
                out.write(json.writeValueAsString(line.toJson(json)));
                out.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /**
     * Writes a workload as NDJSON to standard output: {@code <seed> <prefecture code> <cases> <from> <to>},
     * e.g. {@code 1 13 600 2023-04-01 2026-03-31}. {@code ./nimo run --demo} imports one.
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 5) {
            System.err.println("usage: Workload <seed> <prefecture code> <cases> <from> <to>");
            System.exit(2);
        }
        Settings settings = new Settings(Long.parseLong(args[0]), args[1], Integer.parseInt(args[2]),
                LocalDate.parse(args[3]), LocalDate.parse(args[4]));
        Writer out = new java.io.BufferedWriter(new java.io.OutputStreamWriter(System.out, java.nio.charset.StandardCharsets.UTF_8));
        shipped(Areas.load()).writeNdjson(settings, out);
        out.flush();
    }

    private static Random random(long seed, int caseNumber) {
        return new Random(seed * 1_000_003L + caseNumber);
    }

    private Story pick(Random random) {
        int at = random.nextInt(totalWeight);
        for (Story story : stories) {
            at -= story.weight();
            if (at < 0) {
                return story;
            }
        }
        throw new IllegalStateException("weights do not add up");
    }

    private static Stream<Line> tell(Settings settings, int number, Story story, Municipality where, LocalDate start,
                                     Random random) {
        String caseRef = "W" + settings.seed() + "-" + number;
        NewCase newCase = new NewCase(where.code().value(), story.ageBands().get(random.nextInt(story.ageBands().size())),
                caseRef);
        List<Line> lines = new ArrayList<>();
        LocalDate on = start;
        for (int s = 0; s < story.steps().size(); s++) {
            Step step = story.steps().get(s);
            on = on.plusDays(step.afterFrom() + random.nextInt(step.afterTo() - step.afterFrom() + 1));
            if (random.nextDouble() >= step.chance() || on.isAfter(settings.to())) {
                break;
            }
            Map<String, JsonNode> fields = new LinkedHashMap<>();
            step.fields().forEach((name, value) -> fields.put(name, choose(value, random)));
            lines.add(new Line(caseRef + "-" + s, caseRef, lines.isEmpty() ? newCase : null, step.kind(), on, fields));
        }
        return lines.stream();
    }

    private static JsonNode choose(JsonNode value, Random random) {
        JsonNode options = value.path("oneOf");
        return options.isArray() ? options.get(random.nextInt(options.size())) : value;
    }
}
