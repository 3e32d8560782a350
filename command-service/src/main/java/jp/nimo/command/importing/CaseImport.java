package jp.nimo.command.importing;

import jp.nimo.cases.CaseEventData;
import jp.nimo.cases.CaseId;
import jp.nimo.cases.CaseNotVisible;
import jp.nimo.cases.RecordingWindow;
import jp.nimo.command.cases.CaseWriting;
import jp.nimo.infra.NimoProperties;
import jp.nimo.infra.crypto.MasterKey;
import jp.nimo.infra.security.NimoUser;
import jp.nimo.infra.web.input.CaseEventInput;
import jp.nimo.infra.web.input.NewCaseInput;
import jp.nimo.reference.Areas;
import jp.nimo.reference.EventKindCatalogue;
import jp.nimo.validation.DomainRuleViolation;
import jp.nimo.validation.FieldError;
import jp.nimo.validation.InvalidInputException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * Applies the lines of an import in batches: one transaction per batch, and inside it a savepoint per line,
 * so that a line the catalogue or the case rules refuse is reported and undone alone while the batch goes
 * on. A line's key is stored with its events, so a line sent again (after a failure, or in a larger file)
 * changes nothing; a batch that committed stays committed if a later one fails. A dry run does all of it
 * and rolls every batch back.
 */
@Component
public class CaseImport {

    private static final Logger log = LoggerFactory.getLogger(CaseImport.class);
    static final String CASE_REF_PURPOSE = "import-case-ref";

    private final CaseWriting writing;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate batches;
    private final TransactionTemplate lines;
    private final NewCaseInput newCaseInput;
    private final CaseEventInput caseEventInput;
    private final MasterKey masterKey;
    private final ImportRuns runs;
    private final NimoProperties properties;
    private final Clock clock;
    private final int batchSize;

    public CaseImport(CaseWriting writing, JdbcTemplate jdbc, PlatformTransactionManager transactions, Areas areas,
                      EventKindCatalogue catalogue, MasterKey masterKey,
                      ImportRuns runs, NimoProperties properties, Clock clock,
                      @Value("${nimo.import.batch-lines:500}") int batchSize) {
        this.writing = writing;
        this.jdbc = jdbc;
        this.batches = new TransactionTemplate(transactions);
        this.lines = new TransactionTemplate(transactions);
        this.lines.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.newCaseInput = new NewCaseInput(areas);
        this.caseEventInput = new CaseEventInput(catalogue, areas);
        this.masterKey = masterKey;
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
                batches.executeWithoutResult(status -> {
                    status.setRollbackOnly();
                    inBatches(user, input, report, runId, batch -> batch.forEach(line -> apply(user, line, report)));
                });
            } else {
                inBatches(user, input, report, runId, batch -> batches.executeWithoutResult(
                        status -> batch.forEach(line -> apply(user, line, report))));
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

    private void apply(NimoUser user, ImportLine line, ImportReport report) {
        if (!line.readable()) {
            report.rejected(line, line.errors());
            return;
        }
        Optional<Stored> stored = stored(user, line.key());
        if (stored.isPresent()) {
            if (stored.get().hash().equals(line.hash())) {
                report.duplicate(line, stored.get().caseId());
            } else {
                report.rejected(line, List.of(new FieldError("key",
                        "was imported before with another line: a key names one line for good")));
            }
            return;
        }
        try {
            String caseId = lines.execute(status -> applyOnce(user, line, report));
            report.accepted(line, caseId);
        } catch (InvalidInputException e) {
            report.rejected(line, e.errors());
        } catch (DomainRuleViolation e) {
            report.rejected(line, List.of(new FieldError(e.field() == null ? "event" : "event." + e.field(), e.getMessage())));
        } catch (CaseNotVisible | AggregateNotFoundException e) {
            report.rejected(line, List.of(new FieldError(line.caseId() != null ? "caseId" : "caseRef",
                    "names no case you may write")));
        } catch (ConcurrencyException | DataAccessException e) {
            report.rejected(line, List.of(new FieldError("line", "the case changed at the same time; send the line again")));
        }
    }

    /** The line's case and event, in the line's savepoint; answers the case's id. */
    private String applyOnce(NimoUser user, ImportLine line, ImportReport report) {
        CaseEventData data;
        try {
            data = caseEventInput.read(line.event(), RecordingWindow.at(clock, properties.getMaxBackdating()));
        } catch (InvalidInputException e) {
            throw within("event", e);
        }
        CaseId caseId = caseOf(user, line);
        String eventId = writing.record(caseId, data, user, Instant.now(clock)).eventId();
        jdbc.update("INSERT INTO import_line (user_name, line_key, line_hash, case_id, event_id, imported_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?)", user.username(), line.key(), line.hash(), caseId.value(), eventId,
                Timestamp.from(Instant.now(clock)));
        return caseId.value();
    }

    /** The case a line belongs to: by id, by the agency's reference, or opened by the line's new case. */
    private CaseId caseOf(NimoUser user, ImportLine line) {
        if (line.caseId() != null) {
            try {
                return CaseId.of(line.caseId());
            } catch (IllegalArgumentException e) {
                throw new CaseNotVisible();
            }
        }
        String digest = masterKey.pseudonym(CASE_REF_PURPOSE, line.caseRef());
        Optional<String> known = jdbc.queryForList("SELECT case_id FROM import_case WHERE organisation = ?"
                + " AND case_ref_digest = ?", String.class, user.organisation(), digest).stream().findFirst();
        if (known.isPresent()) {
            if (line.newCase() != null) {
                throw new InvalidInputException("newCase", "the case " + line.caseRef() + " is open already:"
                        + " only its first line carries newCase");
            }
            return CaseId.of(known.get());
        }
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
        CaseId caseId = writing.open(newCase, user, Instant.now(clock));
        jdbc.update("INSERT INTO import_case (organisation, case_ref_digest, case_id) VALUES (?, ?, ?)",
                user.organisation(), digest, caseId.value());
        return caseId;
    }

    private record Stored(String hash, String caseId) {
    }

    private Optional<Stored> stored(NimoUser user, String key) {
        return jdbc.query("SELECT line_hash, case_id FROM import_line WHERE user_name = ? AND line_key = ?",
                (row, n) -> new Stored(row.getString(1), row.getString(2)), user.username(), key).stream().findFirst();
    }

    /** The errors of a part of the line, named as fields of that part ({@code event.reason}). */
    private static InvalidInputException within(String part, InvalidInputException e) {
        return new InvalidInputException(e.errors().stream()
                .map(error -> new FieldError(error.field() == null ? part : part + "." + error.field(), error.message()))
                .toList());
    }
}
