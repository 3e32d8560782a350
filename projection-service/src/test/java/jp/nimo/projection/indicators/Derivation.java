package jp.nimo.projection.indicators;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An attacker's view of a suppressed answer, written apart from the suppression it checks: the shown
 * counts, the sums the answer shows, and the knowledge that a hidden count is a whole number of at
 * least 1 (zeros are shown). A hidden cell is derivable when every way of filling the hidden cells that
 * agrees with every sum gives it the same value. Decided exactly, by search over whole numbers with the
 * bounds each sum puts on its members, over the hidden cells the cell is linked to by sums.
 */
public final class Derivation {

    public record Sum(String total, List<String> parts) {

        List<String> members() {
            List<String> members = new ArrayList<>(parts);
            members.add(total);
            return members;
        }
    }

    private final Map<String, Long> shown;
    private final Set<String> hidden;
    private final List<Sum> sums;
    private final long bound;

    /** @param bound an upper bound on any count, above every true one */
    public Derivation(Map<String, Long> shown, List<String> hidden, List<Sum> sums, long bound) {
        this.shown = shown;
        this.hidden = new LinkedHashSet<>(hidden);
        this.sums = sums;
        this.bound = bound;
    }

    /** Whether some filling of the hidden cells agrees with every sum and gives {@code cell} another value than {@code actual}. */
    public boolean hasAlternative(String cell, long actual) {
        Set<String> component = component(cell);
        List<Sum> relevant = sums.stream().filter(s -> s.members().stream().anyMatch(component::contains)).toList();
        Map<String, long[]> domains = new HashMap<>();
        component.forEach(h -> domains.put(h, new long[]{1, bound}));
        if (!propagate(domains, relevant)) {
            throw new IllegalStateException("the shown counts and sums admit no filling at all");
        }
        long[] range = domains.get(cell);
        for (long value = range[0]; value <= range[1]; value++) {
            if (value == actual) {
                continue;
            }
            Map<String, long[]> trial = copy(domains);
            trial.put(cell, new long[]{value, value});
            if (propagate(trial, relevant) && solvable(trial, relevant)) {
                return true;
            }
        }
        return false;
    }

    /** The hidden cells linked to this one through sums with hidden members. */
    private Set<String> component(String cell) {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> queue = new ArrayDeque<>(List.of(cell));
        while (!queue.isEmpty()) {
            String next = queue.poll();
            if (!seen.add(next)) {
                continue;
            }
            for (Sum sum : sums) {
                if (sum.members().contains(next)) {
                    sum.members().stream().filter(hidden::contains).filter(m -> !seen.contains(m)).forEach(queue::add);
                }
            }
        }
        return seen;
    }

    private boolean solvable(Map<String, long[]> domains, List<Sum> relevant) {
        String choice = null;
        for (Map.Entry<String, long[]> d : domains.entrySet()) {
            long size = d.getValue()[1] - d.getValue()[0];
            if (size > 0 && (choice == null || size < domains.get(choice)[1] - domains.get(choice)[0])) {
                choice = d.getKey();
            }
        }
        if (choice == null) {
            return true; // every cell has one value left, and propagation found every sum satisfiable
        }
        long[] range = domains.get(choice);
        for (long value = range[0]; value <= range[1]; value++) {
            Map<String, long[]> trial = copy(domains);
            trial.put(choice, new long[]{value, value});
            if (propagate(trial, relevant) && solvable(trial, relevant)) {
                return true;
            }
        }
        return false;
    }

    /** Narrows each hidden cell's bounds by every sum until nothing changes; false when a sum cannot hold. */
    private boolean propagate(Map<String, long[]> domains, List<Sum> relevant) {
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Sum sum : relevant) {
                long partsLo = 0;
                long partsHi = 0;
                for (String part : sum.parts()) {
                    partsLo += lo(domains, part);
                    partsHi += hi(domains, part);
                }
                long totalLo = lo(domains, sum.total());
                long totalHi = hi(domains, sum.total());
                if (domains.containsKey(sum.total())) {
                    changed |= narrow(domains, sum.total(), partsLo, partsHi);
                }
                for (String part : sum.parts()) {
                    if (domains.containsKey(part)) {
                        long othersLo = partsLo - lo(domains, part);
                        long othersHi = partsHi - hi(domains, part);
                        changed |= narrow(domains, part, totalLo - othersHi, totalHi - othersLo);
                    }
                }
                for (long[] d : domains.values()) {
                    if (d[0] > d[1]) {
                        return false;
                    }
                }
                if (partsLo > totalHi || partsHi < totalLo) {
                    return false;
                }
            }
        }
        return true;
    }

    private boolean narrow(Map<String, long[]> domains, String cell, long lo, long hi) {
        long[] d = domains.get(cell);
        boolean changed = false;
        if (lo > d[0]) {
            d[0] = lo;
            changed = true;
        }
        if (hi < d[1]) {
            d[1] = hi;
            changed = true;
        }
        return changed && d[0] <= d[1];
    }

    private long lo(Map<String, long[]> domains, String cell) {
        long[] d = domains.get(cell);
        return d != null ? d[0] : value(cell);
    }

    private long hi(Map<String, long[]> domains, String cell) {
        long[] d = domains.get(cell);
        return d != null ? d[1] : value(cell);
    }

    private long value(String cell) {
        Long value = shown.get(cell);
        if (value == null) {
            throw new IllegalStateException("cell " + cell + " is neither shown nor hidden");
        }
        return value;
    }

    private static Map<String, long[]> copy(Map<String, long[]> domains) {
        Map<String, long[]> copy = new HashMap<>();
        domains.forEach((k, v) -> copy.put(k, v.clone()));
        return copy;
    }
}
