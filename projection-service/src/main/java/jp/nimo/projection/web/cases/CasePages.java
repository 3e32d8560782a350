package jp.nimo.projection.web.cases;

import io.swagger.v3.oas.annotations.Hidden;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import jp.nimo.infra.security.NimoUser;
import jp.nimo.infra.security.Role;
import jp.nimo.projection.timeline.CaseTimeline;
import jp.nimo.projection.timeline.CaseTimelineReader;
import jp.nimo.projection.timeline.Caseload;
import jp.nimo.projection.web.Formats;
import jakarta.servlet.http.HttpServletResponse;
import jp.nimo.projection.access.AccessBasis;
import jp.nimo.projection.access.CaseAccess;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The support worker's pages: the caseload, a case with its timeline, and the forms that record an
 * event, involve an organisation or erase the person's data. Reads go through the API's own checks
 * (the caseload and the timeline reader, which log every read); writes go from the browser to the
 * write side through the proxy. The external reference is only ever posted, never put in an address.
 */
@Controller
@Hidden
public class CasePages {

    static final int MAX_WAITS = 10;

    private final Caseload caseload;
    private final CaseTimelineReader timelines;
    private final CaseSheet sheet;
    private final EventForm eventForm;
    private final ReferenceWords words;
    private final Formats fmt;
    private final CaseAccess access;

    public CasePages(Caseload caseload, CaseTimelineReader timelines, CaseSheet sheet, EventForm eventForm,
                     ReferenceWords words, Formats fmt, CaseAccess access) {
        this.access = access;
        this.fmt = fmt;
        this.caseload = caseload;
        this.timelines = timelines;
        this.sheet = sheet;
        this.eventForm = eventForm;
        this.words = words;
    }

    @GetMapping("/cases")
    public String caseload(@RequestParam(name = "page", defaultValue = "1") int page,
                           @AuthenticationPrincipal NimoUser user, Model model) {
        Caseload.Page rows = caseload.page(user, Math.max(1, page) - 1);
        model.addAttribute("rows", rows(rows.rows()));
        model.addAttribute("page", rows.page() + 1);
        model.addAttribute("hasMore", rows.hasMore());
        model.addAttribute("searched", false);
        return caseloadPage(user, model);
    }

    /** The search is a POST so that the reference, which is personal data, never appears in an address or a log. */
    @PostMapping("/cases/search")
    public String search(@RequestParam(name = "reference", defaultValue = "") String reference,
                         @AuthenticationPrincipal NimoUser user, Model model) {
        String wanted = reference.strip();
        model.addAttribute("searched", true);
        model.addAttribute("reference", wanted);
        model.addAttribute("rows", rows(caseload.search(user, wanted)));
        model.addAttribute("page", 1);
        model.addAttribute("hasMore", false);
        return caseloadPage(user, model);
    }

    private String caseloadPage(NimoUser user, Model model) {
        model.addAttribute("municipalities", words.municipalities(user.municipalities()));
        model.addAttribute("ageBands", words.ageBands());
        model.addAttribute("pageSize", Caseload.PAGE_SIZE);
        return "cases/caseload";
    }

    /** A caseload row in words. */
    public record Row(String caseId, String externalRef, boolean erased, boolean closed, String municipality,
                      String ageBand, String openedOn, String lastKind, String lastOn) {
    }

    private List<Row> rows(List<Caseload.Row> rows) {
        return rows.stream().map(r -> new Row(r.caseId(), r.externalRef(), r.erased(), r.closed(),
                words.municipality(r.municipality()), words.ageBand(r.ageBand()),
                fmt.date(r.openedAt().atZone(Formats.JAPAN).toLocalDate()),
                r.lastKind() == null ? "" : sheet.kindLabel(r.lastKind()),
                r.lastOccurredOn() == null ? "" : fmt.date(r.lastOccurredOn()))).toList();
    }

    /**
     * The case page. After a write the browser comes back with {@code saved} (the new event's sequence, or
     * what was done): until the read side shows it, the page says so and looks again, at most
     * {@link #MAX_WAITS} times; the wait is the same for any case id, so it tells nothing about one.
     */
    @GetMapping("/cases/{caseId}")
    public String casePage(@PathVariable("caseId") String caseId,
                           @RequestParam(name = "saved", required = false) String saved,
                           @RequestParam(name = "wait", defaultValue = "0") int wait,
                           @AuthenticationPrincipal NimoUser user, Model model, HttpServletResponse response) {
        String again = saved == null || wait >= MAX_WAITS ? null : UriComponentsBuilder.fromPath("/cases/{id}")
                .queryParam("saved", saved).queryParam("wait", wait + 1).buildAndExpand(caseId).encode().toUriString();
        // a case just opened is not yet on the read side: wait without logging refusals of the worker's own case
        if ("opened".equals(saved) && again != null && access.basis(user, caseId) == AccessBasis.DENIED) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
            model.addAttribute("pending", again);
            return "cases/pending";
        }
        CaseTimeline timeline = timelines.read(user, caseId);
        boolean shown = shows(timeline, saved);
        model.addAttribute("c", sheet.view(timeline, LocalDate.now(Formats.JAPAN)));
        model.addAttribute("worker", user.hasRole(Role.SUPPORT_WORKER));
        model.addAttribute("saved", saved == null ? null : SAVED_WORDS.getOrDefault(saved, "cases.saved.done"));
        model.addAttribute("pending", shown ? null : again);
        return "cases/case";
    }

    private static final Map<String, String> SAVED_WORDS = Map.of("opened", "cases.saved.opened",
            "involved", "cases.saved.involved", "erased", "cases.saved.erased");

    /** Whether the read side already shows what was just written: the event by its sequence, or its kind. */
    private static boolean shows(CaseTimeline timeline, String saved) {
        if (saved == null) {
            return true;
        }
        if (saved.matches("[0-9]{1,18}")) {
            return timeline.entries().stream().anyMatch(e -> e.sequence() == Long.parseLong(saved));
        }
        String kind = switch (saved) {
            case "involved" -> CaseSheet.INVOLVED;
            case "erased" -> CaseSheet.ERASED;
            default -> null;
        };
        return kind == null || timeline.entries().stream().anyMatch(e -> e.kind().equals(kind));
    }

    @GetMapping("/cases/{caseId}/record")
    public String record(@PathVariable("caseId") String caseId, @RequestParam(name = "kind", required = false) String kind,
                         @RequestParam(name = "purpose", required = false) String purpose,
                         @AuthenticationPrincipal NimoUser user, Model model) {
        CaseSheet.View view = writable(user, caseId, model);
        String chosen = eventForm.known(kind) ? kind : "";
        model.addAttribute("chosenKind", chosen);
        model.addAttribute("groups", eventForm.groups());
        model.addAttribute("kinds", eventForm.kinds(chosen, purpose == null ? Map.of() : Map.of(jp.nimo.cases.CaseFacts.PURPOSE, purpose)));
        model.addAttribute("common", eventForm.common());
        model.addAttribute("today", LocalDate.now(Formats.JAPAN).toString());
        model.addAttribute("consentKind", jp.nimo.cases.CaseFacts.CONSENT_GRANTED);
        model.addAttribute("purposes", eventForm.consentPurposes());
        return view.erased() ? "cases/erased" : "cases/record";
    }

    @GetMapping("/cases/{caseId}/involve")
    public String involve(@PathVariable("caseId") String caseId, @AuthenticationPrincipal NimoUser user, Model model) {
        CaseSheet.View view = writable(user, caseId, model);
        model.addAttribute("organisations", words.organisations(view.organisationIds()));
        return view.erased() ? "cases/erased" : "cases/involve";
    }

    @GetMapping("/cases/{caseId}/erase")
    public String erase(@PathVariable("caseId") String caseId, @AuthenticationPrincipal NimoUser user, Model model) {
        CaseSheet.View view = writable(user, caseId, model);
        return view.erased() ? "cases/erased" : "cases/erase";
    }

    /** The forms are for the case's workers: the same read check first (404 for anyone else), then the role. */
    private CaseSheet.View writable(NimoUser user, String caseId, Model model) {
        CaseSheet.View view = sheet.view(timelines.read(user, caseId), LocalDate.now(Formats.JAPAN));
        if (!user.hasRole(Role.SUPPORT_WORKER)) {
            throw new AccessDeniedException("only support workers write cases");
        }
        model.addAttribute("c", view);
        return view;
    }
}
