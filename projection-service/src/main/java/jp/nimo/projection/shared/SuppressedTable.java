package jp.nimo.projection.shared;

import org.apache.commons.math3.optim.MaxIter;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.linear.LinearConstraint;
import org.apache.commons.math3.optim.linear.LinearConstraintSet;
import org.apache.commons.math3.optim.linear.LinearObjectiveFunction;
import org.apache.commons.math3.optim.linear.NoFeasibleSolutionException;
import org.apache.commons.math3.optim.linear.NonNegativeConstraint;
import org.apache.commons.math3.optim.linear.PivotSelectionRule;
import org.apache.commons.math3.optim.linear.Relationship;
import org.apache.commons.math3.optim.linear.SimplexSolver;
import org.apache.commons.math3.optim.linear.UnboundedSolutionException;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Small-count suppression of one answer: its counts (cells) and the sums the answer also shows
 * (relations: a total and the parts that add up to it). A count from 1 to k-1 is hidden (primary
 * suppression). A hidden cell must not be recoverable from what is shown:
 * <ol>
 *     <li>a relation with exactly one hidden member would give it away by subtraction, so the smallest
 *     shown non-zero part of it is hidden too, or where there is none, its total (complementary
 *     suppression), until no relation has a single hidden member;</li>
 *     <li>then an audit solves, for every hidden cell, the smallest and largest value it could have
 *     given every relation and the shown cells (hidden cells are at least 1, since zeros are never
 *     hidden), with the simplex method of commons-math; a cell left with one possible value (two
 *     hidden ones of a total that leaves 2 for them, or a chain of relations) gets another cell of its
 *     relations hidden beside it, and the audit runs again.</li>
 * </ol>
 * Zeros stay shown: a zero says nothing about a person.
 */
public final class SuppressedTable {

    /** {@code total} is the sum of {@code parts}. */
    public record Relation(String total, List<String> parts) {

        public Relation {
            Objects.requireNonNull(total, "total");
            parts = List.copyOf(parts);
        }

        List<String> members() {
            List<String> members = new ArrayList<>(parts);
            members.add(total);
            return members;
        }
    }

    private final Map<String, Long> values;
    private final List<Relation> relations;
    private final Set<String> hidden;

    private SuppressedTable(Map<String, Long> values, List<Relation> relations, Set<String> hidden) {
        this.values = values;
        this.relations = relations;
        this.hidden = Collections.unmodifiableSet(hidden);
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final Map<String, Long> values = new LinkedHashMap<>();
        private final List<Relation> relations = new ArrayList<>();

        public Builder cell(String id, long value) {
            if (value < 0) {
                throw new IllegalArgumentException("a count is never negative: " + id + " = " + value);
            }
            values.put(id, value);
            return this;
        }

        public Builder relation(String total, List<String> parts) {
            Relation relation = new Relation(total, parts);
            for (String member : relation.members()) {
                if (!values.containsKey(member)) {
                    throw new IllegalArgumentException("a relation names a cell the table does not have: " + member);
                }
            }
            relations.add(relation);
            return this;
        }

        /** The table as it is, for a viewer who sees every count. */
        public SuppressedTable disclosed() {
            return new SuppressedTable(Map.copyOf(values), List.copyOf(relations), new LinkedHashSet<>());
        }

        /** The table with counts from 1 to {@code threshold - 1} hidden, and enough others that none can be derived. */
        public SuppressedTable suppressed(int threshold) {
            Set<String> hidden = new LinkedHashSet<>();
            values.forEach((id, value) -> {
                if (value >= 1 && value < threshold) {
                    hidden.add(id);
                }
            });
            if (!hidden.isEmpty()) {
                protect(values, relations, hidden);
            }
            return new SuppressedTable(Map.copyOf(values), List.copyOf(relations), hidden);
        }
    }

    public boolean isHidden(String id) {
        return hidden.contains(id);
    }

    /** The count as shown: null when hidden. */
    public Long shown(String id) {
        if (!values.containsKey(id)) {
            throw new IllegalArgumentException("no cell " + id);
        }
        return hidden.contains(id) ? null : values.get(id);
    }

    public Set<String> hiddenCells() {
        return hidden;
    }

    public boolean anyHidden() {
        return !hidden.isEmpty();
    }

    public List<Relation> relations() {
        return relations;
    }

    public Set<String> cells() {
        return values.keySet();
    }

    private static void protect(Map<String, Long> values, List<Relation> relations, Set<String> hidden) {
        while (true) {
            boolean changed = false;
            for (Relation relation : relations) {
                long hiddenMembers = relation.members().stream().filter(hidden::contains).count();
                if (hiddenMembers == 1) {
                    String complement = complement(List.of(relation), values, hidden);
                    if (complement != null) {
                        hidden.add(complement);
                        changed = true;
                    }
                }
            }
            if (changed) {
                continue;
            }
            String pinned = new Audit(values, relations, hidden).firstDerivable();
            if (pinned == null) {
                return;
            }
            List<Relation> around = relations.stream().filter(r -> r.members().contains(pinned)).toList();
            String complement = complement(around, values, hidden);
            if (complement == null) {
                complement = complement(relations.stream()
                        .filter(r -> r.members().stream().anyMatch(hidden::contains)).toList(), values, hidden);
            }
            if (complement == null) {
                return; // every non-zero member of every relation is hidden already
            }
            hidden.add(complement);
        }
    }

    /** The smallest shown non-zero part of the relations, else the smallest shown non-zero total. */
    private static String complement(List<Relation> among, Map<String, Long> values, Set<String> hidden) {
        String best = smallest(among.stream().flatMap(r -> r.parts().stream()).toList(), values, hidden);
        return best != null ? best : smallest(among.stream().map(Relation::total).toList(), values, hidden);
    }

    private static String smallest(List<String> candidates, Map<String, Long> values, Set<String> hidden) {
        String best = null;
        for (String id : candidates) {
            long value = values.get(id);
            if (!hidden.contains(id) && value > 0 && (best == null || value < values.get(best))) {
                best = id;
            }
        }
        return best;
    }

    /**
     * For each hidden cell, the range of values consistent with what is shown: the relations as linear
     * equalities over the hidden cells, each hidden cell at least 1.
     */
    private static final class Audit {
        private static final double EPSILON = 1e-6;

        private final List<String> variables;
        private final Map<String, Integer> index = new HashMap<>();
        private final List<LinearConstraint> constraints = new ArrayList<>();

        Audit(Map<String, Long> values, List<Relation> relations, Set<String> hidden) {
            variables = new ArrayList<>(hidden);
            for (int i = 0; i < variables.size(); i++) {
                index.put(variables.get(i), i);
            }
            for (Relation relation : relations) {
                if (relation.members().stream().noneMatch(hidden::contains)) {
                    continue;
                }
                double[] coefficients = new double[variables.size()];
                double constant = 0;
                for (String part : relation.parts()) {
                    if (hidden.contains(part)) {
                        coefficients[index.get(part)] += 1;
                    } else {
                        constant -= values.get(part);
                    }
                }
                if (hidden.contains(relation.total())) {
                    coefficients[index.get(relation.total())] -= 1;
                } else {
                    constant += values.get(relation.total());
                }
                constraints.add(new LinearConstraint(coefficients, Relationship.EQ, constant));
            }
            for (int i = 0; i < variables.size(); i++) {
                double[] unit = new double[variables.size()];
                unit[i] = 1;
                constraints.add(new LinearConstraint(unit, Relationship.GEQ, 1));
            }
        }

        String firstDerivable() {
            for (int i = 0; i < variables.size(); i++) {
                double max = optimum(i, GoalType.MAXIMIZE);
                if (Double.isInfinite(max)) {
                    continue;
                }
                double min = optimum(i, GoalType.MINIMIZE);
                if (Double.isNaN(min) || Double.isNaN(max)
                        || Math.floor(max + EPSILON) - Math.ceil(min - EPSILON) < 1) {
                    return variables.get(i);
                }
            }
            return null;
        }

        /** The optimum of one hidden cell; infinite when unbounded, NaN when the audit finds no solution. */
        private double optimum(int variable, GoalType goal) {
            double[] objective = new double[variables.size()];
            objective[variable] = 1;
            try {
                PointValuePair solution = new SimplexSolver().optimize(new MaxIter(100_000),
                        new LinearObjectiveFunction(objective, 0), new LinearConstraintSet(constraints), goal,
                        new NonNegativeConstraint(true), PivotSelectionRule.BLAND);
                return solution.getValue();
            } catch (UnboundedSolutionException e) {
                return Double.POSITIVE_INFINITY;
            } catch (NoFeasibleSolutionException e) {
                // cannot happen for true counts; treated as derivable, which only hides more
                return Double.NaN;
            }
        }
    }
}
