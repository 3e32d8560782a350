package jp.nimo.projection.web.issue;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import jp.nimo.projection.issueplane.board.BoardItem;
import jp.nimo.projection.web.Formats;
import jp.nimo.projection.web.ReferenceLabels;
import jp.nimo.reference.Category;
import jp.nimo.reference.Council;
import jp.nimo.reference.Indicator;
import jp.nimo.reference.Municipality;
import jp.nimo.reference.Region;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The options of the issue forms' lists, as value and words in the page's language, so that one
 * fragment (issue/fields :: choice) draws every list whatever it lists.
 */
@Component
public class IssueChoices {

    public record Choice(String value, String label) {
    }

    private final ReferenceLabels labels;
    private final Formats fmt;
    private final MessageSource messages;

    public IssueChoices(ReferenceLabels labels, Formats fmt, MessageSource messages) {
        this.labels = labels;
        this.fmt = fmt;
        this.messages = messages;
    }

    public List<Choice> councils(Collection<Council> councils) {
        return councils.stream().map(c -> new Choice(c.id(), fmt.label(c.label()))).toList();
    }

    /** Open issues by title and area, 「課題名（目黒区）」. */
    public List<Choice> issues(Collection<BoardItem> issues) {
        return issues.stream().map(i -> new Choice(i.issueId(), i.title() + "（"
                + fmt.label(labels.area(i.municipality(), i.region(), i.prefecture())) + "）")).toList();
    }

    /** A meeting recorded in Nimo by title, day and state: 「第1回（2024年7月10日・開催済み）」. */
    public Choice meeting(String meetingId, String title, java.time.LocalDate heldOn, String state) {
        Locale locale = Formats.english() ? Locale.ENGLISH : Locale.JAPANESE;
        return new Choice(meetingId, title + "（" + fmt.date(heldOn) + "・"
                + messages.getMessage("councils.meetingState." + state, null, state, locale) + "）");
    }

    public List<Choice> categories() {
        return labels.categories().stream().map((Category c) -> new Choice(c.code(), fmt.label(c.label()))).toList();
    }

    public List<Choice> indicators() {
        return labels.indicators().stream().map((Indicator i) -> new Choice(i.code(), fmt.label(i.label()))).toList();
    }

    public List<Choice> municipalities(Collection<Municipality> municipalities) {
        return municipalities.stream().map(m -> new Choice(m.code().value(), fmt.label(m.label()))).toList();
    }

    public List<Choice> regions(Collection<Region> regions) {
        return regions.stream().map(r -> new Choice(r.code().value(), fmt.label(r.label()))).toList();
    }

    /** Codes named in the issues bundle under {@code prefix} ("issues.direction." + INCREASE). */
    public List<Choice> worded(String prefix, Collection<?> codes) {
        Locale locale = Formats.english() ? Locale.ENGLISH : Locale.JAPANESE;
        return codes.stream().map(String::valueOf)
                .map(code -> new Choice(code, messages.getMessage(prefix + code, null, code, locale))).toList();
    }
}
