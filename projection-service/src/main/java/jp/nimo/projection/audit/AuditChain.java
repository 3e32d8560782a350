package jp.nimo.projection.audit;

import jp.nimo.projection.audit.AuditVerification.Kind;
import jp.nimo.projection.audit.AuditVerification.Problem;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.List;

/**
 * A hash chain over the event log: each event, in the order the audit-chain processor is delivered
 * them, gets an entry with the hash of its stored row linked to the entry before. Verifying reads the
 * chain and the rows as they are now, page by page, and names every event whose row changed or went.
 */
@Component
public class AuditChain {

    static final int MAX_PROBLEMS_SHOWN = 1000;
    private static final int PAGE = 500;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate snapshot;

    public AuditChain(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.snapshot = new TransactionTemplate(transactions);
        // one view of the log and the chain for the whole check, however long it reads
        this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.snapshot.setReadOnly(true);
    }

    /** Chains the event with this identifier, once; called in the processor's transaction. */
    void append(String eventIdentifier) {
        Integer chained = jdbc.queryForObject("SELECT count(*) FROM audit_chain WHERE event_identifier = ?",
                Integer.class, eventIdentifier);
        if (chained != null && chained > 0) {
            return;
        }
        StoredEventRow row = jdbc.query("SELECT " + StoredEventRow.COLUMNS + " FROM domainevententry WHERE eventidentifier = ?",
                (rows, n) -> StoredEventRow.of(rows), eventIdentifier).stream().findFirst()
                // the chain must not pass over an event silently: the processor stops and retries
                .orElseThrow(() -> new IllegalStateException("event " + eventIdentifier + " was delivered but its row is gone"));
        List<Object[]> last = jdbc.query("SELECT chain_position, chain_hash FROM audit_chain ORDER BY chain_position DESC LIMIT 1",
                (rows, n) -> new Object[]{rows.getLong(1), rows.getString(2)});
        long position = last.isEmpty() ? 1 : (Long) last.get(0)[0] + 1;
        String previous = last.isEmpty() ? null : (String) last.get(0)[1];
        String rowHash = row.hash();
        jdbc.update("INSERT INTO audit_chain (chain_position, global_index, event_identifier, row_hash, chain_hash)"
                        + " VALUES (?, ?, ?, ?, ?)",
                position, row.globalIndex(), row.eventIdentifier(), rowHash, StoredEventRow.link(previous, rowHash));
    }

    /** Chain entries after {@code after} up to {@code until}, in chain order, each with its event row as stored now. */
    private List<Entry> page(long after, long until) {
        return jdbc.query("SELECT c.chain_position, c.global_index AS chained_index,"
                        + " c.event_identifier AS chained_identifier, c.row_hash, c.chain_hash,"
                        + " e.globalindex IS NOT NULL AS present, e.globalindex, e.eventidentifier,"
                        + " e.aggregateidentifier, e.sequencenumber, e.type, e.payloadtype, e.payloadrevision,"
                        + " e.timestamp, e.payload, e.metadata"
                        + " FROM audit_chain c LEFT JOIN domainevententry e ON e.globalindex = c.global_index"
                        + " WHERE c.chain_position > ? AND c.chain_position <= ? ORDER BY c.chain_position LIMIT ?",
                (row, n) -> new Entry(row.getLong("chain_position"), row.getLong("chained_index"),
                        row.getString("chained_identifier"), row.getString("row_hash"), row.getString("chain_hash"),
                        row.getBoolean("present") ? StoredEventRow.of(row) : null),
                after, until, PAGE);
    }

    /** Recomputes the chain from the rows as stored now, in chain order. */
    public AuditVerification verify() {
        return snapshot.execute(status -> {
            Check check = new Check();
            long after = 0;
            while (true) {
                List<Entry> page = page(after, Long.MAX_VALUE);
                page.forEach(check::entry);
                if (page.size() < PAGE) {
                    break;
                }
                after = page.get(page.size() - 1).position();
            }
            Long unchained = jdbc.queryForObject("SELECT count(*) FROM domainevententry e WHERE NOT EXISTS"
                    + " (SELECT 1 FROM audit_chain c WHERE c.global_index = e.globalindex)", Long.class);
            return new AuditVerification(check.problemCount == 0, check.events, check.chainedUpTo, check.previousLink,
                    check.problems, check.problemCount, unchained == null ? 0 : unchained);
        });
    }

    /** The chain's last entry: its event's global index and its link; 0 and 64 zeros for an empty chain. */
    public Link head() {
        return jdbc.query("SELECT global_index, chain_hash FROM audit_chain ORDER BY chain_position DESC LIMIT 1",
                        (row, n) -> new Link(row.getLong(1), row.getString(2)))
                .stream().findFirst().orElse(new Link(0, AuditHead.EMPTY_CHAIN));
    }

    public record Link(long globalIndex, String hash) {
    }

    private record Stored(long position, String hash) {
    }

    /**
     * Recomputes the chain up to the entry of the event with this global index from the event rows as they
     * are stored now, in the chain's order, and compares it with the hash given: a chain rewritten in the
     * database after the head was exported ends elsewhere, whatever its stored links say.
     */
    public AuditHeadVerification recompute(AuditHead head) {
        return snapshot.execute(status -> {
            if (head.globalIndex() == 0) {
                boolean verified = AuditHead.EMPTY_CHAIN.equals(head.headHash());
                return new AuditHeadVerification(verified, true, 0, head.headHash(), head.signedAt(), 0L,
                        AuditHead.EMPTY_CHAIN, AuditHead.EMPTY_CHAIN, verified, verified ? null : "HASH_DIFFERS", null);
            }
            List<Stored> entry = jdbc.query("SELECT chain_position, chain_hash FROM audit_chain WHERE global_index = ?",
                    (row, n) -> new Stored(row.getLong(1), row.getString(2)), head.globalIndex());
            if (entry.isEmpty()) {
                return new AuditHeadVerification(false, true, head.globalIndex(), head.headHash(), head.signedAt(), null,
                        null, null, null, "EVENT_NOT_CHAINED", null);
            }
            long until = entry.get(0).position();
            String stored = entry.get(0).hash();
            String link = null;
            long after = 0;
            while (true) {
                List<Entry> page = page(after, until);
                for (Entry e : page) {
                    if (e.row() == null) {
                        return new AuditHeadVerification(false, true, head.globalIndex(), head.headHash(),
                                head.signedAt(), until, null, stored, stored.equals(head.headHash()), "EVENT_MISSING",
                                e.globalIndex());
                    }
                    link = StoredEventRow.link(link, e.row().hash());
                }
                if (page.size() < PAGE) {
                    break;
                }
                after = page.get(page.size() - 1).position();
            }
            String recomputed = link == null ? AuditHead.EMPTY_CHAIN : link;
            boolean storedMatches = stored.equals(head.headHash());
            boolean verified = storedMatches && recomputed.equals(head.headHash());
            return new AuditHeadVerification(verified, true, head.globalIndex(), head.headHash(), head.signedAt(), until,
                    recomputed, stored, storedMatches, verified ? null : "HASH_DIFFERS", null);
        });
    }

    private record Entry(long position, long globalIndex, String eventIdentifier, String rowHash, String link,
                         StoredEventRow row) {
    }

    /** The running state of a verification: where the chain stands and what was found so far. */
    private static final class Check {
        private long expectedPosition = 1;
        private String previousLink;
        private long events;
        private long chainedUpTo;
        private long problemCount;
        private final List<Problem> problems = new ArrayList<>();

        void entry(Entry entry) {
            events++;
            chainedUpTo = Math.max(chainedUpTo, entry.globalIndex());
            if (entry.row() == null) {
                problem(entry, Kind.MISSING);
            } else if (!entry.row().hash().equals(entry.rowHash())) {
                problem(entry, Kind.ALTERED);
            }
            // an entry removed from the chain, or an entry rewritten to match an altered row, breaks a link
            if (entry.position() != expectedPosition || !StoredEventRow.link(previousLink, entry.rowHash()).equals(entry.link())) {
                problem(entry, Kind.CHAIN_BROKEN);
            }
            // go on from the links as stored, so that one problem is not reported again for every later entry
            previousLink = entry.link();
            expectedPosition = entry.position() + 1;
        }

        private void problem(Entry entry, Kind kind) {
            problemCount++;
            if (problems.size() < MAX_PROBLEMS_SHOWN) {
                problems.add(new Problem(entry.globalIndex(), entry.eventIdentifier(), kind, entry.position()));
            }
        }
    }
}
