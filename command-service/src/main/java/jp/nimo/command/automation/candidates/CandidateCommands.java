package jp.nimo.command.automation.candidates;

import jp.nimo.detection.DetectionPolicy.Attached;
import jp.nimo.detection.DetectionPolicy.Raised;
import jp.nimo.detection.DetectionRule;
import jp.nimo.detection.Signal;
import jp.nimo.detection.Signals;
import jp.nimo.issues.Actor;
import jp.nimo.issues.Decision;
import jp.nimo.issues.EvidenceBatch;
import jp.nimo.issues.EvidenceItem;
import jp.nimo.issues.IssueCommand.AttachEvidence;
import jp.nimo.issues.IssueCommand.RaiseCandidate;
import jp.nimo.issues.Population;
import jp.nimo.issues.Scope;
import jp.nimo.reference.Area;
import jp.nimo.reference.Areas;
import jp.nimo.reference.Categories;
import jp.nimo.reference.Label;
import jp.nimo.reference.MunicipalityCode;
import jp.nimo.reference.RegionCode;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

import java.text.MessageFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * Turns the detection policy's decisions into issue commands, with evidence de-identified on the way:
 * each signal becomes an opaque reference with its kind, month and area, never a case id or a date.
 */
@Component
public class CandidateCommands {

    /** A candidate's words, in the council's language: they are recorded in the issue's event as they are. */
    private static final ResourceBundle TEXTS = ResourceBundle.getBundle(
            "jp.nimo.command.automation.candidates.candidates", Locale.JAPANESE);

    private final CommandGateway commands;
    private final Categories categories;
    private final Areas areas;
    private final Signals signals;

    public CandidateCommands(CommandGateway commands, Categories categories, Areas areas, Signals signals) {
        this.commands = commands;
        this.categories = categories;
        this.areas = areas;
        this.signals = signals;
    }

    public void raise(Raised raised, Instant clock) {
        EvidenceBatch evidence = batch("raise:" + raised.issue().value(), raised.signals(), raised.distinctCases());
        String area = label(raised.area()).ja();
        String category = categories.category(raised.category()).map(c -> c.label().ja()).orElse(raised.category());
        DetectionRule rule = raised.rule();
        String title = text("candidate.title", category, area);
        String description = text("candidate.description", describe(raised.signals()), rule.windowDays(),
                rule.minSignals(), rule.minDistinctCases(), TEXTS.getString("area-level." + rule.areaLevel().name()));
        commands.sendAndWait(new RaiseCandidate(raised.issue(), title, description,
                new Scope(raised.category(), raised.area(), Population.MENTAL_DISABILITY), evidence, decision(clock)));
    }

    /** Whether the issue took the evidence; false when it is no longer open. */
    public boolean attach(Attached attached, Instant clock) {
        Signal signal = attached.signals().get(0);
        Boolean taken = commands.sendAndWait(new AttachEvidence(attached.issue(),
                batch(signal.signalId(), attached.signals(), attached.distinctCases()), decision(clock)));
        return Boolean.TRUE.equals(taken);
    }

    private EvidenceBatch batch(String batchId, List<Signal> evidence, int distinctCases) {
        List<EvidenceItem> items = evidence.stream()
                .map(s -> new EvidenceItem(s.signalId(), s.code(), s.kind(), s.month(), Area.municipality(s.municipality().value())))
                .toList();
        LocalDate first = evidence.stream().map(Signal::occurredOn).min(Comparator.naturalOrder()).orElseThrow();
        LocalDate last = evidence.stream().map(Signal::occurredOn).max(Comparator.naturalOrder()).orElseThrow();
        return new EvidenceBatch(batchId, items, first, last, distinctCases);
    }

    /** The kinds of signal in the evidence, by name only. */
    private String describe(List<Signal> evidence) {
        return evidence.stream().map(Signal::code).distinct()
                .map(code -> signals.signal(code).map(d -> d.label().ja()).orElse(code))
                .collect(java.util.stream.Collectors.joining(TEXTS.getString("candidate.signal-separator")));
    }

    private static String text(String key, Object... arguments) {
        return new MessageFormat(TEXTS.getString(key), Locale.JAPANESE).format(arguments);
    }

    private Label label(Area area) {
        return switch (area.level()) {
            case MUNICIPALITY -> areas.municipality(MunicipalityCode.of(area.code())).orElseThrow().label();
            case REGION -> areas.region(RegionCode.of(area.code())).orElseThrow().label();
            case PREFECTURE -> areas.prefectures().get(area.code());
        };
    }

    /** Detection decides on the detection clock, so a replay gives the same decision time. */
    private static Decision decision(Instant clock) {
        return new Decision(Actor.SYSTEM, clock, null, null);
    }
}
