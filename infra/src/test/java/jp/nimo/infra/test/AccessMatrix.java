package jp.nimo.infra.test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** A role-by-endpoint matrix: each row calls one endpoint as each user and names the status expected. */
public final class AccessMatrix {

    /** One endpoint: how to call it as a user (null: without credentials), and what each user gets. */
    public record Row(String name, Function<String, Integer> call, Map<String, Integer> expected) {
    }

    private final List<String> users;

    public AccessMatrix(List<String> users) {
        this.users = List.copyOf(users);
    }

    /** The expected statuses, in the order of the users. */
    public Map<String, Integer> expect(int... statuses) {
        Map<String, Integer> expected = new LinkedHashMap<>();
        for (int i = 0; i < users.size(); i++) {
            expected.put(users.get(i), statuses[i]);
        }
        return expected;
    }

    /** Calls every row as every user and without credentials (401). */
    public void check(List<Row> rows) {
        for (Row row : rows) {
            Map<String, Integer> actual = new LinkedHashMap<>();
            users.forEach(user -> actual.put(user, row.call().apply(user)));
            assertThat(actual).as(row.name()).isEqualTo(row.expected());
            assertThat(row.call().apply(null)).as(row.name() + " without credentials").isEqualTo(401);
        }
    }
}
