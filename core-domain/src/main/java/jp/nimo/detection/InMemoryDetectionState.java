package jp.nimo.detection;

import jp.nimo.issues.IssueId;
import jp.nimo.reference.Area;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** Detection state in memory, for replays with other rules (what-if) and for tests. */
public final class InMemoryDetectionState implements DetectionState {

    private record Key(Area area, String category) {
    }

    private final Map<Key, IssueId> open = new HashMap<>();
    private final Map<Key, TreeMap<LocalDate, List<Signal>>> unattached = new HashMap<>();
    private final Map<IssueId, Set<String>> cases = new HashMap<>();
    private final Map<IssueId, List<Signal>> evidence = new HashMap<>();

    @Override
    public Optional<IssueId> openIssue(Area area, String category) {
        return Optional.ofNullable(open.get(new Key(area, category)));
    }

    @Override
    public List<Signal> unattached(Area area, String category, LocalDate from, LocalDate to) {
        List<Signal> found = new ArrayList<>();
        unattached.getOrDefault(new Key(area, category), new TreeMap<>()).subMap(from, true, to, true)
                .values().forEach(found::addAll);
        return found;
    }

    @Override
    public void keepUnattached(Signal signal, Area area) {
        unattached.computeIfAbsent(new Key(area, signal.category()), k -> new TreeMap<>())
                .computeIfAbsent(signal.occurredOn(), d -> new ArrayList<>()).add(signal);
    }

    @Override
    public void attach(IssueId issue, Area area, Collection<Signal> signals) {
        for (Signal signal : signals) {
            TreeMap<LocalDate, List<Signal>> byDate = unattached.get(new Key(area, signal.category()));
            if (byDate != null && byDate.containsKey(signal.occurredOn())) {
                byDate.get(signal.occurredOn()).removeIf(s -> s.signalId().equals(signal.signalId()));
            }
            cases.computeIfAbsent(issue, i -> new HashSet<>()).add(signal.countedAs());
            evidence.computeIfAbsent(issue, i -> new ArrayList<>()).add(signal);
        }
    }

    @Override
    public void opened(IssueId issue, Area area, String category) {
        open.put(new Key(area, category), issue);
    }

    @Override
    public int distinctCasesWith(IssueId issue, String countedAs) {
        Set<String> of = cases.getOrDefault(issue, Set.of());
        return of.contains(countedAs) ? of.size() : of.size() + 1;
    }

    /** The signals attached to each issue, in the order they were attached. */
    public Map<IssueId, List<Signal>> evidence() {
        return Map.copyOf(evidence);
    }
}
