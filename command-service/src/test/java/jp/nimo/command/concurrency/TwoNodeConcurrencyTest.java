package jp.nimo.command.concurrency;

import jp.nimo.command.CommandServiceApplication;
import jp.nimo.infra.test.Http;
import jp.nimo.infra.test.Http.Answer;
import jp.nimo.infra.test.NimoServiceTest;
import jp.nimo.infra.test.TestDatabaseInitializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.stream.LongStream;

import static jp.nimo.infra.test.TestUsers.MEGURO_SECRETARIAT;
import static jp.nimo.infra.test.TestUsers.MEGURO_WORKER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two write-side nodes on one database (the one Spring's test support starts and a second started
 * here), with many clients sending conflicting commands to both at the same instant: one wins, the
 * others are answered 409 and may retry, and nothing is lost or stored twice.
 */
@NimoServiceTest
class TwoNodeConcurrencyTest {

    private static final int CLIENTS = 12;
    private static final String MEETING = "\"meeting\":{\"title\":\"令和6年度 第2回 目黒区協議の場\",\"heldOn\":\"2024-10-10\",\"format\":\"IN_PERSON\"}";
    private static ServletWebServerApplicationContext nodeB;

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    private Http a;
    private Http b;

    @BeforeEach
    void twoNodes() {
        a = new Http(port);
        if (nodeB == null) {
            nodeB = (ServletWebServerApplicationContext) new SpringApplicationBuilder(CommandServiceApplication.class)
                    .initializers(new TestDatabaseInitializer())
                    .run("--server.port=0", "--spring.application.name=nimo-command-service-node-b");
        }
        b = new Http(nodeB.getWebServer().getPort());
    }

    @AfterAll
    static void stopNodeB() {
        if (nodeB != null) {
            nodeB.close();
            nodeB = null;
        }
    }

    @Test
    void eventsRecordedOnOneCaseFromBothNodesAtOnceAreEachStoredOnceInAnUnbrokenSequence() throws Exception {
        String caseId = openCase();
        // each client retries on 409 until its event is taken, as a client of the API should
        List<List<Answer>> tries = together(client -> {
            String body = "{\"kind\":\"NeighbourComplaintReceived\",\"occurredOn\":\"2024-05-03\",\"behaviourType\":\"LOUD_VOICE\","
                    + "\"note\":\"client " + client + "\"}";
            List<Answer> answers = new ArrayList<>();
            for (int attempt = 0; attempt < 50; attempt++) {
                Answer answer = node(client + attempt).post(MEGURO_WORKER, "/api/cases/" + caseId + "/events", body);
                answers.add(answer);
                if (answer.status() != 409) {
                    break;
                }
            }
            return answers;
        });

        List<Answer> all = tries.stream().flatMap(List::stream).toList();
        assertThat(all).allSatisfy(answer -> assertThat(answer.status()).as(answer.text()).isIn(201, 409));
        assertThat(all).filteredOn(answer -> answer.status() == 409).allSatisfy(TwoNodeConcurrencyTest::isConcurrentChange);
        List<Answer> taken = all.stream().filter(answer -> answer.status() == 201).toList();
        assertThat(taken).as("every client's event is taken in the end").hasSize(CLIENTS);
        assertThat(tries).allSatisfy(t -> assertThat(t.get(t.size() - 1).status()).isEqualTo(201));

        // every 201 names its own event and place; the store holds exactly those, once, numbered 0..n
        assertThat(taken).extracting(answer -> answer.field("eventId")).doesNotHaveDuplicates();
        assertThat(taken).extracting(answer -> answer.json().get("sequence").asLong())
                .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, CLIENTS).boxed().toList());
        for (Answer answer : taken) {
            assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?"
                            + " AND convert_from(payload, 'UTF8') LIKE ?", Long.class, caseId, "%" + answer.field("eventId") + "%"))
                    .as("event " + answer.field("eventId")).isEqualTo(1);
        }
        assertThat(jdbc.queryForList("SELECT sequencenumber FROM domainevententry WHERE aggregateidentifier = ?"
                + " ORDER BY sequencenumber", Long.class, caseId))
                .containsExactlyElementsOf(LongStream.rangeClosed(0, CLIENTS).boxed().toList());
    }

    @Test
    void conflictingLifecycleActionsOnOneIssueFromBothNodesLetExactlyOneWin() throws Exception {
        String promoted = raise();
        List<Answer> promotes = once(together(client -> List.of(node(client).post(MEGURO_SECRETARIAT,
                "/api/issues/" + promoted + "/promote", "{\"councilId\":\"council-13110\"," + MEETING + "}"))));
        exactlyOneWins(promoted, promotes, "PROMOTED");

        // dismissing and merging both close the issue: whichever comes first, the other is no longer allowed
        String closed = raise();
        String into = raise();
        List<Answer> closings = once(together(client -> List.of(client % 2 == 0
                ? node(client).post(MEGURO_SECRETARIAT, "/api/issues/" + closed + "/dismiss",
                        "{\"reason\":\"個別の課題として対応\"," + MEETING + "}")
                : node(client).post(MEGURO_SECRETARIAT, "/api/issues/" + closed + "/merge",
                        "{\"intoIssueId\":\"" + into + "\",\"reason\":\"同じ課題\"}"))));
        Answer winner = exactlyOneWins(closed, closings, null);
        assertThat(winner.field("state")).isIn("DISMISSED", "MERGED");
        // a merge that lost stored nothing on the issue it named either
        long takenIn = jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?",
                Long.class, into);
        assertThat(takenIn).isEqualTo(winner.field("state").equals("MERGED") ? 2 : 1);
    }

    @Test
    void oneIdempotencyKeySentToBothNodesAtOnceStoresOneEventAndGetsOneAnswer() throws Exception {
        String caseId = openCase();
        String body = "{\"kind\":\"SupportRefused\",\"occurredOn\":\"2024-05-04\",\"refusedService\":\"VISIT\"}";
        List<Answer> answers = once(together(client -> List.of(node(client).post(MEGURO_WORKER,
                "/api/cases/" + caseId + "/events", body, "refusal-" + caseId))));

        assertThat(answers).allSatisfy(answer -> assertThat(answer.status()).as(answer.text()).isEqualTo(201));
        assertThat(answers).extracting(Answer::json).containsOnly(answers.get(0).json());
        assertThat(answers.get(0).json().get("sequence").asLong()).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?",
                Long.class, caseId)).isEqualTo(2);
    }

    /** Checks that exactly one answer is a 200 and the others 409s, and that the issue took one transition. */
    private Answer exactlyOneWins(String issueId, List<Answer> answers, String state) {
        assertThat(answers).allSatisfy(answer -> assertThat(answer.status()).as(answer.text()).isIn(200, 409));
        List<Answer> won = answers.stream().filter(answer -> answer.status() == 200).toList();
        assertThat(won).as("winners").hasSize(1);
        if (state != null) {
            assertThat(won.get(0).field("state")).isEqualTo(state);
        }
        assertThat(answers).filteredOn(answer -> answer.status() == 409).hasSize(CLIENTS - 1)
                .allSatisfy(answer -> {
                    assertThat(answer.contentType()).startsWith("application/problem+json");
                    assertThat(answer.field("type")).matches(".*/(concurrent-change|transition-not-allowed)");
                });
        List<String> stream = jdbc.queryForList("SELECT payloadtype FROM domainevententry WHERE aggregateidentifier = ?"
                + " ORDER BY sequencenumber", String.class, issueId);
        assertThat(stream).as("raised, then one transition").hasSize(2);
        assertThat(stream.get(0)).endsWith("IssueRaised");
        return won.get(0);
    }

    private static void isConcurrentChange(Answer answer) {
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.field("type")).endsWith("/concurrent-change");
        assertThat(answer.json().get("status").asInt()).isEqualTo(409);
    }

    /** Half the clients talk to node A, half to node B. */
    private Http node(int client) {
        return client % 2 == 0 ? a : b;
    }

    /** Runs every client's requests on a thread of its own, all released at the same instant. */
    private static <T> List<T> together(IntFunction<T> client) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        CyclicBarrier start = new CyclicBarrier(CLIENTS);
        try {
            List<Callable<T>> clients = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                int number = i;
                clients.add(() -> {
                    start.await(30, TimeUnit.SECONDS);
                    return client.apply(number);
                });
            }
            List<T> results = new ArrayList<>();
            for (Future<T> result : pool.invokeAll(clients, 120, TimeUnit.SECONDS)) {
                results.add(result.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<Answer> once(List<List<Answer>> answers) {
        return answers.stream().map(list -> list.get(0)).toList();
    }

    private String openCase() {
        Answer opened = a.post(MEGURO_WORKER, "/api/cases", "{\"municipality\":\"13110\",\"ageBand\":\"40-49\"}");
        assertThat(opened.status()).as(opened.text()).isEqualTo(201);
        return opened.field("caseId");
    }

    private String raise() {
        Answer raised = a.post(MEGURO_SECRETARIAT, "/api/issues", """
                {"title":"精神障害のある人の住まいの確保","category":"C04","municipality":"13110",
                 "origin":"PRACTITIONER_REPORT","description":"入居を断られる事例が散見される"}""");
        assertThat(raised.status()).as(raised.text()).isEqualTo(201);
        return raised.field("issueId");
    }
}
