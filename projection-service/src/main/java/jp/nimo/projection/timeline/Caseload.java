package jp.nimo.projection.timeline;

import java.text.Normalizer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.nimo.infra.crypto.PersonalData;
import jp.nimo.infra.security.NimoUser;
import jp.nimo.infra.security.Role;
import jp.nimo.projection.access.AccessBasis;
import jp.nimo.projection.access.CaseAccess;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A worker's caseload: the cases their organisation holds or is involved in (the cases whose timeline
 * the API shows them on the organisation's basis), newest first, with the external reference decrypted
 * for them alone. Every case whose reference is shown is written to the access log.
 */
@Component
public class Caseload {

    public static final int PAGE_SIZE = 50;
    public static final String ACTION = "CASELOAD_READ";
    private static final int SEARCH_BATCH = 200;

    /** One case as the list shows it; {@code externalRef} is null when the case has none or was erased. */
    public record Row(String caseId, String organisation, String municipality, String ageBand, Instant openedAt,
                      boolean closed, boolean erased, String externalRef, String lastKind, LocalDate lastOccurredOn) {
    }

    public record Page(List<Row> rows, int page, boolean hasMore) {
    }

    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final PersonalData personalData;
    private final CaseAccess access;

    public Caseload(JdbcTemplate jdbc, JsonMapper json, PersonalData personalData, CaseAccess access) {
        this.jdbc = jdbc;
        this.json = json;
        this.personalData = personalData;
        this.access = access;
    }

    /** The page'th 50 cases (from 0), newest first. */
    public Page page(NimoUser user, int page) {
        requireWorker(user);
        int from = Math.max(0, page) * PAGE_SIZE;
        List<Row> rows = open(select(user, from, PAGE_SIZE + 1));
        boolean more = rows.size() > PAGE_SIZE;
        List<Row> shown = more ? rows.subList(0, PAGE_SIZE) : rows;
        logShown(user, shown);
        return new Page(List.copyOf(shown), Math.max(0, page), more);
    }

    /**
     * The cases whose external reference is the one given or starts with it, newest first, at most 50.
     * References are sealed per case, so the match is made after decryption, within the caseload only;
     * full-width and half-width forms count as the same (NFKC), as people type them either way.
     */
    public List<Row> search(NimoUser user, String reference) {
        requireWorker(user);
        String wanted = normal(reference);
        if (wanted.isEmpty()) {
            return List.of();
        }
        List<Row> found = new ArrayList<>();
        for (int from = 0; found.size() < PAGE_SIZE; from += SEARCH_BATCH) {
            List<Row> batch = open(select(user, from, SEARCH_BATCH));
            for (Row row : batch) {
                if (row.externalRef() != null && normal(row.externalRef()).startsWith(wanted) && found.size() < PAGE_SIZE) {
                    found.add(row);
                }
            }
            if (batch.size() < SEARCH_BATCH) {
                break;
            }
        }
        logShown(user, found);
        return List.copyOf(found);
    }

    private static String normal(String text) {
        return text == null ? "" : Normalizer.normalize(text, Normalizer.Form.NFKC).strip();
    }

    private void logShown(NimoUser user, List<Row> rows) {
        access.recordAll(user, rows.stream().map(Row::caseId).toList(), ACTION, AccessBasis.ORGANISATION_INVOLVED);
    }

    private record Sealed(Row row, String personal) {
    }

    private List<Sealed> select(NimoUser user, int offset, int limit) {
        return jdbc.query("SELECT f.case_id, f.organisation, f.municipality, f.age_band, f.opened_at, f.closed, f.erased,"
                        + " f.personal::text AS personal, last.kind AS last_kind, last.occurred_on AS last_occurred_on"
                        + " FROM case_file f JOIN case_organisation o ON o.case_id = f.case_id AND o.organisation = ?"
                        + " LEFT JOIN LATERAL (SELECT e.kind, e.occurred_on FROM case_timeline_entry e"
                        + "   WHERE e.case_id = f.case_id ORDER BY e.occurred_on DESC, e.sequence DESC LIMIT 1) last ON TRUE"
                        + " ORDER BY f.opened_at DESC, f.case_id LIMIT ? OFFSET ?",
                (r, n) -> new Sealed(new Row(r.getString("case_id"), r.getString("organisation"), r.getString("municipality"),
                        r.getString("age_band"), r.getTimestamp("opened_at").toInstant(), r.getBoolean("closed"),
                        r.getBoolean("erased"), null, r.getString("last_kind"),
                        r.getObject("last_occurred_on", LocalDate.class)), r.getString("personal")),
                user.organisation(), limit, offset);
    }

    private List<Row> open(List<Sealed> sealed) {
        List<Row> rows = new ArrayList<>();
        for (Sealed s : sealed) {
            Row row = s.row();
            if (row.erased()) {
                rows.add(row);
                continue;
            }
            Map<String, String> personal = json.readValue(s.personal(), new TypeReference<Map<String, String>>() { });
            Optional<Map<String, String>> plain = personalData.open(row.caseId(), personal);
            // no key left means the erasure is under way: the case reads as erased
            rows.add(new Row(row.caseId(), row.organisation(), row.municipality(), row.ageBand(), row.openedAt(),
                    row.closed(), plain.isEmpty(), plain.map(p -> p.get("externalRef")).orElse(null), row.lastKind(),
                    row.lastOccurredOn()));
        }
        return rows;
    }

    private static void requireWorker(NimoUser user) {
        if (!user.hasRole(Role.SUPPORT_WORKER)) {
            throw new AccessDeniedException("a caseload is a support worker's");
        }
    }
}
