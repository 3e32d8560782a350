package jp.nimo.projection.councils;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** The answers of the councils-and-meetings read model (GET /api/councils, /api/councils/{id}/meetings, /api/meetings/{id}). */
public final class CouncilViews {

    private CouncilViews() {
    }

    /** GET /api/councils: the councils the reader sees. */
    public record Councils(List<CouncilView> councils) {
    }

    public record CouncilView(String councilId, String level, String area, String name, String nameEn,
                              String secretariat, Instant designatedAt, List<Member> members,
                              List<WorkingGroup> workingGroups) {
    }

    /** A member organisation's seat; {@code leftOn} once it left. */
    public record Member(String organisation, String stakeholderType, String tier, String role, LocalDate since,
                         LocalDate leftOn) {
    }

    public record WorkingGroup(String groupId, String name, LocalDate formedOn) {
    }

    /** GET /api/councils/{councilId}/meetings. */
    public record Meetings(String councilId, List<MeetingItem> meetings) {
    }

    public record MeetingItem(String meetingId, String title, LocalDate heldOn, String format, String state) {
    }

    /** GET /api/meetings/{meetingId}. */
    public record MeetingView(String meetingId, String councilId, String councilName, String title, LocalDate heldOn,
                              String format, LocalDate opinionsDue, LocalDate decidedOn, String state,
                              String cancelReason, List<AgendaEntry> agenda, List<Attendance> attendance,
                              List<Opinion> opinions, Minutes minutes, List<DecisionTaken> decisions,
                              List<Pack> packs) {
    }

    /** An issue on the agenda, with its title and state as known now, and what the meeting is asked. */
    public record AgendaEntry(String issueId, String title, String state, String ask) {
    }

    /** A member organisation at the meeting and how many of its people came; its stakeholder type if it sits. */
    public record Attendance(String organisation, String stakeholderType, int count) {
    }

    public record Opinion(String organisation, String opinion, LocalDate receivedOn, Instant recordedAt) {
    }

    public record Minutes(String summary, Instant recordedAt) {
    }

    /** An issue decision that names this meeting. */
    public record DecisionTaken(String issueId, String title, String type, String state, LocalDate decidedOn,
                                @JsonInclude(JsonInclude.Include.ALWAYS) String reason, Instant recordedAt) {
    }

    /** A pack issued to the meeting: the record of what was disclosed to it. */
    public record Pack(String packId, Instant cutOff, String contentHash, String issuedBy, Instant issuedAt) {
    }

    /** GET /api/meetings/{meetingId}/pack as JSON: what the pack at this cut-off holds, by its hash. */
    public record PackHash(String meetingId, Instant cutOff, String contentHash) {
    }
}
