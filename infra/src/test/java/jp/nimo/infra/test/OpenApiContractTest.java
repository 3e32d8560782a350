package jp.nimo.infra.test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The validator the test clients hold every answer against refuses what the document does not allow. */
class OpenApiContractTest {

    private static final String PROBLEM = "application/problem+json";
    private static final String CASE_ID = "\"caseId\":\"6f1c2d9e-8a47-4e0b-9d61-2b7f3c5a1e00\"";

    private final OpenApiContract contract = OpenApiContract.of(document());

    @Test
    void anAnswerOfTheDocumentedShapePasses() {
        assertThat(contract.violations("POST", "/api/cases", 201, "application/json", "{" + CASE_ID + "}")).isEmpty();
        assertThat(contract.violations("POST", "/api/cases/6f1c2d9e-8a47-4e0b-9d61-2b7f3c5a1e00/events?x=1", 201,
                "application/json;charset=UTF-8", "{" + CASE_ID + ",\"sequence\":2}")).isEmpty();
    }

    @Test
    void aBodyOfAnotherShapeIsRefused() {
        assertThat(contract.violations("POST", "/api/cases", 201, "application/json", "{\"id\":\"x\"}"))
                .anyMatch(v -> v.contains("caseId"));
        assertThat(contract.violations("POST", "/api/cases", 201, "application/json", "{\"caseId\":\"not-a-uuid\"}"))
                .anyMatch(v -> v.contains("uuid"));
        assertThatThrownBy(() -> contract.check("POST", "/api/cases", 201, "application/json", "{\"caseId\":3}"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("POST /api/cases -> 201").hasMessageContaining("caseId");
    }

    @Test
    void anUndocumentedStatusOrContentTypeIsRefused() {
        assertThat(contract.violations("POST", "/api/cases", 200, "application/json", "{" + CASE_ID + "}"))
                .containsExactly("status 200 is not documented for POST /api/cases (documented: [201, 400])");
        assertThat(contract.violations("POST", "/api/cases", 201, "text/plain", "ok"))
                .anyMatch(v -> v.startsWith("content type text/plain is not documented"));
        assertThat(contract.violations("POST", "/api/cases", 400, "application/json",
                "{\"type\":\"x\",\"title\":\"t\",\"status\":400,\"errors\":[{\"field\":\"a\",\"message\":\"b\"}]}"))
                .anyMatch(v -> v.contains("application/json is not documented"));
    }

    @Test
    void aProblemMustCarryItsMembers() {
        assertThat(contract.violations("POST", "/api/cases", 400, PROBLEM,
                "{\"type\":\"https://nimo.jp/problems/invalid-input\",\"title\":\"Invalid input\",\"status\":400,"
                        + "\"errors\":[{\"field\":\"municipality\",\"message\":\"is required\"}]}")).isEmpty();
        assertThat(contract.violations("POST", "/api/cases", 400, PROBLEM,
                "{\"type\":\"https://nimo.jp/problems/invalid-input\",\"title\":\"Invalid input\",\"status\":400}"))
                .anyMatch(v -> v.contains("errors"));
    }

    @Test
    void anUndocumentedPathOrMethodPassesOnlyWhenTheAnswerSaysSo() {
        String notFound = "{\"type\":\"https://nimo.jp/problems/not-found\",\"title\":\"Not found\",\"status\":404}";
        assertThat(contract.violations("GET", "/api/nothing", 404, PROBLEM, notFound)).isEmpty();
        assertThat(contract.violations("GET", "/api/nothing", 200, "application/json", "{}"))
                .containsExactly("the path /api/nothing is not documented");
        assertThat(contract.violations("DELETE", "/api/cases", 405, PROBLEM,
                "{\"type\":\"https://nimo.jp/problems/method-not-allowed\",\"title\":\"Method not allowed\",\"status\":405}"))
                .isEmpty();
        assertThat(contract.violations("DELETE", "/api/cases", 204, "", ""))
                .containsExactly("DELETE is not documented for /api/cases");
        assertThat(contract.violations("GET", "/api/nothing", 404, PROBLEM, "{\"title\":\"Not found\"}"))
                .isNotEmpty();
    }

    @Test
    void aBodyWhereNoneIsDocumentedIsRefused() {
        assertThat(contract.violations("DELETE", "/api/cases/6f1c2d9e-8a47-4e0b-9d61-2b7f3c5a1e00/events", 204, "", ""))
                .isEmpty();
        assertThat(contract.violations("DELETE", "/api/cases/6f1c2d9e-8a47-4e0b-9d61-2b7f3c5a1e00/events", 204,
                "application/json", "{}")).anyMatch(v -> v.startsWith("no body is documented"));
    }

    @Test
    void theLoginPagesPassAsHtml() {
        assertThat(contract.violations("GET", "/login", 200, "text/html;charset=UTF-8", "<html></html>")).isEmpty();
        assertThat(contract.violations("POST", "/logout", 302, "", "")).isEmpty();
        assertThat(contract.violations("GET", "/login", 200, "application/json", "{}")).isNotEmpty();
    }

    private static JsonNode document() {
        String json = """
                {"openapi":"3.1.0","info":{"title":"t","version":"1"},
                 "paths":{
                  "/api/cases":{"post":{"responses":{
                    "201":{"description":"opened","content":{"application/json":{"schema":{"$ref":"#/components/schemas/CaseOpened"}}}},
                    "400":{"$ref":"#/components/responses/BadRequest"}}}},
                  "/api/cases/{caseId}/events":{
                    "post":{"responses":{"201":{"description":"recorded","content":{"application/json":{"schema":{
                      "type":"object","required":["caseId","sequence"],
                      "properties":{"caseId":{"type":"string","format":"uuid"},"sequence":{"type":"integer"}}}}}}}},
                    "delete":{"responses":{"204":{"description":"gone"}}}}},
                 "components":{
                  "schemas":{
                   "CaseOpened":{"type":"object","required":["caseId"],"properties":{"caseId":{"type":"string","format":"uuid"}}},
                   "Problem":{"type":"object","required":["type","title","status"],
                     "properties":{"type":{"type":"string"},"title":{"type":"string"},"status":{"type":"integer"}}},
                   "InvalidInputProblem":{"allOf":[{"$ref":"#/components/schemas/Problem"},
                     {"type":"object","required":["errors"],"properties":{"errors":{"type":"array","minItems":1}}}]}},
                  "responses":{"BadRequest":{"description":"bad","content":{"application/problem+json":{
                    "schema":{"$ref":"#/components/schemas/InvalidInputProblem"}}}}}}}
                """;
        try {
            return new ObjectMapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
