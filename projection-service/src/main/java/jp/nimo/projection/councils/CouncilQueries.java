package jp.nimo.projection.councils;

import jp.nimo.projection.councils.CouncilViews.AgendaEntry;
import jp.nimo.projection.councils.CouncilViews.Attendance;
import jp.nimo.projection.councils.CouncilViews.CouncilView;
import jp.nimo.projection.councils.CouncilViews.DecisionTaken;
import jp.nimo.projection.councils.CouncilViews.MeetingItem;
import jp.nimo.projection.councils.CouncilViews.Member;
import jp.nimo.projection.councils.CouncilViews.Minutes;
import jp.nimo.projection.councils.CouncilViews.Opinion;
import jp.nimo.projection.councils.CouncilViews.Pack;
import jp.nimo.projection.councils.CouncilViews.WorkingGroup;
import jp.nimo.projection.shared.KnowledgeTime;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads councils and meetings from the tables of {@link CouncilProjection}, as known now or, given
 * {@code knownAt}, as known at that time (the rows recorded by then): a pack reads them at its cut-off.
 */
@Component
public class CouncilQueries {

    /** The far future: "known by then" for a read that answers for now. */
    private static final OffsetDateTime NOW = OffsetDateTime.parse("9999-12-31T00:00:00Z");

    private final JdbcTemplate jdbc;

    public CouncilQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A council as designated: what decides who reads it, and its names. */
    public record CouncilHead(String councilId, String level, String area, String name, String nameEn,
                              String secretariat, Instant designatedAt) {
    }

    /** A meeting's own row: its council, title, dates, format and state (now). */
    public record MeetingHead(String meetingId, String councilId, String title, LocalDate heldOn, String format,
                              LocalDate opinionsDue, String state, Instant scheduledAt, Instant heldAt,
                              Instant cancelledAt, String cancelReason) {

        /** A decision at the meeting is dated at it; in a 書面開催, at the deadline for opinions. */
        public LocalDate decidedOn() {
            return "WRITTEN".equals(format) && opinionsDue != null ? opinionsDue : heldOn;
        }

        /** The state as known at a time: held or cancelled only once that was recorded. */
        public String stateAt(Instant knownAt) {
            if (heldAt != null && !heldAt.isAfter(knownAt)) {
                return "HELD";
            }
            if (cancelledAt != null && !cancelledAt.isAfter(knownAt)) {
                return "CANCELLED";
            }
            return "SCHEDULED";
        }
    }

    public List<CouncilHead> councils() {
        return jdbc.query("SELECT council_id, level, area, name, name_en, secretariat, recorded_at FROM council"
                + " ORDER BY council_id", (row, n) -> new CouncilHead(row.getString("council_id"), row.getString("level"),
                row.getString("area"), row.getString("name"), row.getString("name_en"), row.getString("secretariat"),
                KnowledgeTime.read(row, "recorded_at")));
    }

    public Optional<CouncilHead> council(String councilId) {
        return jdbc.query("SELECT council_id, level, area, name, name_en, secretariat, recorded_at FROM council"
                        + " WHERE council_id = ?", (row, n) -> new CouncilHead(row.getString("council_id"),
                        row.getString("level"), row.getString("area"), row.getString("name"), row.getString("name_en"),
                        row.getString("secretariat"), KnowledgeTime.read(row, "recorded_at")), councilId)
                .stream().findFirst();
    }

    /** The councils with their members and working groups, in three reads whatever their number. */
    public List<CouncilView> views(List<CouncilHead> heads) {
        Map<String, List<Member>> members = new HashMap<>();
        jdbc.query("SELECT council_id, organisation, stakeholder_type, tier, role, since, left_on FROM council_member"
                + " ORDER BY council_id, organisation", row -> {
            members.computeIfAbsent(row.getString("council_id"), c -> new ArrayList<>()).add(new Member(
                    row.getString("organisation"), row.getString("stakeholder_type"), row.getString("tier"),
                    row.getString("role"), row.getObject("since", LocalDate.class),
                    row.getObject("left_on", LocalDate.class)));
        });
        Map<String, List<WorkingGroup>> groups = new HashMap<>();
        jdbc.query("SELECT council_id, group_id, name, formed_on FROM council_working_group ORDER BY council_id, group_id",
                row -> {
                    groups.computeIfAbsent(row.getString("council_id"), c -> new ArrayList<>()).add(new WorkingGroup(
                            row.getString("group_id"), row.getString("name"), row.getObject("formed_on", LocalDate.class)));
                });
        return heads.stream().map(h -> new CouncilView(h.councilId(), h.level(), h.area(), h.name(), h.nameEn(),
                h.secretariat(), h.designatedAt(), members.getOrDefault(h.councilId(), List.of()),
                groups.getOrDefault(h.councilId(), List.of()))).toList();
    }

    /** The council's meetings held on days from {@code from} to {@code to} (either open), by day. */
    public List<MeetingItem> meetings(String councilId, LocalDate from, LocalDate to) {
        return jdbc.query("SELECT meeting_id, title, held_on, format, state FROM meeting WHERE council_id = ?"
                        + " AND held_on >= ? AND held_on <= ? ORDER BY held_on, scheduled_at, meeting_id",
                (row, n) -> new MeetingItem(row.getString("meeting_id"), row.getString("title"),
                        row.getObject("held_on", LocalDate.class), row.getString("format"), row.getString("state")),
                councilId, from == null ? LocalDate.of(1900, 1, 1) : from, to == null ? LocalDate.of(9999, 12, 31) : to);
    }

    public Optional<MeetingHead> meeting(String meetingId) {
        return jdbc.query("SELECT meeting_id, council_id, title, held_on, format, opinions_due, state, scheduled_at,"
                        + " held_at, cancelled_at, cancel_reason FROM meeting WHERE meeting_id = ?",
                (row, n) -> new MeetingHead(row.getString("meeting_id"), row.getString("council_id"),
                        row.getString("title"), row.getObject("held_on", LocalDate.class), row.getString("format"),
                        row.getObject("opinions_due", LocalDate.class), row.getString("state"),
                        KnowledgeTime.read(row, "scheduled_at"), KnowledgeTime.read(row, "held_at"),
                        KnowledgeTime.read(row, "cancelled_at"), row.getString("cancel_reason")), meetingId)
                .stream().findFirst();
    }

    /** The agenda as known at {@code knownAt} (null: now): issue ids and asks, titles and states left to the caller. */
    public List<AgendaEntry> agenda(String meetingId, Instant knownAt) {
        return jdbc.query("SELECT issue_id, ask FROM meeting_agenda_item WHERE meeting_id = ? AND recorded_at <= ?"
                        + " ORDER BY position, sequence, issue_id",
                (row, n) -> new AgendaEntry(row.getString("issue_id"), null, null, row.getString("ask")),
                meetingId, known(knownAt));
    }

    /** The attendance last recorded by {@code knownAt}, by organisation, with each one's stakeholder type on the council. */
    public List<Attendance> attendance(String meetingId, String councilId, Instant knownAt) {
        return jdbc.query("SELECT a.organisation, m.stakeholder_type, a.attendees FROM meeting_attendance a"
                        + " LEFT JOIN council_member m ON m.council_id = ? AND m.organisation = a.organisation"
                        + " WHERE a.meeting_id = ? AND a.sequence = (SELECT max(sequence) FROM meeting_attendance"
                        + " WHERE meeting_id = ? AND recorded_at <= ?) ORDER BY a.organisation",
                (row, n) -> new Attendance(row.getString("organisation"), row.getString("stakeholder_type"),
                        row.getInt("attendees")),
                councilId, meetingId, meetingId, known(knownAt));
    }

    public List<Opinion> opinions(String meetingId, Instant knownAt) {
        return jdbc.query("SELECT organisation, opinion, received_on, recorded_at FROM meeting_opinion"
                        + " WHERE meeting_id = ? AND recorded_at <= ? ORDER BY received_on, sequence",
                (row, n) -> new Opinion(row.getString("organisation"), row.getString("opinion"),
                        row.getObject("received_on", LocalDate.class), KnowledgeTime.read(row, "recorded_at")),
                meetingId, known(knownAt));
    }

    /** The minutes last recorded, if any. */
    public Minutes minutes(String meetingId) {
        return jdbc.query("SELECT summary, recorded_at FROM meeting_minutes WHERE meeting_id = ?"
                        + " ORDER BY sequence DESC LIMIT 1",
                (row, n) -> new Minutes(row.getString("summary"), KnowledgeTime.read(row, "recorded_at")), meetingId)
                .stream().findFirst().orElse(null);
    }

    /** The decisions naming the meeting recorded by {@code knownAt}, titles left to the caller. */
    public List<DecisionTaken> decisions(String meetingId, Instant knownAt) {
        return jdbc.query("SELECT issue_id, type, state, decided_on, reason, recorded_at FROM meeting_decision"
                        + " WHERE meeting_id = ? AND recorded_at <= ? ORDER BY recorded_at, issue_id, sequence",
                (row, n) -> new DecisionTaken(row.getString("issue_id"), null, row.getString("type"),
                        row.getString("state"), row.getObject("decided_on", LocalDate.class), row.getString("reason"),
                        KnowledgeTime.read(row, "recorded_at")),
                meetingId, known(knownAt));
    }

    public List<Pack> packs(String meetingId) {
        return jdbc.query("SELECT pack_id, cut_off, content_hash, issued_by, issued_at FROM meeting_pack"
                        + " WHERE meeting_id = ? ORDER BY sequence",
                (row, n) -> new Pack(row.getString("pack_id"), KnowledgeTime.read(row, "cut_off"),
                        row.getString("content_hash"), row.getString("issued_by"), KnowledgeTime.read(row, "issued_at")),
                meetingId);
    }

    /** The meeting indicators of a council for one fiscal year (April to March), as known at {@code knownAt}. */
    public record CouncilFigures(long meetingsHeld, Map<String, Long> participantsByStakeholderType,
                                 long issuesDecided) {

        public long participants() {
            return participantsByStakeholderType.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /**
     * Meetings held (recorded as held by then, on a day of the year), their participants by the attending
     * organisation's stakeholder type (OTHER for one that does not sit on the council), and the issues decided
     * at them (one per issue and meeting, however many steps the meeting took on it).
     */
    public Map<String, CouncilFigures> figures(List<String> councilIds, LocalDate first, LocalDate last,
                                               Instant knownAt) {
        Map<String, CouncilFigures> figures = new HashMap<>();
        if (councilIds.isEmpty()) {
            return figures;
        }
        OffsetDateTime at = known(knownAt);
        String in = String.join(", ", java.util.Collections.nCopies(councilIds.size(), "?"));
        String held = "SELECT meeting_id, council_id FROM meeting WHERE council_id IN (" + in + ")"
                + " AND held_on >= ? AND held_on <= ? AND held_at IS NOT NULL AND held_at <= ?";
        List<Object> parameters = new ArrayList<>(councilIds);
        parameters.add(first);
        parameters.add(last);
        parameters.add(at);
        Map<String, Long> meetings = new HashMap<>();
        jdbc.query("SELECT council_id, count(*) AS n FROM (" + held + ") h GROUP BY council_id",
                row -> {
                    meetings.put(row.getString("council_id"), row.getLong("n"));
                }, parameters.toArray());
        Map<String, Map<String, Long>> participants = new HashMap<>();
        List<Object> attendance = new ArrayList<>(parameters);
        attendance.add(at);
        jdbc.query("SELECT h.council_id, coalesce(m.stakeholder_type, 'OTHER') AS type, sum(a.attendees) AS n"
                        + " FROM (" + held + ") h JOIN meeting_attendance a ON a.meeting_id = h.meeting_id"
                        + " AND a.sequence = (SELECT max(sequence) FROM meeting_attendance l WHERE l.meeting_id = h.meeting_id"
                        + " AND l.recorded_at <= ?)"
                        + " LEFT JOIN council_member m ON m.council_id = h.council_id AND m.organisation = a.organisation"
                        + " GROUP BY h.council_id, coalesce(m.stakeholder_type, 'OTHER')",
                row -> {
                    participants.computeIfAbsent(row.getString("council_id"), c -> new HashMap<>())
                            .put(row.getString("type"), row.getLong("n"));
                }, attendance.toArray());
        Map<String, Long> decided = new HashMap<>();
        List<Object> decisions = new ArrayList<>(parameters);
        decisions.add(at);
        jdbc.query("SELECT h.council_id, count(DISTINCT (d.meeting_id, d.issue_id)) AS n FROM (" + held + ") h"
                        + " JOIN meeting_decision d ON d.meeting_id = h.meeting_id AND d.recorded_at <= ?"
                        + " GROUP BY h.council_id",
                row -> {
                    decided.put(row.getString("council_id"), row.getLong("n"));
                }, decisions.toArray());
        for (String council : councilIds) {
            figures.put(council, new CouncilFigures(meetings.getOrDefault(council, 0L),
                    participants.getOrDefault(council, Map.of()), decided.getOrDefault(council, 0L)));
        }
        return figures;
    }

    /** A meeting that decided on an issue (the pages link it from the issue). */
    public record DecidingMeeting(String meetingId, String councilId, String title, LocalDate heldOn, String format,
                                  String state) {
    }

    /** The meetings at which decisions on the issue were taken, by day. */
    public List<DecidingMeeting> meetingsDeciding(String issueId) {
        return jdbc.query("SELECT m.meeting_id, m.council_id, m.title, m.held_on, m.format, m.state FROM meeting m"
                        + " WHERE m.meeting_id IN (SELECT d.meeting_id FROM meeting_decision d WHERE d.issue_id = ?)"
                        + " ORDER BY m.held_on, m.meeting_id",
                (row, n) -> new DecidingMeeting(row.getString("meeting_id"), row.getString("council_id"),
                        row.getString("title"), row.getObject("held_on", LocalDate.class), row.getString("format"),
                        row.getString("state")), issueId);
    }

    /**
     * The council's meetings a decision may name on {@code today}: not cancelled, and on or before their day
     * of decision (a 書面開催's deadline for opinions), latest first.
     */
    public List<MeetingItem> decidable(String councilId, LocalDate today) {
        return jdbc.query("SELECT meeting_id, title, held_on, format, state FROM meeting WHERE council_id = ?"
                        + " AND state <> 'CANCELLED' AND (CASE WHEN format = 'WRITTEN' AND opinions_due IS NOT NULL"
                        + " THEN opinions_due ELSE held_on END) <= ? ORDER BY held_on DESC, meeting_id",
                (row, n) -> new MeetingItem(row.getString("meeting_id"), row.getString("title"),
                        row.getObject("held_on", LocalDate.class), row.getString("format"), row.getString("state")),
                councilId, today);
    }

    private static OffsetDateTime known(Instant knownAt) {
        return knownAt == null ? NOW : KnowledgeTime.column(knownAt);
    }
}
