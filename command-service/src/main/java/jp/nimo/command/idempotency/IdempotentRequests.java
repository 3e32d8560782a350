package jp.nimo.command.idempotency;

import jakarta.servlet.http.HttpServletRequest;
import jp.nimo.infra.security.NimoUser;
import jp.nimo.infra.web.IdempotencyKey;
import jp.nimo.validation.InvalidInputException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;

/**
 * Applies a write request once per (user, Idempotency-Key). The key is claimed first and the answer
 * stored in the same transaction as the events the request appends, so either both are stored or
 * neither: a retry after a lost answer replays the first answer, and a concurrent retry waits for the
 * first to finish and then replays its answer.
 */
@Component
public class IdempotentRequests {

    public static final String HEADER = IdempotencyKey.HEADER;
    public static final int MAX_KEY_LENGTH = IdempotencyKey.MAX_LENGTH;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    /** The mapper that reads and writes the bodies, so that a replayed answer reads like the first. */
    private final JsonMapper json;
    private final JsonMapper canonical;

    public IdempotentRequests(JdbcTemplate jdbc, TransactionTemplate transactions, JsonMapper json) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.json = json;
        this.canonical = json.rebuild().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();
    }

    /** A request as far as idempotency cares: who sent it, with which key, to where, with what body. */
    public record Request(String principal, String key, String method, String path, JsonNode body) {

        public static Request of(NimoUser user, String key, HttpServletRequest request, JsonNode body) {
            return new Request(user.getUsername(), key, request.getMethod(), request.getRequestURI(), body);
        }
    }

    /** {@link #apply(Request, HttpStatus, Supplier)} for a controller's request as Spring hands it over. */
    public ResponseEntity<Object> apply(NimoUser user, String key, HttpServletRequest request, JsonNode body,
                                        HttpStatus status, Supplier<Object> action) {
        return apply(Request.of(user, key, request, body), status, action);
    }

    /**
     * Runs {@code action} (which appends events and returns the answer) in one transaction with the
     * record of its key, or replays the answer stored for the key.
     */
    public ResponseEntity<Object> apply(Request request, HttpStatus status, Supplier<Object> action) {
        if (request.key() == null) {
            return answer(status, transactions.execute(tx -> action.get()));
        }
        checkKey(request.key());
        String hash = hash(request);
        ResponseEntity<Object> earlier = replay(request, hash);
        if (earlier != null) {
            return earlier;
        }
        try {
            Object body = transactions.execute(tx -> {
                // claim the key before acting: a request with the same key, on any node, waits on this row
                // until this transaction ends, then replays its answer instead of racing it on the events
                jdbc.update("INSERT INTO idempotency_record (principal, idempotency_key, request_hash, response_status,"
                                + " response_body) VALUES (?, ?, ?, ?, '')",
                        request.principal(), request.key(), hash, status.value());
                Object result = action.get();
                jdbc.update("UPDATE idempotency_record SET response_body = ? WHERE principal = ? AND idempotency_key = ?",
                        write(result), request.principal(), request.key());
                return result;
            });
            return answer(status, body);
        } catch (DuplicateKeyException concurrentRetry) {
            // the same key committed first on another thread or node; nothing of this one was stored
            ResponseEntity<Object> first = replay(request, hash);
            if (first == null) {
                throw concurrentRetry;
            }
            return first;
        }
    }

    private ResponseEntity<Object> replay(Request request, String hash) {
        List<ResponseEntity<Object>> stored = jdbc.query(
                "SELECT request_hash, response_status, response_body FROM idempotency_record"
                        + " WHERE principal = ? AND idempotency_key = ?",
                (row, n) -> {
                    if (!row.getString("request_hash").equals(hash)) {
                        throw new IdempotencyKeyReused();
                    }
                    return answer(HttpStatus.valueOf(row.getInt("response_status")), read(row.getString("response_body")));
                },
                request.principal(), request.key());
        return stored.isEmpty() ? null : stored.get(0);
    }

    private static void checkKey(String key) {
        if (!IdempotencyKey.isValid(key)) {
            throw new InvalidInputException(HEADER, IdempotencyKey.RULE);
        }
    }

    private String hash(Request request) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((request.method() + " " + request.path() + "\n").getBytes(StandardCharsets.UTF_8));
            Object body = request.body() == null ? null : canonical.treeToValue(request.body(), Object.class);
            sha.update(canonical.writeValueAsBytes(body));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException | JacksonException e) {
            throw new IllegalStateException("could not hash the request", e);
        }
    }

    private String write(Object body) {
        return json.writeValueAsString(body);
    }

    private JsonNode read(String body) {
        return json.readTree(body);
    }

    private static ResponseEntity<Object> answer(HttpStatus status, Object body) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
    }
}
