package jp.nimo.projection.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jp.nimo.infra.NimoProperties;
import jp.nimo.infra.test.Http;
import jp.nimo.infra.test.Http.Answer;
import jp.nimo.projection.admin.IsolatedServices;
import jp.nimo.projection.admin.RealisticHistory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static jp.nimo.infra.test.TestUsers.ADMIN;
import static jp.nimo.infra.test.TestUsers.AUDITOR;
import static jp.nimo.infra.test.TestUsers.MEGURO_WORKER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The signed head of the audit chain over a realistic history: its signature verifies with the JDK's
 * Ed25519 and the key it carries, and a head exported earlier tells a chain rewritten consistently in the
 * database (which the chain's own check cannot see) from an untouched one. On a database of its own: the
 * test rewrites stored events and the chain.
 */
class AuditHeadTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static IsolatedServices services;
    private static JdbcTemplate jdbc;
    private static Http read;

    @BeforeAll
    static void servicesOnADatabaseOfTheirOwn() {
        services = IsolatedServices.start("nimo.node-id=audit-head-read-node");
        jdbc = services.jdbc();
        read = services.readSide().http();
        RealisticHistory.on(services.writeSide().http());
        awaitChained();
    }

    @AfterAll
    static void stop() {
        if (services != null) {
            services.close();
        }
    }

    @Test
    void theHeadIsSignedWithAKeyOutsideTheDatabaseAndVerifiesWithTheJdk() throws Exception {
        JsonNode head = head(AUDITOR);
        Map<String, Object> last = jdbc.queryForMap(
                "SELECT global_index, chain_hash FROM audit_chain ORDER BY chain_position DESC LIMIT 1");
        assertThat(head.get("globalIndex").asLong()).isEqualTo(((Number) last.get("global_index")).longValue());
        assertThat(head.get("headHash").asText()).isEqualTo(last.get("chain_hash"));
        assertThat(head.get("signedAt").asText()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");

        // the text documented for openssl, built here by hand
        String signed = "nimo-audit-head/v1\nglobalIndex=" + head.get("globalIndex").asLong() + "\nheadHash="
                + head.get("headHash").asText() + "\nsignedAt=" + head.get("signedAt").asText() + "\n";
        assertThat(verifies(head, signed)).isTrue();
        assertThat(verifies(head, signed.replace("globalIndex=", "globalIndex=1"))).isFalse();

        // the private key lives in the data directory, readable by its owner only, never in the database
        Path keyFile = services.readSide().bean(NimoProperties.class).getDataDir().resolve(AuditSigningKey.FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
        assertThat(Files.readString(keyFile, StandardCharsets.US_ASCII)).isNotBlank();
        assertThat(head(ADMIN).get("publicKey")).isEqualTo(head.get("publicKey"));

        JsonNode verified = verifyHead(head);
        assertThat(verified.get("verified").asBoolean()).as(verified.toString()).isTrue();
        assertThat(verified.get("signatureValid").asBoolean()).isTrue();
        assertThat(verified.get("recomputedHash").asText()).isEqualTo(head.get("headHash").asText());
        assertThat(verified.get("storedChainMatches").asBoolean()).isTrue();
    }

    @Test
    void aTamperedSignatureOrHeadIsRefusedAndBadInputNamesItsField() {
        JsonNode head = head(AUDITOR);
        byte[] signature = Base64.getDecoder().decode(head.get("signature").asText());
        signature[10] ^= 0x01;
        Answer tampered = read.post(AUDITOR, "/api/audit/head/verify",
                with(head, "signature", Base64.getEncoder().encodeToString(signature)));
        assertRefused(tampered, "signature");

        // a hash of the head's liking with the old signature does not verify either
        Answer otherHash = read.post(AUDITOR, "/api/audit/head/verify", with(head, "headHash", "a".repeat(64)));
        assertRefused(otherHash, "signature");
        Answer otherIndex = read.post(AUDITOR, "/api/audit/head/verify",
                with(head, "globalIndex", head.get("globalIndex").asLong() - 1));
        assertRefused(otherIndex, "signature");

        Answer missing = read.post(AUDITOR, "/api/audit/head/verify", "{\"headHash\":\"" + "0".repeat(64) + "\"}");
        assertThat(missing.status()).as(missing.text()).isEqualTo(400);
        assertThat(missing.contentType()).startsWith("application/problem+json");
        assertThat(missing.text()).contains("\"globalIndex\"", "\"signedAt\"", "\"signature\"", "\"publicKey\"");
        Answer badHash = read.post(AUDITOR, "/api/audit/head/verify", with(head, "headHash", "XYZ"));
        assertThat(badHash.status()).isEqualTo(400);
        assertThat(badHash.json().get("errors").get(0).get("field").asText()).isEqualTo("headHash");
    }

    @Test
    void aChainRewrittenConsistentlyInTheDatabaseIsCaughtByAnExportedHeadThoughItsOwnCheckSeesNothing() {
        JsonNode exported = head(AUDITOR);
        long exportedIndex = exported.get("globalIndex").asLong();

        // more events come: the exported head still verifies against the longer chain
        Answer opened = services.writeSide().http().post(MEGURO_WORKER, "/api/cases", "{\"municipality\":\"13110\",\"externalRef\":\"MG-901\"}");
        assertThat(opened.status()).as(opened.text()).isEqualTo(201);
        awaitChained();
        assertThat(head(AUDITOR).get("globalIndex").asLong()).isGreaterThan(exportedIndex);
        assertThat(verifyHead(exported).get("verified").asBoolean()).isTrue();

        // someone with the database rewrites a refusal's reason, then every link after it as the projection would
        long altered = jdbc.queryForObject("SELECT globalindex FROM domainevententry"
                + " WHERE convert_from(payload, 'UTF8') LIKE '%PREJUDICE%' ORDER BY globalindex LIMIT 1", Long.class);
        assertThat(altered).isLessThan(exportedIndex);
        assertThat(jdbc.update("UPDATE domainevententry SET payload = convert_to(replace(convert_from(payload, 'UTF8'),"
                + " 'PREJUDICE', 'UNKNOWN'), 'UTF8') WHERE globalindex = ?", altered)).isEqualTo(1);
        rewriteChainFrom(altered);

        JsonNode ownCheck = read.get(AUDITOR, "/api/audit/verify").json();
        assertThat(ownCheck.get("verified").asBoolean()).as("the chain's own check is fooled: " + ownCheck).isTrue();

        JsonNode caught = verifyHead(exported);
        assertThat(caught.get("verified").asBoolean()).as(caught.toString()).isFalse();
        assertThat(caught.get("signatureValid").asBoolean()).isTrue();
        assertThat(caught.get("problem").asText()).isEqualTo("HASH_DIFFERS");
        assertThat(caught.get("storedChainMatches").asBoolean()).isFalse();
        assertThat(caught.get("recomputedHash").asText()).isNotEqualTo(exported.get("headHash").asText())
                .isEqualTo(caught.get("storedHash").asText());
        // a head signed now blesses the rewritten chain: only the exported one tells
        assertThat(verifyHead(head(AUDITOR)).get("verified").asBoolean()).isTrue();
    }

    /** Recomputes every entry from the altered event on from the rows as stored now, as the projection appends them. */
    private static void rewriteChainFrom(long globalIndex) {
        long position = jdbc.queryForObject("SELECT chain_position FROM audit_chain WHERE global_index = ?", Long.class,
                globalIndex);
        List<String> before = jdbc.queryForList("SELECT chain_hash FROM audit_chain WHERE chain_position = ?",
                String.class, position - 1);
        String link = before.isEmpty() ? null : before.get(0);
        List<Map<String, Object>> entries = jdbc.queryForList("SELECT chain_position, global_index FROM audit_chain"
                + " WHERE chain_position >= ? ORDER BY chain_position", position);
        for (Map<String, Object> entry : entries) {
            StoredEventRow row = jdbc.queryForObject("SELECT " + StoredEventRow.COLUMNS
                    + " FROM domainevententry WHERE globalindex = ?", (rows, n) -> StoredEventRow.of(rows), entry.get("global_index"));
            String rowHash = row.hash();
            link = StoredEventRow.link(link, rowHash);
            jdbc.update("UPDATE audit_chain SET row_hash = ?, chain_hash = ? WHERE chain_position = ?", rowHash, link,
                    entry.get("chain_position"));
        }
    }

    private static void assertRefused(Answer answer, String field) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(422);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.field("field")).isEqualTo(field);
    }

    private static String with(JsonNode head, String field, Object value) {
        ObjectNode copy = head.deepCopy();
        copy.set(field, JSON.valueToTree(value));
        return copy.toString();
    }

    private static boolean verifies(JsonNode head, String text) throws Exception {
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(KeyFactory.getInstance("Ed25519").generatePublic(
                new X509EncodedKeySpec(Base64.getDecoder().decode(head.get("publicKey").asText()))));
        verifier.update(text.getBytes(StandardCharsets.UTF_8));
        return verifier.verify(Base64.getDecoder().decode(head.get("signature").asText()));
    }

    private static JsonNode head(String user) {
        Answer answer = read.get(user, "/api/audit/head");
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        return answer.json();
    }

    private static JsonNode verifyHead(JsonNode head) {
        Answer answer = read.post(AUDITOR, "/api/audit/head/verify", head.toString());
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        return answer.json();
    }

    /** Until the write side has stopped appending (detection included) and the chain covers the whole log. */
    private static void awaitChained() {
        AuditChainTest.awaitChained(jdbc);
    }
}
