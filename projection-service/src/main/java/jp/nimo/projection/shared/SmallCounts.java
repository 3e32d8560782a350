package jp.nimo.projection.shared;

import jp.nimo.infra.security.NimoUser;
import jp.nimo.infra.security.Role;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Small-count suppression on the issue plane (DESIGN.md, "Two data planes"): for council members,
 * observers and analysts a count from 1 to k-1 could point at a person, so it is shown as null with
 * {@code "suppressed": true}. A secretariat sees the counts as they are.
 */
@Component
public class SmallCounts {

    /** The roles that see de-identified material only; a user with any of them is suppressed for. */
    private static final Set<Role> SUPPRESSED_FOR = EnumSet.of(Role.COUNCIL_MEMBER, Role.OBSERVER, Role.ANALYST);

    private final int threshold;

    public SmallCounts(@Value("${nimo.small-count-threshold:5}") int threshold) {
        this.threshold = threshold;
    }

    public Disclosure to(NimoUser viewer) {
        return new Disclosure(viewer.roles().stream().anyMatch(SUPPRESSED_FOR::contains), threshold);
    }

    /** What one viewer may see of counts. */
    public record Disclosure(boolean suppresses, int threshold) {

        private static final Set<String> PEOPLE = Set.of("cases", "persons");

        public boolean hides(long count) {
            return suppresses && count >= 1 && count < threshold;
        }

        public Integer show(int count) {
            return hides(count) ? null : count;
        }

        /**
         * The cells of a breakdown to hide, by index. When only one cell is small and the total is
         * shown, the next-smallest cell is hidden too, or the small one could be had by subtraction.
         */
        public Set<Integer> hiddenCells(List<Integer> counts, int total) {
            Set<Integer> hidden = new HashSet<>();
            for (int i = 0; i < counts.size(); i++) {
                if (hides(counts.get(i))) {
                    hidden.add(i);
                }
            }
            if (hidden.size() == 1 && !hides(total)) {
                int smallest = -1;
                for (int i = 0; i < counts.size(); i++) {
                    if (!hidden.contains(i) && counts.get(i) > 0
                            && (smallest < 0 || counts.get(i) < counts.get(smallest))) {
                        smallest = i;
                    }
                }
                if (smallest >= 0) {
                    hidden.add(smallest);
                }
            }
            return hidden;
        }

        /** A value in an indicator's unit that counts people ("cases", "persons") is a count like any other. */
        public boolean hidesValue(String unit, BigDecimal value) {
            return suppresses && value != null && unit != null && PEOPLE.contains(unit) && value.signum() > 0
                    && value.compareTo(BigDecimal.valueOf(threshold)) < 0;
        }
    }
}
