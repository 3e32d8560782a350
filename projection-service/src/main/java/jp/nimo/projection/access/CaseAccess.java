package jp.nimo.projection.access;

import jp.nimo.infra.security.NimoUser;
import jp.nimo.infra.security.Role;
import jp.nimo.validation.Uuids;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who may read a case, and the record of every read: the basis (involvement, audit, break-glass) is
 * decided here and written to the access log before any case data leaves the service.
 */
@Component
public class CaseAccess {

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Duration breakGlassDuration;

    public CaseAccess(JdbcTemplate jdbc, Clock clock,
                      @Value("${nimo.break-glass-duration:PT4H}") Duration breakGlassDuration) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.breakGlassDuration = breakGlassDuration;
    }

    /** What the access log holds for a path's case id that is no case id at all. */
    public static final String MALFORMED = "malformed";
    private static final int MAX_LOGGED_ID = 200;

    /** The basis on which the user may read the case now, or DENIED (also for a case that does not exist). */
    public AccessBasis basis(NimoUser user, String caseId) {
        if (!Uuids.isCanonical(caseId)) {
            return AccessBasis.DENIED;
        }
        caseId = Uuids.canonical(caseId, "case id");
        if (user.hasRole(Role.AUDITOR) && exists(caseId)) {
            return AccessBasis.AUDIT;
        }
        if (!user.hasRole(Role.SUPPORT_WORKER)) {
            return AccessBasis.DENIED;
        }
        Boolean involved = jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM case_organisation WHERE case_id = ?"
                + " AND organisation = ?)", Boolean.class, caseId, user.organisation());
        if (Boolean.TRUE.equals(involved)) {
            return AccessBasis.ORGANISATION_INVOLVED;
        }
        Boolean granted = jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM break_glass_grant WHERE case_id = ?"
                + " AND username = ? AND expires_at > ?)", Boolean.class, caseId, user.getUsername(), Timestamp.from(Instant.now(clock)));
        return Boolean.TRUE.equals(granted) ? AccessBasis.BREAK_GLASS : AccessBasis.DENIED;
    }

    public boolean exists(String caseId) {
        if (!Uuids.isCanonical(caseId)) {
            return false;
        }
        caseId = Uuids.canonical(caseId, "case id");
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM case_file WHERE case_id = ?)",
                Boolean.class, caseId));
    }

    /** Grants a worker outside the case time-limited access for a stated reason; flagged for review. */
    @Transactional
    public Instant breakGlass(NimoUser user, String caseId, String reason) {
        caseId = Uuids.canonical(caseId, "case id");
        Instant now = Instant.now(clock);
        Instant expires = now.plus(breakGlassDuration);
        jdbc.update("INSERT INTO break_glass_grant (case_id, username, organisation, reason, granted_at, expires_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?)", caseId, user.getUsername(), user.organisation(), reason,
                Timestamp.from(now), Timestamp.from(expires));
        record(user, caseId, "BREAK_GLASS_GRANTED", AccessBasis.BREAK_GLASS, reason);
        return expires;
    }

    /** Writes one line of the access log, in its own transaction so that a refused read is kept too. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void record(NimoUser user, String caseId, String action, AccessBasis basis, String reason) {
        String why = reason;
        if (!Uuids.isCanonical(caseId)) {
            // a denied attempt is logged whatever the path held: the id as "malformed", what was sent escaped
            why = truncate("requested case id: " + escaped(caseId) + (reason == null ? "" : "; reason: " + reason), 2000);
            caseId = MALFORMED;
        } else {
            caseId = Uuids.canonical(caseId, "case id");
        }
        if (basis == AccessBasis.BREAK_GLASS && why == null) {
            why = jdbc.query("SELECT reason FROM break_glass_grant WHERE case_id = ? AND username = ?"
                            + " ORDER BY granted_at DESC LIMIT 1", (row, n) -> row.getString(1), caseId, user.getUsername())
                    .stream().findFirst().orElse(null);
        }
        jdbc.update("INSERT INTO case_access_log (accessed_at, username, organisation, role, case_id, action, basis, reason,"
                        + " flagged) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", Timestamp.from(Instant.now(clock)), user.getUsername(),
                user.organisation(), primaryRole(user), caseId, action, basis.name(), why,
                basis == AccessBasis.BREAK_GLASS || basis == AccessBasis.DENIED);
    }

    /** One line per case shown in a list that carries personal data (a caseload page), written in one batch. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void recordAll(NimoUser user, List<String> caseIds, String action, AccessBasis basis) {
        if (caseIds.isEmpty()) {
            return;
        }
        Timestamp now = Timestamp.from(Instant.now(clock));
        jdbc.batchUpdate("INSERT INTO case_access_log (accessed_at, username, organisation, role, case_id, action, basis,"
                        + " reason, flagged) VALUES (?, ?, ?, ?, ?, ?, ?, NULL, FALSE)",
                caseIds.stream().map(caseId -> new Object[] {now, user.getUsername(), user.organisation(),
                        primaryRole(user), caseId, action, basis.name()}).toList());
    }

    /** The access log, newest first, filtered; for auditors. */
    public List<Map<String, Object>> log(Optional<String> caseId, Optional<String> username, boolean flaggedOnly,
                                         Optional<Instant> from, Optional<Instant> to, int limit) {
        StringBuilder sql = new StringBuilder("SELECT accessed_at AS \"accessedAt\", username, organisation, role,"
                + " case_id AS \"caseId\", action, basis, reason, flagged FROM case_access_log WHERE TRUE");
        java.util.List<Object> args = new java.util.ArrayList<>();
        caseId.ifPresent(c -> { sql.append(" AND case_id = ?"); args.add(c); });
        username.ifPresent(u -> { sql.append(" AND username = ?"); args.add(u); });
        if (flaggedOnly) {
            sql.append(" AND flagged");
        }
        from.ifPresent(f -> { sql.append(" AND accessed_at >= ?"); args.add(Timestamp.from(f)); });
        to.ifPresent(t -> { sql.append(" AND accessed_at < ?"); args.add(Timestamp.from(t)); });
        sql.append(" ORDER BY accessed_at DESC, id DESC LIMIT ?");
        args.add(limit);
        return jdbc.queryForList(sql.toString(), args.toArray());
    }

    /** Control and non-ASCII characters as \\uXXXX, at most {@link #MAX_LOGGED_ID} characters of the id. */
    static String escaped(String raw) {
        if (raw == null) {
            return "(none)";
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < raw.length() && i < MAX_LOGGED_ID; i++) {
            char c = raw.charAt(i);
            if (c < 0x20 || c > 0x7e || c == '\\') {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return raw.length() > MAX_LOGGED_ID ? out + "…(" + raw.length() + " characters)" : out.toString();
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }

    private static String primaryRole(NimoUser user) {
        return user.roles().stream().map(Enum::name).sorted().findFirst().orElse("NONE");
    }
}
