package jp.nimo.projection.councils.pack;

import java.util.List;

/**
 * What a meeting pack says, already worded in Japanese: the template only lays it out. Nothing in it
 * depends on who asks or when, only on the log before the cut-off.
 */
public record PackContent(String councilName, String meetingTitle, String heldOn, String format, String opinionsDue,
                          String cutOff, List<Row> attendance, List<Row> opinions, List<Item> agenda,
                          String fiscalYear, List<Row> indicators, String suppressionNote) {

    /** A row of a table: its cells in order. */
    public record Row(List<String> cells) {

        public static Row of(String... cells) {
            return new Row(List.of(cells));
        }
    }

    /** One issue on the agenda, as known at the cut-off. */
    public record Item(int number, String title, String state, String ask, String evidenceTotal, List<Row> evidence,
                       String evidenceChart, List<Row> timeline, List<Row> targets, String targetsChart) {

        Item withoutCharts() {
            return new Item(number, title, state, ask, evidenceTotal, evidence, null, timeline, targets, null);
        }
    }

    /**
     * The content alone: every text and figure the pack shows, in order, without the charts, which are drawn
     * from the same figures. What the content hash is taken of, so that a new layout, font or chart library
     * does not change the hash of a pack already issued.
     */
    PackContent withoutCharts() {
        return new PackContent(councilName, meetingTitle, heldOn, format, opinionsDue, cutOff, attendance, opinions,
                agenda.stream().map(Item::withoutCharts).toList(), fiscalYear, indicators, suppressionNote);
    }
}
