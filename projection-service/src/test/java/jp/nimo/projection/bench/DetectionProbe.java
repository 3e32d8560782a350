package jp.nimo.projection.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import jp.nimo.infra.test.Http;
import jp.nimo.reference.Areas;
import jp.nimo.reference.Municipality;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * How long a threshold crossing takes to reach the board while the services are under ingest load: the
 * load of {@code ingest_http} (8 clients recording outreach visits) runs while one probe client makes a new
 * candidate at a time and waits for it on the read side.
 * <p>
 * Each sample is a category in a municipality that has no issue yet (the default rule: 3 signals from 3
 * distinct cases in one municipality within 90 days): refused tenancies (C04) in each of Tokyo's 62
 * municipalities, then refused support (C06). Before the load the probe records the signal in two cases of
 * each sample's municipality; under the load it records it in a third, starts the clock when that is
 * answered 201 and stops it when the board, polled every 20 ms as the analyst, lists the candidate.
 */
final class DetectionProbe {

    /** What the probe saw: each candidate's latency, and the load's rate meanwhile. */
    record Result(List<Double> latenciesMillis, double loadEventsPerSecond) {
    }

    private record Signal(String category, String kind, String field) {
    }

    /** A candidate to be: the signal and its municipality, and the case whose signal crosses the threshold. */
    private record Sample(Signal signal, String municipality, String crossingCase) {
    }

    private static final List<Signal> SIGNALS = List.of(
            new Signal("C04", "RentalRefused", "\"reason\":\"PREJUDICE\""),
            new Signal("C06", "SupportRefused", "\"refusedService\":\"VISIT\""));
    private static final int LOAD_CLIENTS = 8;
    private static final Duration POLL = Duration.ofMillis(20);
    private static final Duration GIVE_UP = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Http write;
    private final String readBase;
    /** A worker of the whole prefecture, who may open cases in every municipality. */
    private final String workerToken;
    /** An analyst, who sees every candidate on the board. */
    private final String analystToken;
    private final List<Municipality> municipalities;
    private final Map<String, List<String>> casesByMunicipality = new HashMap<>();
    private final HttpClient client = HttpClient.newHttpClient();
    private final String occurredOn = LocalDate.now(ZoneId.of("Asia/Tokyo")).minusDays(7).toString();

    DetectionProbe(Http write, int readPort, String workerToken, String analystToken) {
        this.write = write;
        this.readBase = "http://localhost:" + readPort;
        this.workerToken = workerToken;
        this.analystToken = analystToken;
        this.municipalities = Areas.load().municipalities().stream()
                .filter(m -> m.prefectureCode().equals("13"))
                .sorted(Comparator.comparing(m -> m.code().value()))
                .toList();
    }

    /** The most samples the probe can take: one per category and municipality. */
    private int capacity() {
        return SIGNALS.size() * municipalities.size();
    }

    /** Takes {@code samples} candidates' latencies while the load records into {@code loadCases} with its token. */
    Result underLoad(int samples, String loadToken, List<String> loadCases) throws Exception {
        if (samples < 1 || samples > capacity()) {
            throw new IllegalArgumentException("the probe takes 1 to " + capacity() + " samples, not " + samples);
        }
        List<Sample> prepared = prepare(samples);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong recorded = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(LOAD_CLIENTS);
        try {
            List<Future<?>> load = new ArrayList<>();
            long start = System.nanoTime();
            for (int client = 0; client < LOAD_CLIENTS; client++) {
                int first = client;
                load.add(pool.submit(() -> {
                    for (int n = first; !stop.get(); n += LOAD_CLIENTS) {
                        Benchmarks.recordOutreachVisit(write, loadToken, loadCases.get(n % loadCases.size()));
                        recorded.incrementAndGet();
                    }
                    return null;
                }));
            }
            List<Double> latencies = new ArrayList<>();
            try {
                for (Sample sample : prepared) {
                    latencies.add(latency(sample));
                }
            } finally {
                stop.set(true);
            }
            for (Future<?> f : load) {
                f.get();
            }
            return new Result(latencies, recorded.get() / ((System.nanoTime() - start) / 1e9));
        } finally {
            pool.shutdownNow();
        }
    }

    /** Each sample's municipality with its cases, and the signal recorded in all but the crossing one. */
    private List<Sample> prepare(int samples) {
        List<Sample> prepared = new ArrayList<>();
        for (int n = 0; n < samples; n++) {
            Signal signal = SIGNALS.get(n / municipalities.size());
            String municipality = municipalities.get(n % municipalities.size()).code().value();
            List<String> cases = casesIn(municipality);
            record(cases.get(0), signal);
            record(cases.get(1), signal);
            prepared.add(new Sample(signal, municipality, cases.get(2)));
        }
        return prepared;
    }

    /** One candidate: the milliseconds from the crossing signal's 201 to the candidate on the board. */
    private double latency(Sample sample) throws Exception {
        record(sample.crossingCase(), sample.signal());
        long crossed = System.nanoTime();
        HttpRequest board = HttpRequest.newBuilder(URI.create(readBase + "/api/issues?municipality=" + sample.municipality()
                + "&category=" + sample.signal().category())).header("Authorization", "Bearer " + analystToken).build();
        for (long poll = crossed; poll - crossed < GIVE_UP.toNanos(); poll += POLL.toNanos()) {
            LockSupport.parkNanos(poll - System.nanoTime());
            HttpResponse<String> answer = client.send(board, HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException(board.uri() + " was answered " + answer.statusCode());
            }
            if (!JSON.readTree(answer.body()).get("items").isEmpty()) {
                return (System.nanoTime() - crossed) / 1e6;
            }
        }
        throw new IllegalStateException("no " + sample.signal().category() + " candidate for " + sample.municipality()
                + " on the board within " + GIVE_UP + " of the crossing signal");
    }

    /** Three cases in the municipality, opened when first needed and shared by its categories. */
    private List<String> casesIn(String municipality) {
        List<String> cases = casesByMunicipality.get(municipality);
        if (cases == null) {
            cases = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Http.Answer opened = write.postWithToken(workerToken, "/api/cases", "{\"municipality\":\"" + municipality + "\"}");
                if (opened.status() != 201) {
                    throw new IllegalStateException("opening a case in " + municipality + " was answered " + opened.status());
                }
                cases.add(opened.field("caseId"));
            }
            casesByMunicipality.put(municipality, cases);
        }
        return cases;
    }

    private void record(String caseId, Signal signal) {
        // the status only: the latency is timed from the answer, with nothing of the client's own in between
        int status = write.postWithTokenForStatus(workerToken, "/api/cases/" + caseId + "/events", "{\"kind\":\""
                + signal.kind() + "\",\"occurredOn\":\"" + occurredOn + "\"," + signal.field() + "}");
        if (status != 201) {
            throw new IllegalStateException("recording " + signal.kind() + " was answered " + status);
        }
    }
}
