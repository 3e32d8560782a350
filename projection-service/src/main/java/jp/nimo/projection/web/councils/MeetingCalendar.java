package jp.nimo.projection.web.councils;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jp.nimo.projection.councils.CouncilViews.MeetingItem;
import jp.nimo.reference.FiscalYear;

/**
 * A council's meetings as its page lists them: those still to come (scheduled for today or later), soonest
 * first, and those past (held, cancelled, or whose day has gone), latest first; each part by fiscal year
 * (April to March) under its Japanese name, 令和6年度.
 */
public record MeetingCalendar(List<Year> upcoming, List<Year> past) {

    /** One fiscal year's meetings. */
    public record Year(int startYear, String label, List<MeetingItem> meetings) {
    }

    public static MeetingCalendar of(List<MeetingItem> meetings, LocalDate today) {
        List<MeetingItem> coming = new ArrayList<>();
        List<MeetingItem> gone = new ArrayList<>();
        for (MeetingItem meeting : meetings) {
            boolean toCome = "SCHEDULED".equals(meeting.state()) && !meeting.heldOn().isBefore(today);
            (toCome ? coming : gone).add(meeting);
        }
        Comparator<MeetingItem> byDay = Comparator.comparing(MeetingItem::heldOn).thenComparing(MeetingItem::meetingId);
        coming.sort(byDay);
        gone.sort(byDay.reversed());
        return new MeetingCalendar(years(coming, false), years(gone, true));
    }

    public boolean empty() {
        return upcoming.isEmpty() && past.isEmpty();
    }

    private static List<Year> years(List<MeetingItem> meetings, boolean latestFirst) {
        Map<Integer, List<MeetingItem>> byYear = new TreeMap<>(latestFirst ? Comparator.<Integer>reverseOrder()
                : Comparator.<Integer>naturalOrder());
        for (MeetingItem meeting : meetings) {
            byYear.computeIfAbsent(FiscalYear.containing(meeting.heldOn()).startYear(), y -> new ArrayList<>())
                    .add(meeting);
        }
        List<Year> years = new ArrayList<>();
        byYear.forEach((year, items) -> years.add(new Year(year, FiscalYear.label(year), List.copyOf(items))));
        return List.copyOf(years);
    }
}
