package jp.nimo.projection.web.audit;

import io.swagger.v3.oas.annotations.Hidden;
import jp.nimo.infra.security.NimoUser;
import jp.nimo.projection.access.CaseAccessController;
import jp.nimo.projection.web.Formats;
import jp.nimo.reference.Organisations;
import jp.nimo.validation.InvalidInputException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * Who read which case, on what basis: the API's access log with its filters as a GET form (the log holds
 * case ids and user names, never a person's data, so the filters may stand in the address), a page at a time.
 */
@Controller
@Hidden
public class AccessLogPage {

    static final int PAGE_SIZE = 50;
    /** The API's own ceiling on one answer: pages beyond it are not offered. */
    private static final int MAX_ROWS = 5000;

    private final CaseAccessController accessLog;
    private final Organisations organisations;
    private final CodeWords words;

    public AccessLogPage(CaseAccessController accessLog, Organisations organisations, CodeWords words) {
        this.accessLog = accessLog;
        this.organisations = organisations;
        this.words = words;
    }

    /** One read of a case, as the table shows it. */
    public record Row(Instant accessedAt, String user, String organisation, String role, String caseId, String action,
                      String basis, String basisCode, String reason, boolean flagged) {
    }

    @GetMapping("/audit/access-log")
    public String page(@RequestParam(name = "user", required = false) String username,
                       @RequestParam(name = "caseId", required = false) String caseId,
                       @RequestParam(name = "flagged", defaultValue = "false") boolean flagged,
                       @RequestParam(name = "from", required = false) String from,
                       @RequestParam(name = "to", required = false) String to,
                       @RequestParam(name = "page", defaultValue = "1") int page,
                       @AuthenticationPrincipal NimoUser user, Model model) {
        AuditorsOnly.require(user);
        if (page < 1 || page * PAGE_SIZE > MAX_ROWS) {
            throw new InvalidInputException("page", "must be between 1 and " + MAX_ROWS / PAGE_SIZE);
        }
        // one more row than the page shows says whether a next page exists
        int limit = page * PAGE_SIZE + 1;
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> entries = (List<Map<String, Object>>) accessLog.log(blankToNull(caseId),
                blankToNull(username), flagged, startOfDay(from, 0), startOfDay(to, 1), Math.min(limit, MAX_ROWS), user)
                .get("entries");
        List<Row> rows = entries.stream().skip((long) (page - 1) * PAGE_SIZE).limit(PAGE_SIZE).map(this::row).toList();
        model.addAttribute("rows", rows);
        model.addAttribute("page", page);
        model.addAttribute("hasNext", entries.size() > page * PAGE_SIZE && page * PAGE_SIZE < MAX_ROWS);
        model.addAttribute("user", username == null ? "" : username.strip());
        model.addAttribute("caseId", caseId == null ? "" : caseId.strip());
        model.addAttribute("flagged", flagged);
        model.addAttribute("from", from == null ? "" : from);
        model.addAttribute("to", to == null ? "" : to);
        model.addAttribute("filtered", blankToNull(username) != null || blankToNull(caseId) != null || flagged
                || blankToNull(from) != null || blankToNull(to) != null);
        return "audit/access-log";
    }

    private Row row(Map<String, Object> entry) {
        String organisation = (String) entry.get("organisation");
        String basis = (String) entry.get("basis");
        return new Row(instant(entry.get("accessedAt")), (String) entry.get("username"),
                organisation == null ? "" : organisations.organisation(organisation)
                        .map(o -> Formats.english() ? o.label().en() : o.label().ja()).orElse(organisation),
                words.of("role.", (String) entry.get("role")), (String) entry.get("caseId"),
                words.of("audit.action.", (String) entry.get("action")), words.of("audit.basis.", basis), basis,
                (String) entry.get("reason"), Boolean.TRUE.equals(entry.get("flagged")));
    }

    /** A day of the form as the API's instant: its start in Japan, or the next day's for the end of a range. */
    private static String startOfDay(String date, int plusDays) {
        if (blankToNull(date) == null) {
            return null;
        }
        try {
            return LocalDate.parse(date.strip()).plusDays(plusDays).atStartOfDay(Formats.JAPAN).toInstant().toString();
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(plusDays == 0 ? "from" : "to", "must be a date such as 2024-07-10");
        }
    }

    private static Instant instant(Object value) {
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        return value instanceof Instant instant ? instant : null;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
