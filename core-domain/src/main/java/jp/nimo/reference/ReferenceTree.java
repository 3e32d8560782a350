package jp.nimo.reference;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A reference file as already-parsed plain values (maps, lists, strings, numbers, booleans), so that the
 * domain builds its reference types without knowing the file format; whoever reads the file parses it.
 * A missing member reads as empty text, zero or the given default, as the files leave optional members out.
 */
public final class ReferenceTree implements Iterable<ReferenceTree> {

    private static final ReferenceTree MISSING = new ReferenceTree(null, false);

    private final Object value;
    private final boolean present;

    private ReferenceTree(Object value, boolean present) {
        this.value = value;
        this.present = present;
    }

    /** The root of a parsed file: a map of its top-level members. */
    public static ReferenceTree of(Map<String, ?> root) {
        return new ReferenceTree(root, true);
    }

    public ReferenceTree path(String member) {
        if (value instanceof Map<?, ?> map && map.containsKey(member)) {
            return new ReferenceTree(map.get(member), true);
        }
        return MISSING;
    }

    public boolean isMissing() {
        return !present;
    }

    public boolean hasNonNull(String member) {
        return path(member).value != null;
    }

    public String asText() {
        return present ? String.valueOf(value) : "";
    }

    public int asInt() {
        return asInt(0);
    }

    public int asInt(int otherwise) {
        if (value instanceof Number n) {
            return n.intValue();
        }
        if (value instanceof String s) {
            try {
                return Integer.parseInt(s.trim());
            } catch (NumberFormatException e) {
                return otherwise;
            }
        }
        return otherwise;
    }

    public boolean asBoolean(boolean otherwise) {
        if (value instanceof Boolean b) {
            return b;
        }
        return value instanceof String s && (s.trim().equals("true") || s.trim().equals("false"))
                ? Boolean.parseBoolean(s.trim()) : otherwise;
    }

    /** The members of an object, in the file's order. */
    public Map<String, ReferenceTree> members() {
        Map<String, ReferenceTree> members = new LinkedHashMap<>();
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> members.put(String.valueOf(k), new ReferenceTree(v, true)));
        }
        return members;
    }

    /** The plain value itself, for members whose values the domain keeps as they are. */
    public Object plain() {
        return value;
    }

    /** The elements of an array; nothing for anything else. */
    @Override
    public Iterator<ReferenceTree> iterator() {
        List<ReferenceTree> elements = new ArrayList<>();
        if (value instanceof List<?> list) {
            list.forEach(e -> elements.add(new ReferenceTree(e, true)));
        }
        return elements.iterator();
    }
}
