package jp.nimo.command.importing;

import jp.nimo.cases.CaseEventData;
import jp.nimo.cases.CaseId;
import jp.nimo.cases.CaseNotVisible;
import jp.nimo.cases.RecordingWindow;
import jp.nimo.command.cases.CaseWriting;
import jp.nimo.infra.NimoProperties;
import jp.nimo.infra.crypto.CaseKeys;
import jp.nimo.infra.crypto.MasterKey;
import jp.nimo.infra.security.NimoUser;
import jp.nimo.infra.web.input.CaseEventInput;
import jp.nimo.infra.web.input.NewCaseInput;
import jp.nimo.reference.Areas;
import jp.nimo.reference.EventKindCatalogue;
import jp.nimo.validation.DomainRuleViolation;
import jp.nimo.validation.FieldError;
import jp.nimo.validation.InvalidInputException;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.DefaultTransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import javax.crypto.SecretKey;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Applies the lines of an import in batches, one transaction per batch: a batch's lines are applied in one unit
 * of work whose events are appended together at its end, and each line in a unit of its own, so that a line the
 * catalogue or the case rules refuse is reported and left out alone while the batch goes on. A line's key is
 * stored with its events, so a line sent again (after a failure, or in a larger file) changes nothing; a batch
 * that committed stays committed if a later one fails. A dry run does all of it and rolls every batch back.
 */
@Component
public class CaseImport {

    private static final Logger log = LoggerFactory.getLogger(CaseImport.class);
    static final String CASE_REF_PURPOSE = "import-case-ref";

    private final CaseWriting writing;
    private final JdbcTemplate jdbc;
    /** A dry run's one transaction around all its batches, which it rolls back. */
    private final TransactionTemplate dryRunTransaction;
    /** A batch's transaction (a savepoint within a dry run's). */
    private final TransactionManager batchTransaction;
    private final TransactionTemplate oneByOne;
    private final TransactionTemplate savepoints;
    private final NewCaseInput newCaseInput;
    private final CaseEventInput caseEventInput;
    private final MasterKey masterKey;
    private final CaseKeys caseKeys;
    private final ImportRuns runs;
    private final NimoProperties properties;
    private final Clock clock;
    private final int batchSize;

    public CaseImport(CaseWriting writing, JdbcTemplate jdbc, PlatformTransactionManager transactions, Areas areas,
                      EventKindCatalogue catalogue, MasterKey masterKey, CaseKeys caseKeys,
                      ImportRuns runs, NimoProperties properties, Clock clock,
                      @Value("${nimo.import.batch-lines:500}") int batchSize) {
        this.writing = writing;
        this.jdbc = jdbc;
        this.dryRunTransaction = new TransactionTemplate(transactions);
        DefaultTransactionDefinition nested = new DefaultTransactionDefinition(TransactionDefinition.PROPAGATION_NESTED);
        this.batchTransaction = new SpringTransactionManager(transactions, nested);
        this.oneByOne = new TransactionTemplate(transactions, nested);
        this.savepoints = new TransactionTemplate(transactions);
        this.savepoints.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.newCaseInput = new NewCaseInput(areas);
        this.caseEventInput = new CaseEventInput(catalogue, areas);
        this.masterKey = masterKey;
        this.caseKeys = caseKeys;
        this.runs = runs;
        this.properties = properties;
        this.clock = clock;
        this.batchSize = batchSize;
    }

    /**
     * Imports every line, batch after batch, and answers what became of each. A dry run checks its batches in
     * one transaction that is rolled back at the end, so that a case its first batch opens is there for the next.
     */
    public ImportReport run(NimoUser user, Iterator<ImportLine> input, boolean dryRun, String format) {
        String runId = runs.started(user.username(), format, dryRun);
        ImportReport report = new ImportReport(dryRun);
        try {
            if (dryRun) {
                dryRunTransaction.executeWithoutResult(status -> {
                    status.setRollbackOnly();
                    inBatches(user, input, report, runId, batch -> applyBatch(user, batch, report));
                });
            } else {
                inBatches(user, input, report, runId, batch -> applyBatch(user, batch, report));
            }
            runs.finished(runId, report, "DONE");
            return report;
        } catch (RuntimeException e) {
            runs.finished(runId, report, "FAILED");
            throw e;
        }
    }

    private void inBatches(NimoUser user, Iterator<ImportLine> input, ImportReport report, String runId,
                           java.util.function.Consumer<List<ImportLine>> applyBatch) {
        while (input.hasNext()) {
            List<ImportLine> batch = new ArrayList<>(batchSize);
            while (batch.size() < batchSize && input.hasNext()) {
                batch.add(input.next());
            }
            applyBatch.accept(batch);
            report.batchDone();
            runs.progress(runId, report);
            log.info("import {} by {}: {} lines, {} accepted, {} duplicates, {} rejected{}", runId, user.username(),
                    report.lines(), report.accepted(), report.duplicates(), report.rejectedCount(),
                    report.dryRun() ? " (dry run)" : "");
        }
    }

    /**
     * What a batch knows before and while its lines are applied: the keys and case references of its lines that
     * were stored before (looked up once for the whole batch, not per line), and the lines it has applied, whose
     * keys are stored together at its end. What became of each line reaches the report only once the batch
     * committed, so a batch applied a second time (see {@link #applyBatch}) is reported once.
     */
    private final class Batch {
        final Map<String, Stored> keys = new HashMap<>();
        final Map<String, String> cases = new HashMap<>();
        /** Each line's case reference as its pseudonym, computed once for the lookup and the line. */
        final Map<String, String> digests = new HashMap<>();
        final List<Object[]> applied = new ArrayList<>();
        /** The cases its lines opened, by pseudonym of their reference, and their keys: stored at its end. */
        final Map<String, String> opened = new HashMap<>();
        final Map<String, SecretKey> newKeys = new HashMap<>();
        final List<Consumer<ImportReport>> outcomes = new ArrayList<>();
    }

    /** A line applied: its case and event, and if it opened the case, the case's reference and new key. */
    private record Applied(String caseId, String eventId, String openedDigest, SecretKey newKey) {
    }

    /** How a line is applied so that a line refused part-way leaves nothing behind. */
    private interface LineUndo {
        Applied apply(ImportLine line, Supplier<Applied> work);
    }

    /**
     * Applies a batch in one unit of work: the cases it touches are loaded once and kept for its later lines, and
     * the events of all its lines are appended together at its end, in one statement batch. If that append meets a
     * write that came in meanwhile (another request recorded into one of the batch's cases, or the same line keys
     * are imported at once), the batch is rolled back and applied again line by line, each line appended as it goes
     * under its own savepoint, which is what keeps the lines that conflict apart from the rest.
     */
    private void applyBatch(NimoUser user, List<ImportLine> lines, ImportReport report) {
        Batch batch;
        try {
            batch = together(user, lines);
        } catch (ConcurrencyException | EventStoreException | DataAccessException e) {
            log.info("an import batch of {} lines met a concurrent write ({}); applying its lines one at a time",
                    lines.size(), e.getMessage());
            batch = oneByOne.execute(status -> lineByLine(user, lines));
        }
        batch.outcomes.forEach(outcome -> outcome.accept(report));
    }

    private Batch together(NimoUser user, List<ImportLine> lines) {
        UnitOfWork<?> unit = DefaultUnitOfWork.startAndGet(null);
        unit.attachTransaction(batchTransaction);
        ResultMessage<Batch> result = unit.executeWithResult(() -> {
            Batch batch = lookedUp(user, lines);
            lines.forEach(line -> apply(user, line, batch, this::inItsOwnUnit));
            storeKeys(user, batch);
            return batch;
        });
        if (result.isExceptional()) {
            throw result.exceptionResult() instanceof RuntimeException e ? e
                    : new IllegalStateException("an import batch failed", result.exceptionResult());
        }
        return result.getPayload();
    }

    private Batch lineByLine(NimoUser user, List<ImportLine> lines) {
        Batch batch = lookedUp(user, lines);
        lines.forEach(line -> apply(user, line, batch, (l, work) -> {
            try {
                return savepoints.execute(status -> work.get());
            } catch (ConcurrencyException | DataAccessException e) {
                throw new ChangedMeanwhile();
            }
        }));
        storeKeys(user, batch);
        return batch;
    }

    /**
     * A line inside the batch's unit of work: in a unit of its own, whose events join the batch's only if the whole
     * line succeeds. A line writes no row of its own (a case it opens is stored with the batch's keys), so a line
     * refused part-way needs no savepoint.
     */
    private Applied inItsOwnUnit(ImportLine line, Supplier<Applied> work) {
        ResultMessage<Applied> result = DefaultUnitOfWork.startAndGet(null).executeWithResult(work::get);
        if (result.isExceptional()) {
            throw result.exceptionResult() instanceof RuntimeException e ? e
                    : new IllegalStateException("an import line failed", result.exceptionResult());
        }
        return result.getPayload();
    }

    private Batch lookedUp(NimoUser user, List<ImportLine> lines) {
        Batch batch = new Batch();
        String[] keys = lines.stream().filter(ImportLine::readable).map(ImportLine::key).distinct().toArray(String[]::new);
        jdbc.query("SELECT line_key, line_hash, case_id FROM import_line WHERE user_name = ? AND line_key = ANY (?)",
                row -> {
                    batch.keys.put(row.getString(1), new Stored(row.getString(2), row.getString(3)));
                }, user.username(), keys);
        lines.stream().filter(l -> l.readable() && l.caseRef() != null).forEach(l ->
                batch.digests.computeIfAbsent(l.caseRef(), ref -> masterKey.pseudonym(CASE_REF_PURPOSE, ref)));
        String[] digests = batch.digests.values().stream().distinct().toArray(String[]::new);
        jdbc.query("SELECT case_ref_digest, case_id FROM import_case WHERE organisation = ? AND case_ref_digest = ANY (?)",
                row -> {
                    batch.cases.put(row.getString(1), row.getString(2));
                }, user.organisation(), digests);
        return batch;
    }

    /** The batch's new cases (their keys and references) and its lines' keys, each in one statement batch. */
    private void storeKeys(NimoUser user, Batch batch) {
        caseKeys.storeAll(batch.newKeys);
        jdbc.batchUpdate("INSERT INTO import_case (organisation, case_ref_digest, case_id) VALUES (?, ?, ?)",
                batch.opened.entrySet().stream()
                        .map(opened -> new Object[]{user.organisation(), opened.getKey(), opened.getValue()}).toList());
        Timestamp now = Timestamp.from(Instant.now(clock));
        jdbc.batchUpdate("INSERT INTO import_line (user_name, line_key, line_hash, case_id, event_id, imported_at)"
                + " VALUES (?, ?, ?, ?, ?, ?)", batch.applied.stream()
                .map(row -> new Object[]{row[0], row[1], row[2], row[3], row[4], now}).toList());
    }

    private void apply(NimoUser user, ImportLine line, Batch batch, LineUndo undo) {
        if (!line.readable()) {
            batch.outcomes.add(report -> report.rejected(line, line.errors()));
            return;
        }
        Stored stored = batch.keys.get(line.key());
        if (stored != null) {
            if (stored.hash().equals(line.hash())) {
                batch.outcomes.add(report -> report.duplicate(line, stored.caseId()));
            } else {
                batch.outcomes.add(report -> report.rejected(line, List.of(new FieldError("key",
                        "was imported before with another line: a key names one line for good"))));
            }
            return;
        }
        List<FieldError> errors;
        try {
            Applied applied = undo.apply(line, () -> applyOnce(user, line, batch));
            batch.keys.put(line.key(), new Stored(line.hash(), applied.caseId()));
            if (applied.openedDigest() != null) {
                batch.cases.put(applied.openedDigest(), applied.caseId());
                batch.opened.put(applied.openedDigest(), applied.caseId());
                batch.newKeys.put(applied.caseId(), applied.newKey());
            }
            batch.applied.add(new Object[]{user.username(), line.key(), line.hash(), applied.caseId(), applied.eventId()});
            batch.outcomes.add(report -> report.accepted(line, applied.caseId()));
            return;
        } catch (InvalidInputException e) {
            errors = e.errors();
        } catch (DomainRuleViolation e) {
            errors = List.of(new FieldError(e.field() == null ? "event" : "event." + e.field(), e.getMessage()));
        } catch (CaseNotVisible | AggregateNotFoundException e) {
            errors = List.of(new FieldError(line.caseId() != null ? "caseId" : "caseRef", "names no case you may write"));
        } catch (ChangedMeanwhile e) {
            errors = List.of(new FieldError("line", "the case changed at the same time; send the line again"));
        }
        List<FieldError> refused = errors;
        batch.outcomes.add(report -> report.rejected(line, refused));
    }

    /** The line's case and event. */
    private Applied applyOnce(NimoUser user, ImportLine line, Batch batch) {
        CaseEventData data;
        try {
            data = caseEventInput.read(line.event(), RecordingWindow.at(clock, properties.getMaxBackdating()));
        } catch (InvalidInputException e) {
            throw within("event", e);
        }
        if (line.caseId() != null) {
            CaseId caseId;
            try {
                caseId = CaseId.of(line.caseId());
            } catch (IllegalArgumentException e) {
                throw new CaseNotVisible();
            }
            return new Applied(caseId.value(), writing.record(caseId, data, user, Instant.now(clock),
                    batch.newKeys.get(caseId.value())).eventId(), null, null);
        }
        String digest = batch.digests.get(line.caseRef());
        String known = batch.cases.get(digest);
        if (known != null) {
            CaseId caseId = existing(line, known);
            return new Applied(known, writing.record(caseId, data, user, Instant.now(clock), batch.newKeys.get(known))
                    .eventId(), null, null);
        }
        CaseWriting.Opened opened = opened(user, line);
        String eventId = writing.record(opened.caseId(), data, user, Instant.now(clock), opened.caseKey()).eventId();
        return new Applied(opened.caseId().value(), eventId, digest, opened.caseKey());
    }

    private static CaseId existing(ImportLine line, String caseId) {
        if (line.newCase() != null) {
            throw new InvalidInputException("newCase", "the case " + line.caseRef() + " is open already:"
                    + " only its first line carries newCase");
        }
        return CaseId.of(caseId);
    }

    /** Opens the case a line's new case describes; its key and reference are stored with the batch. */
    private CaseWriting.Opened opened(NimoUser user, ImportLine line) {
        if (line.newCase() == null) {
            throw new InvalidInputException("caseRef", "names no case yet: the first line of a case carries newCase");
        }
        NewCaseInput.NewCase newCase;
        try {
            newCase = newCaseInput.read(line.newCase());
        } catch (InvalidInputException e) {
            throw within("newCase", e);
        }
        if (!user.municipalities().isEmpty() && !user.municipalities().contains(newCase.municipality().value())) {
            throw new InvalidInputException("newCase.municipality", "your scope does not cover municipality "
                    + newCase.municipality());
        }
        return writing.openKeyingLater(newCase, user, Instant.now(clock));
    }

    private record Stored(String hash, String caseId) {
    }

    /** A line applied alone met a write to its case that came in at the same time. */
    private static final class ChangedMeanwhile extends RuntimeException {
        ChangedMeanwhile() {
            super(null, null, false, false);
        }
    }

    /** The errors of a part of the line, named as fields of that part ({@code event.reason}). */
    private static InvalidInputException within(String part, InvalidInputException e) {
        return new InvalidInputException(e.errors().stream()
                .map(error -> new FieldError(error.field() == null ? part : part + "." + error.field(), error.message()))
                .toList());
    }
}
