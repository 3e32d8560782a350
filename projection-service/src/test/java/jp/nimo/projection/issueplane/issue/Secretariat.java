package jp.nimo.projection.issueplane.issue;

import jp.nimo.infra.test.Http.Answer;
import jp.nimo.infra.test.Http;
import jp.nimo.projection.WriteSide;

import static org.assertj.core.api.Assertions.assertThat;

/** A council secretariat taking issues through the lifecycle on the real write side, as IssueResourceTest does. */
public final class Secretariat {

    private final Http write = WriteSide.http();
    private final String user;

    public Secretariat(String user) {
        this.user = user;
    }

    /** A council meeting for a decision's body: {@code "meeting":{…}}. */
    public static String meeting(String title, String heldOn) {
        return "\"meeting\":{\"title\":\"" + title + "\",\"heldOn\":\"" + heldOn + "\",\"format\":\"IN_PERSON\"}";
    }

    /** Raises an issue by hand; {@code area} is {@code "municipality":"13110"} or {@code "region":"…"}. */
    public String raise(String title, String category, String area) {
        Answer raised = write.post(user, "/api/issues", "{\"title\":\"" + title + "\",\"category\":\"" + category + "\","
                + area + ",\"origin\":\"PRACTITIONER_REPORT\",\"description\":\"相談支援の現場からの報告\"}");
        assertThat(raised.status()).as(raised.text()).isEqualTo(201);
        return raised.field("issueId");
    }

    public Answer act(String issueId, String action, String body) {
        Answer answer = write.post(user, "/api/issues/" + issueId + "/" + action, body);
        assertThat(answer.status()).as(action + ": " + answer.text()).isEqualTo(200);
        return answer;
    }
}
