package jp.nimo.projection.councils.pack;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jp.nimo.infra.openapi.ProblemAnswers;
import jp.nimo.infra.security.NimoUser;
import jp.nimo.infra.web.NotFoundException;
import jp.nimo.infra.web.Problems;
import jp.nimo.projection.councils.CouncilQueries;
import jp.nimo.projection.councils.CouncilQueries.MeetingHead;
import jp.nimo.projection.councils.CouncilReaders;
import jp.nimo.projection.councils.CouncilViews.Pack;
import jp.nimo.projection.councils.CouncilViews.PackHash;
import jp.nimo.projection.councils.ReadSideCaughtUp;
import jp.nimo.projection.councils.ReadableCouncils;
import jp.nimo.projection.shared.KnowledgeTime;
import jp.nimo.validation.InvalidInputException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.util.MimeTypeUtils;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * GET /api/meetings/{meetingId}/pack: the meeting pack (会議資料) as known at a cut-off — the PDF, its XHTML
 * for a preview, or as JSON only its content hash (what the write side records when a pack is issued).
 * Without {@code cutOff}, the cut-off of the last pack issued to the meeting.
 */
@RestController
@Tag(name = "councils")
public class MeetingPackController {

    static final MediaType PDF = MediaType.APPLICATION_PDF;
    static final MediaType HTML = new MediaType("text", "html", StandardCharsets.UTF_8);

    private final ReadableCouncils councils;
    private final CouncilReaders readers;
    private final CouncilQueries queries;
    private final MeetingPacks packs;
    private final PackPdf pdf;
    private final ReadSideCaughtUp caughtUp;
    private final Clock clock;

    public MeetingPackController(ReadableCouncils councils, CouncilReaders readers, CouncilQueries queries,
                                 MeetingPacks packs, PackPdf pdf, ReadSideCaughtUp caughtUp, Clock clock) {
        this.councils = councils;
        this.readers = readers;
        this.queries = queries;
        this.packs = packs;
        this.pdf = pdf;
        this.caughtUp = caughtUp;
        this.clock = clock;
    }

    private enum Form { PDF, HTML, JSON }

    @GetMapping("/api/meetings/{meetingId}/pack")
    @Operation(operationId = "getMeetingPack", summary = "A meeting's pack",
            description = "The meeting pack as known at `cutOff`: cover (council, date, format, attendance), agenda,"
                    + " and for each issue its state, de-identified evidence by kind and month, targets against"
                    + " actuals, timeline and the decision asked for; the council's indicators for the fiscal year."
                    + " Small counts are suppressed as for council members, for every reader. `Accept:"
                    + " application/pdf` (or `format=pdf`, the default) for the PDF, `text/html` for its XHTML,"
                    + " `application/json` for `{meetingId, cutOff, contentHash}`: the SHA-256 of the pack's content"
                    + " (its texts and figures, not its layout), the same for the same cut-off as long as the log"
                    + " before it is. 503 with Retry-After while the read side has not caught up with the log.")
    @ApiResponse(responseCode = "200", description = "The pack.", content = {
            @Content(mediaType = "application/pdf", schema = @Schema(type = "string", format = "binary")),
            @Content(mediaType = "text/html", schema = @Schema(type = "string")),
            @Content(mediaType = "application/json", schema = @Schema(implementation = PackHash.class))})
    @ProblemAnswers({400, 403, 404, 406, 503})
    public ResponseEntity<?> pack(@PathVariable("meetingId") String meetingId,
                                  @Parameter(description = "The cut-off instant, e.g. 2024-07-03T09:00:00+09:00 (default:"
                                          + " that of the last pack issued).", schema = @Schema(type = "string", format = "date-time"))
                                  @RequestParam(name = "cutOff", required = false) String cutOff,
                                  @Parameter(description = "pdf, html or json (instead of Accept).",
                                          schema = @Schema(allowableValues = {"pdf", "html", "json"}))
                                  @RequestParam(name = "format", required = false) String format,
                                  @Parameter(hidden = true)
                                  @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept,
                                  @AuthenticationPrincipal NimoUser user)
            throws HttpMediaTypeNotAcceptableException {
        readers.requireReader(user);
        Form form = form(format, accept);
        Instant at = cutOff(cutOff);
        MeetingHead meeting = councils.visibleMeeting(meetingId, user);
        if (at == null) {
            List<Pack> issued = queries.packs(meeting.meetingId());
            if (issued.isEmpty()) {
                throw new NotFoundException("no pack was issued to this meeting; give cutOff");
            }
            at = issued.get(issued.size() - 1).cutOff();
        }
        if (!caughtUp.await()) {
            return Problems.answer(Problems.problem(HttpStatus.SERVICE_UNAVAILABLE, "read-side-behind",
                    "Read side catching up", "the read side has not yet handled every event stored; retry shortly"));
        }
        MeetingPacks.Pack pack = packs.build(meeting, at);
        return switch (form) {
            case JSON -> ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                    .body(new PackHash(pack.meetingId(), pack.cutOff(), pack.contentHash()));
            case HTML -> ResponseEntity.ok().contentType(HTML).header("X-Content-Hash", pack.contentHash())
                    .body(pack.html());
            case PDF -> ResponseEntity.ok().contentType(PDF).header("X-Content-Hash", pack.contentHash())
                    .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"meeting-pack-" + pack.meetingId()
                            + ".pdf\"")
                    .body(pdf.render(pack.html()));
        };
    }

    /** {@code format} if given, else the first of PDF, HTML and JSON the Accept header takes; PDF for none or any. */
    private static Form form(String format, String accept) throws HttpMediaTypeNotAcceptableException {
        if (format != null && !format.isBlank()) {
            return switch (format.trim().toLowerCase()) {
                case "pdf" -> Form.PDF;
                case "html" -> Form.HTML;
                case "json" -> Form.JSON;
                default -> throw new InvalidInputException("format", "must be pdf, html or json");
            };
        }
        if (accept == null || accept.isBlank()) {
            return Form.PDF;
        }
        List<MediaType> types;
        try {
            types = MediaType.parseMediaTypes(accept);
        } catch (IllegalArgumentException e) {
            return Form.PDF;
        }
        MimeTypeUtils.sortBySpecificity(types);
        for (MediaType type : types) {
            if (type.includes(PDF)) {
                return Form.PDF;
            }
            if (type.includes(MediaType.TEXT_HTML)) {
                return Form.HTML;
            }
            if (type.includes(MediaType.APPLICATION_JSON)) {
                return Form.JSON;
            }
        }
        throw new HttpMediaTypeNotAcceptableException(List.of(PDF, MediaType.TEXT_HTML, MediaType.APPLICATION_JSON));
    }

    /** An ISO-8601 instant with an offset; null when not given. A cut-off is in the past: it says what was known. */
    private Instant cutOff(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Instant at;
        try {
            at = KnowledgeTime.of(OffsetDateTime.parse(value.trim()).toInstant());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("cutOff", "must be an ISO-8601 instant with an offset, e.g."
                    + " 2024-07-03T09:00:00+09:00");
        }
        if (at.isAfter(Instant.now(clock))) {
            throw new InvalidInputException("cutOff", "must not be later than now: a pack shows what was known");
        }
        return at;
    }
}
