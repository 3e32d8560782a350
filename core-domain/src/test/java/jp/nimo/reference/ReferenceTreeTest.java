package jp.nimo.reference;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ReferenceTreeTest {

    private static Map<String, Object> object(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    @Test
    void readsMembersAsTheFilesWriteThem() {
        ReferenceTree root = ReferenceTree.of(object("version", 3, "code", "C06", "required", true,
                "items", List.of(object("name", "a"), object("name", "b"))));

        assertThat(root.path("version").asInt()).isEqualTo(3);
        assertThat(root.path("code").asText()).isEqualTo("C06");
        assertThat(root.path("required").asBoolean(false)).isTrue();
        List<String> names = new ArrayList<>();
        root.path("items").forEach(item -> names.add(item.path("name").asText()));
        assertThat(names).containsExactly("a", "b");
    }

    @Test
    void aMissingMemberReadsAsEmptyZeroOrTheDefault() {
        ReferenceTree root = ReferenceTree.of(object("min", null));

        ReferenceTree absent = root.path("absence");
        assertThat(absent.isMissing()).isTrue();
        assertThat(absent.asText()).isEmpty();
        assertThat(absent.path("days").asInt(7)).isEqualTo(7);
        assertThat(absent.iterator().hasNext()).isFalse();
        assertThat(root.path("required").asBoolean(false)).isFalse();
        assertThat(root.path("min").isMissing()).isFalse();
        assertThat(root.hasNonNull("min")).isFalse();
        assertThat(root.hasNonNull("max")).isFalse();
    }

    @Test
    void keepsTheOrderOfAnObjectsMembersAndTheirPlainValues() {
        ReferenceTree where = ReferenceTree.of(object("where", object("reason", List.of("PREJUDICE", "INCOME"),
                "days", List.of(14)))).path("where");

        assertThat(where.members().keySet()).containsExactly("reason", "days");
        List<Object> days = new ArrayList<>();
        where.members().get("days").forEach(d -> days.add(d.plain()));
        assertThat(days).isEqualTo(Arrays.asList(14));
    }
}
