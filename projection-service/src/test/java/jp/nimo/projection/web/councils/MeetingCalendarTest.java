package jp.nimo.projection.web.councils;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import jp.nimo.projection.councils.CouncilViews.MeetingItem;
import jp.nimo.projection.web.councils.MeetingCalendar.Year;
import org.junit.jupiter.api.Test;

class MeetingCalendarTest {

    private static final LocalDate TODAY = LocalDate.of(2025, 4, 10);

    private static MeetingItem meeting(String id, String day, String state) {
        return new MeetingItem(id, "会議 " + id, LocalDate.parse(day), "IN_PERSON", state);
    }

    private static List<String> ids(Year year) {
        return year.meetings().stream().map(MeetingItem::meetingId).toList();
    }

    @Test
    void meetingsToComeAreSoonestFirstAndPastOnesLatestFirstEachUnderTheirFiscalYear() {
        MeetingCalendar calendar = MeetingCalendar.of(List.of(
                meeting("a", "2024-07-10", "HELD"),
                meeting("b", "2025-03-31", "HELD"),
                meeting("c", "2025-04-01", "CANCELLED"),
                meeting("d", "2026-02-01", "SCHEDULED"),
                meeting("e", "2025-04-10", "SCHEDULED"),
                meeting("f", "2026-04-01", "SCHEDULED"),
                // its day has gone without it being recorded as held: no longer to come
                meeting("g", "2025-04-09", "SCHEDULED")), TODAY);

        assertThat(calendar.upcoming()).extracting(Year::startYear).containsExactly(2025, 2026);
        assertThat(calendar.upcoming()).extracting(Year::label).containsExactly("令和7年度", "令和8年度");
        assertThat(ids(calendar.upcoming().get(0))).containsExactly("e", "d");
        assertThat(ids(calendar.upcoming().get(1))).containsExactly("f");

        // 31 March belongs to the fiscal year that began the April before; 1 April starts the next
        assertThat(calendar.past()).extracting(Year::startYear).containsExactly(2025, 2024);
        assertThat(calendar.past()).extracting(Year::label).containsExactly("令和7年度", "令和6年度");
        assertThat(ids(calendar.past().get(0))).containsExactly("g", "c");
        assertThat(ids(calendar.past().get(1))).containsExactly("b", "a");
        assertThat(calendar.empty()).isFalse();
    }

    @Test
    void theFirstYearOfAnEraIsNamedGannen() {
        MeetingCalendar calendar = MeetingCalendar.of(List.of(meeting("x", "2019-06-01", "HELD")), TODAY);
        assertThat(calendar.past()).extracting(Year::label).containsExactly("令和元年度");
        assertThat(calendar.upcoming()).isEmpty();
        assertThat(MeetingCalendar.of(List.of(), TODAY).empty()).isTrue();
    }
}
