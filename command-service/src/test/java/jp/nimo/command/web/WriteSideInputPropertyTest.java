package jp.nimo.command.web;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import jp.nimo.infra.reference.ReferenceJson;
import jp.nimo.command.CommandServiceApplication;
import jp.nimo.infra.test.EventStoreRows;
import jp.nimo.infra.test.Http;
import jp.nimo.infra.test.RawHttp;
import jp.nimo.infra.test.RawHttp.Answer;
import jp.nimo.infra.test.IsolatedDatabaseInitializer;
import jp.nimo.issues.IssueAction;
import jp.nimo.reference.EventKind;
import jp.nimo.reference.EventKindCatalogue;
import jp.nimo.reference.FieldSpec;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static jp.nimo.infra.test.RawHttp.percentEncoded;
import static jp.nimo.infra.test.RawHttp.request;
import static jp.nimo.infra.test.TestUsers.MEGURO_SECRETARIAT;
import static jp.nimo.infra.test.TestUsers.MEGURO_WORKER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Generated bad input, sent over real HTTP to every write endpoint: random JSON values, wrong types
 * for every field of the catalogue's kinds, huge and non-finite numbers, unicode and control
 * characters, nulls, missing and unknown fields, broken UTF-8, odd headers and path segments. Whatever
 * arrives, the answer is never a 5xx, an error is problem+json (a 400 names its field), and a refused
 * request stores nothing. A failing try prints its seed, and the next run starts from it.
 */
class WriteSideInputPropertyTest {

    private static final String MEETING = "{\"title\":\"目黒区協議の場\",\"heldOn\":\"2024-07-10\",\"format\":\"IN_PERSON\"}";
    private static final EventKindCatalogue CATALOGUE = ReferenceJson.eventKinds();

    private static ServletWebServerApplicationContext service;
    private static RawHttp raw;
    private static JdbcTemplate jdbc;
    private static String caseId;
    private static String caseToErase;
    private static String issueId;
    private static String otherIssueId;

    /** A write endpoint: who calls it, where, and a valid body as field name to JSON text. */
    record Endpoint(String user, String path, Map<String, String> template) {

        @Override
        public String toString() {
            return "POST " + path;
        }
    }

    @BeforeContainer
    static void start() {
        service = (ServletWebServerApplicationContext) new SpringApplicationBuilder(CommandServiceApplication.class)
                .initializers(new IsolatedDatabaseInitializer())
                .run("--server.port=0");
        int port = service.getWebServer().getPort();
        raw = new RawHttp(port);
        jdbc = service.getBean(JdbcTemplate.class);
        Http http = new Http(port);
        caseId = http.post(MEGURO_WORKER, "/api/cases", "{\"municipality\":\"13110\"}").field("caseId");
        caseToErase = http.post(MEGURO_WORKER, "/api/cases", "{\"municipality\":\"13110\"}").field("caseId");
        String raise = "{\"title\":\"住まいの確保\",\"category\":\"C04\",\"municipality\":\"13110\",\"origin\":\"PRACTITIONER_REPORT\"}";
        issueId = http.post(MEGURO_SECRETARIAT, "/api/issues", raise).field("issueId");
        otherIssueId = http.post(MEGURO_SECRETARIAT, "/api/issues", raise).field("issueId");
        assertThat(List.of(caseId, caseToErase, issueId, otherIssueId)).doesNotContainNull();
    }

    @AfterContainer
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    // ---- the properties

    @Property(tries = 200, shrinking = ShrinkingMode.BOUNDED)
    void anyBodyOnAnyWriteEndpointIsAnsweredCleanly(@ForAll("requests") Tuple.Tuple3<Endpoint, byte[], byte[]> tried) {
        Endpoint endpoint = tried.get1();
        RawHttp.Request request = request("POST", endpoint.path()).basic(endpoint.user())
                .body("application/json", tried.get2());
        if (tried.get3() != null) {
            request.header("Idempotency-Key", tried.get3());
        }
        answeredCleanly(endpoint + " " + new String(tried.get2(), StandardCharsets.UTF_8), request);
    }

    @Property(tries = 200, shrinking = ShrinkingMode.BOUNDED)
    void anyPathSegmentHeaderOrContentTypeIsAnsweredCleanly(@ForAll("endpoints") Endpoint endpoint,
                                                           @ForAll("pathSegments") String segment,
                                                           @ForAll("contentTypes") String contentType,
                                                           @ForAll("headers") Tuple.Tuple2<String, byte[]> header) {
        String path = endpoint.path().replace(caseId, segment).replace(caseToErase, segment).replace(issueId, segment);
        if (path.equals(endpoint.path())) {
            // no id in this path: the segment goes after it
            path = path + "/" + segment;
        }
        RawHttp.Request request = request("POST", path).basic(endpoint.user())
                .header(header.get1(), header.get2())
                .body(contentType, render(endpoint.template()).getBytes(StandardCharsets.UTF_8));
        answeredCleanly("POST " + path + " as " + contentType + " with " + header.get1() + " of "
                + header.get2().length + " bytes", request);
    }

    @Property(tries = 200, shrinking = ShrinkingMode.BOUNDED)
    void aWrongTypeForAnyFieldOfAnyKindIsNamed(@ForAll("wrongTypedFields") Tuple.Tuple3<EventKind, FieldSpec, String> tried) {
        Map<String, String> body = with(eventOf(tried.get1()), tried.get2().name(), tried.get3());
        refusedNaming(tried.get2().name(), "/api/cases/" + caseId + "/events", render(body));
    }

    /** Every field of every kind, the common ones included, once with an object where its value belongs. */
    @Example
    void everyFieldOfEveryKindRefusesAnObjectNamingTheField() {
        for (EventKind kind : CATALOGUE.kinds()) {
            Map<String, String> valid = eventOf(kind);
            for (String field : valid.keySet()) {
                refusedNaming(field, "/api/cases/" + caseId + "/events", render(with(valid, field, "{\"x\":1}")));
            }
        }
    }

    private static void refusedNaming(String field, String path, String body) {
        long events = EventStoreRows.count(jdbc);
        Answer answer = raw.send(request("POST", path).basic(MEGURO_WORKER).json(body));
        assertThat(answer.status()).as(body + " -> " + answer.text()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.fields()).as(body + " -> " + answer.text()).contains(field);
        assertThat(EventStoreRows.count(jdbc)).as("events stored by " + body).isEqualTo(events);
    }

    /** Never a 5xx; an error is problem+json with its status, a 400 names a field, and nothing was stored. */
    private static void answeredCleanly(String what, RawHttp.Request request) {
        long events = EventStoreRows.count(jdbc);
        long keys = jdbc.queryForObject("SELECT count(*) FROM idempotency_record", Long.class);
        Answer answer = raw.send(request);
        assertThat(answer.status()).as(what + " -> " + answer.text()).isLessThan(500);
        if (answer.status() >= 400) {
            assertThat(answer.contentType()).as(what).startsWith("application/problem+json");
            assertThat(answer.json().get("status").asInt()).as(what).isEqualTo(answer.status());
            if (answer.status() == 400) {
                assertThat(answer.fields()).as(what + " -> " + answer.text()).isNotEmpty();
            }
            assertThat(EventStoreRows.count(jdbc)).as("events stored by a refused " + what).isEqualTo(events);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM idempotency_record", Long.class))
                    .as("keys stored by a refused " + what).isEqualTo(keys);
        }
    }

    // ---- the endpoints and their valid bodies

    private static List<Endpoint> writeEndpoints() {
        List<Endpoint> endpoints = new ArrayList<>();
        endpoints.add(new Endpoint(MEGURO_WORKER, "/api/cases",
                fields("municipality", "\"13110\"", "externalRef", "\"MG-001\"", "ageBand", "\"40-49\"")));
        for (EventKind kind : CATALOGUE.kinds()) {
            endpoints.add(new Endpoint(MEGURO_WORKER, "/api/cases/" + caseId + "/events", eventOf(kind)));
        }
        endpoints.add(new Endpoint(MEGURO_WORKER, "/api/cases/" + caseId + "/involvements",
                fields("organisation", "\"setagaya-support-office\"")));
        endpoints.add(new Endpoint(MEGURO_WORKER, "/api/cases/" + caseToErase + "/erasure",
                fields("reason", "\"本人から削除の申し出\"")));
        endpoints.add(new Endpoint(MEGURO_SECRETARIAT, "/api/issues", fields("title", "\"住まいの確保\"", "category", "\"C04\"",
                "municipality", "\"13110\"", "origin", "\"PRACTITIONER_REPORT\"", "description", "\"入居を断られる\"",
                "population", "\"MENTAL_DISABILITY\"")));
        for (IssueAction action : IssueAction.values()) {
            endpoints.add(new Endpoint(MEGURO_SECRETARIAT, "/api/issues/" + issueId + "/" + action.path(), actionBody(action)));
        }
        return endpoints;
    }

    /** A valid body of the kind: every declared field, and the common ones, with a value of its type. */
    private static Map<String, String> eventOf(EventKind kind) {
        Map<String, String> body = fields("kind", quote(kind.kind()), "occurredOn", "\"2024-05-01\"");
        List<FieldSpec> declared = new ArrayList<>(kind.fields());
        declared.addAll(CATALOGUE.commonFields());
        for (FieldSpec field : declared) {
            body.put(field.name(), switch (field.type()) {
                case STRING -> "\"目黒区\"";
                case TEXT -> "\"経過のメモ\"";
                case INTEGER -> String.valueOf(field.min() == null ? 1 : field.min());
                case BOOLEAN -> "true";
                case DATE -> "\"2024-04-30\"";
                case ENUM -> quote(field.values().get(0).code());
                case ENUM_LIST -> "[" + quote(field.values().get(0).code()) + "]";
                case MUNICIPALITY -> "\"13110\"";
            });
        }
        return body;
    }

    private static Map<String, String> actionBody(IssueAction action) {
        return switch (action) {
            case PROMOTE -> fields("councilId", "\"council-13110\"", "meeting", MEETING);
            case VERIFY -> fields("statement", "\"地域の課題として共有\"", "meeting", MEETING);
            case ESCALATE -> fields("toCouncilId", "\"council-13-ku-seinambu\"", "reason", "\"圏域で検討\"");
            case PLAN -> fields("targets", "[{\"indicator\":\"RENTAL_REFUSALS\",\"fiscalYear\":2024,\"unit\":\"cases\","
                    + "\"direction\":\"DECREASE\",\"baseline\":12,\"target\":6}]",
                    "roles", "[{\"organisation\":\"setagaya-realtors-association\",\"responsibility\":\"物件情報\"}]",
                    "milestones", "[{\"due\":\"2024-09-30\",\"title\":\"試行\"}]");
            case RECORD_ACTUAL -> fields("indicator", "\"RENTAL_REFUSALS\"", "fiscalYear", "2024", "value", "8",
                    "source", "\"MANUAL\"");
            case DISMISS, REOPEN -> fields("reason", "\"個別の課題として対応\"");
            case MERGE -> fields("intoIssueId", quote(otherIssueId), "reason", "\"同じ課題\"");
            case CHANGE_SCOPE -> fields("region", "\"13-ku-seinambu\"", "population", "\"ALL_DISABILITIES\"",
                    "reason", "\"近隣区でも同様\"");
            case REPORT_UP -> fields("toCouncilId", "\"council-13-ku-seinambu\"", "reason", "\"圏域でも共有\"");
            case DELEGATE -> fields("toCouncilId", "\"council-13112\"", "scope", "\"地域の受け皿\"", "reason",
                    "\"区で対応\"");
            default -> fields("meeting", MEETING);
        };
    }

    // ---- generators

    @Provide
    Arbitrary<Endpoint> endpoints() {
        return Arbitraries.of(writeEndpoints());
    }

    @Provide
    Arbitrary<Tuple.Tuple3<Endpoint, byte[], byte[]>> requests() {
        return endpoints().flatMap(endpoint -> Combinators.combine(bodies(endpoint.template()), idempotencyKeys())
                .as((body, key) -> Tuple.of(endpoint, body, key)));
    }

    /** A kind, one of its fields (or a common one), and a value of another type or out of its range. */
    @Provide
    Arbitrary<Tuple.Tuple3<EventKind, FieldSpec, String>> wrongTypedFields() {
        return Arbitraries.of(List.copyOf(CATALOGUE.kinds())).flatMap(kind -> {
            List<FieldSpec> declared = new ArrayList<>(kind.fields());
            declared.addAll(CATALOGUE.commonFields());
            return Arbitraries.of(declared).flatMap(field -> wrongValues(field).map(value -> Tuple.of(kind, field, value)));
        });
    }

    private static Arbitrary<String> wrongValues(FieldSpec field) {
        // an empty list is a valid value of an optional list field, so it is only wrong for the others
        Arbitrary<String> neverRight = field.type() == jp.nimo.reference.FieldType.ENUM_LIST
                ? Arbitraries.of("{}", "[[]]", "{\"a\":null}")
                : Arbitraries.of("[]", "{}", "[[]]", "{\"a\":null}");
        Arbitrary<String> wrong = switch (field.type()) {
            case STRING, TEXT -> Arbitraries.of("1", "true", "1e400", "NaN", "-0.5", "\"\"", "\"  \"", "\"a\\u0000b\"");
            case INTEGER -> Arbitraries.of("\"1\"", "1.5", "1e400", "-1e400", "NaN", "Infinity", "true", "99999999999",
                    "-2147483649", "123456789012345678901234567890");
            case BOOLEAN -> Arbitraries.of("\"true\"", "1", "0", "\"yes\"");
            case DATE -> Arbitraries.of("20240501", "\"2024-13-01\"", "\"2024-02-30\"", "\"01/05/2024\"", "true",
                    "\"2024-05-01T00:00:00Z\"");
            case ENUM -> Arbitraries.of("\"NOT_A_CODE\"", "1", "true", "\"\"", "[\"" + field.values().get(0).code() + "\"]");
            case ENUM_LIST -> Arbitraries.of("\"" + field.values().get(0).code() + "\"", "[1]", "[\"NOT_A_CODE\"]", "[null]",
                    "[[]]");
            case MUNICIPALITY -> Arbitraries.of("13110", "\"99999\"", "\"1311\"", "\"131100\"", "true");
        };
        return Arbitraries.frequencyOf(Tuple.of(1, neverRight), Tuple.of(3, wrong));
    }

    /** The valid body with one thing wrong, a random JSON value, or bytes that are no JSON at all. */
    static Arbitrary<byte[]> bodies(Map<String, String> template) {
        List<String> names = List.copyOf(template.keySet());
        Arbitrary<String> replaced = Combinators.combine(Arbitraries.of(names), jsonValues())
                .as((name, value) -> render(with(template, name, value)));
        Arbitrary<String> removed = Arbitraries.of(names).map(name -> {
            Map<String, String> body = new LinkedHashMap<>(template);
            body.remove(name);
            return render(body);
        });
        Arbitrary<String> nulled = Arbitraries.of(names).map(name -> render(with(template, name, "null")));
        Arbitrary<String> unknown = Combinators.combine(texts(), jsonValues())
                .as((name, value) -> render(with(template, name, value)));
        Arbitrary<String> anyValue = jsonValues();
        Arbitrary<String> asText = Arbitraries.frequencyOf(
                Tuple.of(6, replaced), Tuple.of(2, removed), Tuple.of(1, nulled), Tuple.of(2, unknown), Tuple.of(2, anyValue));
        Arbitrary<byte[]> asBytes = asText.map(text -> text.getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> broken = Combinators.combine(asText, Arbitraries.integers().between(0, 1000),
                        Arbitraries.of((byte) 0xFF, (byte) 0xC3, (byte) 0x80, (byte) 0xED, (byte) 0x00))
                .as((text, at, b) -> {
                    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
                    int cut = Math.min(at, bytes.length);
                    byte[] out = new byte[bytes.length + 1];
                    System.arraycopy(bytes, 0, out, 0, cut);
                    out[cut] = b;
                    System.arraycopy(bytes, cut, out, cut + 1, bytes.length - cut);
                    return out;
                });
        Arbitrary<byte[]> truncated = Combinators.combine(asText, Arbitraries.integers().between(0, 200))
                .as((text, n) -> text.substring(0, Math.min(n, text.length())).getBytes(StandardCharsets.UTF_8));
        return Arbitraries.frequencyOf(Tuple.of(8, asBytes), Tuple.of(1, broken), Tuple.of(1, truncated));
    }

    /** Any JSON value as text, NaN and Infinity included, nested up to a few levels or far too deep. */
    static Arbitrary<String> jsonValues() {
        Arbitrary<String> leaves = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of("null", "true", "false", "NaN", "Infinity", "-Infinity", "1e400", "-1e400",
                        "1e-400", "0", "-0", "0.5", "2147483648", "-2147483649", "9223372036854775808", "1E2", "\"\"",
                        "\"   \"", "\"2024-02-30\"", "\"2024-05-01\"", "\"13110\"", "\"C04\"", "\"council-13110\"",
                        "\"RENTAL_REFUSALS\"", "\"MANUAL\"", "\"40-49\"", "\"\\u0000\"", "\"\\ud800\"")),
                Tuple.of(2, Arbitraries.integers().map(String::valueOf)),
                Tuple.of(1, Arbitraries.doubles().filter(Double::isFinite).map(String::valueOf)),
                Tuple.of(1, Arbitraries.integers().between(15, 130).map(n -> "9".repeat(n))),
                Tuple.of(4, texts().map(WriteSideInputPropertyTest::quote)),
                Tuple.of(1, Arbitraries.strings().ofMinLength(2001).ofMaxLength(5000).withChars('あ', 'x').map(WriteSideInputPropertyTest::quote)),
                Tuple.of(1, Arbitraries.integers().between(30, 80).map(n -> "[".repeat(n) + "]".repeat(n))));
        return Arbitraries.recursive(() -> leaves, inner -> Arbitraries.frequencyOf(
                Tuple.of(3, leaves),
                Tuple.of(1, inner.list().ofMaxSize(4).map(items -> "[" + String.join(",", items) + "]")),
                Tuple.of(1, Combinators.combine(texts(), inner).as((k, v) -> "{" + quote(k) + ":" + v + "}"))), 0, 3);
    }

    /** Strings of every kind: ASCII, Japanese, emoji, control characters, lone surrogates. */
    static Arbitrary<String> texts() {
        return Arbitraries.oneOf(
                Arbitraries.strings().alpha().numeric().ofMaxLength(20),
                Arbitraries.strings().withCharRange('\u3040', '\u30ff').withCharRange('\u4e00', '\u4e50').ofMaxLength(20),
                Arbitraries.strings().all().ofMaxLength(20),
                Arbitraries.strings().withCharRange('\u0000', '\u001f').ofMinLength(1).ofMaxLength(5),
                Arbitraries.of("😀", "\u202e", "\ufeff", "é", "Ω"));
    }

    /** Mostly none; otherwise a valid key, one too long, or bytes that are no printable ASCII. */
    @Provide
    static Arbitrary<byte[]> idempotencyKeys() {
        Arbitrary<byte[]> valid = Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(200)
                .map(s -> s.getBytes(StandardCharsets.US_ASCII));
        Arbitrary<byte[]> tooLong = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(201).ofMaxLength(300)
                .map(s -> s.getBytes(StandardCharsets.US_ASCII));
        // any bytes but CR and LF, which would end the header line
        Arbitrary<byte[]> odd = Arbitraries.bytes().filter(b -> b != '\r' && b != '\n').array(byte[].class).ofMinSize(0).ofMaxSize(40);
        Arbitrary<byte[]> unicode = texts().filter(s -> s.indexOf('\r') < 0 && s.indexOf('\n') < 0)
                .map(s -> s.getBytes(StandardCharsets.UTF_8));
        return Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.just(null)), Tuple.of(2, valid), Tuple.of(1, tooLong),
                Tuple.of(1, odd), Tuple.of(1, unicode));
    }

    /** A path segment where an id belongs: wrong forms, encoded NUL, slash and backslash, unicode, overlong. */
    @Provide
    static Arbitrary<String> pathSegments() {
        Arbitrary<String> encoded = texts().map(s -> percentEncoded(s.getBytes(StandardCharsets.UTF_8)));
        Arbitrary<String> special = Arbitraries.of("%00", "%2F", "%5C", "%2e%2e", "..", ".", "%25", "%", "%zz", ";x=1",
                "1-1-1-1-1", "00000000-0000-0000-0000-000000000000", "0A1B2C3D-0000-4000-8000-00000000000G", "%0d%0a",
                "%E3%82%AD", "%C3%28", "%FF");
        Arbitrary<String> overlong = Arbitraries.integers().between(37, 3000).map(n -> "a".repeat(n));
        Arbitrary<String> uuidLike = Arbitraries.strings().withChars("0123456789abcdefABCDEF-xg").ofMinLength(30).ofMaxLength(40);
        Arbitrary<String> rawUtf8 = Arbitraries.strings().withCharRange('\u3040', '\u30ff').ofMinLength(1).ofMaxLength(5);
        return Arbitraries.oneOf(encoded, special, overlong, uuidLike, rawUtf8);
    }

    /** One more header: a known one or any name, with any bytes but CR and LF, now and then over 8 KB. */
    @Provide
    static Arbitrary<Tuple.Tuple2<String, byte[]>> headers() {
        Arbitrary<String> names = Arbitraries.oneOf(
                Arbitraries.of("Accept", "Accept-Charset", "Content-Encoding", "Expect", "X-Forwarded-For", "Origin",
                        "Cookie", "Range", "If-Match", "Idempotency-Key"),
                Arbitraries.strings().withCharRange('a', 'z').withChars('-').ofMinLength(1).ofMaxLength(20)
                        .filter(n -> Character.isLetter(n.charAt(0)) && !n.equalsIgnoreCase("content-length")
                                && !n.equalsIgnoreCase("transfer-encoding") && !n.equalsIgnoreCase("host")
                                && !n.equalsIgnoreCase("connection") && !n.equalsIgnoreCase("authorization")
                                && !n.equalsIgnoreCase("content-type")));
        Arbitrary<byte[]> values = Arbitraries.frequencyOf(
                Tuple.of(4, texts().filter(t -> t.indexOf('\r') < 0 && t.indexOf('\n') < 0)
                        .map(t -> t.getBytes(StandardCharsets.UTF_8))),
                Tuple.of(2, Arbitraries.bytes().filter(b -> b != '\r' && b != '\n').array(byte[].class).ofMaxSize(40)),
                Tuple.of(1, Arbitraries.integers().between(8_000, 12_000).map(n -> "v".repeat(n).getBytes(StandardCharsets.US_ASCII))),
                Tuple.of(1, Arbitraries.of("*/*", "text/html", "application/xml", "gzip", "100-continue", "bytes=0-1")
                        .map(v -> v.getBytes(StandardCharsets.US_ASCII))));
        return Combinators.combine(names, values).as(Tuple::of);
    }

    @Provide
    static Arbitrary<String> contentTypes() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.just("application/json")),
                Tuple.of(1, Arbitraries.of("application/json; charset=ISO-8859-1", "application/json; charset=UTF-16",
                        "application/json; charset=nonsense", "application/json;;;", "text/plain", "text/csv",
                        "application/x-ndjson", "application/xml", "multipart/form-data; boundary=x",
                        "application/x-www-form-urlencoded", "*/*", "application/*", "garbage", "application/json; x=\"")),
                Tuple.of(1, Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(30).filter(s -> !s.isBlank())));
    }

    // ---- helpers

    private static Map<String, String> fields(String... namesAndValues) {
        Map<String, String> body = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            body.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return body;
    }

    private static Map<String, String> with(Map<String, String> template, String name, String value) {
        Map<String, String> body = new LinkedHashMap<>(template);
        body.put(name, value);
        return body;
    }

    static String render(Map<String, String> body) {
        return body.entrySet().stream().map(e -> quote(e.getKey()) + ":" + e.getValue())
                .collect(Collectors.joining(",", "{", "}"));
    }

    static String quote(String text) {
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + "\"";
    }
}
