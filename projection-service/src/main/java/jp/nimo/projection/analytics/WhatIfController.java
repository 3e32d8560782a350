package jp.nimo.projection.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import jp.nimo.infra.security.NimoUser;
import jp.nimo.projection.board.SmallCounts.Disclosure;
import jp.nimo.projection.indicators.AggregateReaders;
import jp.nimo.projection.indicators.CsvDownload;
import jp.nimo.reference.Categories;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** POST /api/analytics/what-if: detection replayed over history with another rule; nothing is stored. */
@RestController
public class WhatIfController {

    private final WhatIfAnswers answers;
    private final AggregateReaders readers;
    private final Categories categories;

    public WhatIfController(WhatIfAnswers answers, AggregateReaders readers, Categories categories) {
        this.answers = answers;
        this.readers = readers;
        this.categories = categories;
    }

    @PostMapping("/api/analytics/what-if")
    public ResponseEntity<?> whatIf(@RequestBody(required = false) JsonNode body,
                                    @RequestParam(name = CsvDownload.FORMAT, required = false) String format,
                                    @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept,
                                    @AuthenticationPrincipal NimoUser user) {
        Disclosure disclosure = readers.admit(user);
        boolean csv = CsvDownload.requested(format, accept);
        WhatIfAnswer answer = answers.answer(WhatIfRequest.parse(body, categories), disclosure);
        return csv ? WhatIfAnswers.csv(answer).answer("what-if.csv") : ResponseEntity.ok(answer);
    }
}
