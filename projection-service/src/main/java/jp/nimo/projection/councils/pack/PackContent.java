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
    }
}
