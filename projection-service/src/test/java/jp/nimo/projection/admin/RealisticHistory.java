package jp.nimo.projection.admin;

import jp.nimo.infra.test.Http;
import jp.nimo.infra.test.Http.Answer;

import java.util.ArrayList;
import java.util.List;

import static jp.nimo.infra.test.TestUsers.MEGURO_SECRETARIAT;
import static jp.nimo.infra.test.TestUsers.MEGURO_WORKER;
import static jp.nimo.infra.test.TestUsers.SETAGAYA_WORKER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A few months of a municipality's work, through the real write side's REST: cases in 目黒区 and
 * 世田谷区 with housing refusals (three in Meguro, enough for detection to raise a C04 candidate),
 * an involuntary admission and discharge, a closure; and Meguro's council taking issues through the
 * lifecycle: one to resolution, one dismissed and reopened, one merged, one escalated to 区西南部.
 */
public final class RealisticHistory {

    private static final String MEETING = "\"meeting\":{\"title\":\"令和6年度 第1回 目黒区協議の場\",\"heldOn\":\"2024-07-10\",\"format\":\"IN_PERSON\"}";
    private static final String WRITTEN = "\"meeting\":{\"title\":\"令和6年度 第3回 目黒区協議の場（書面開催）\",\"heldOn\":\"2025-02-20\",\"format\":\"WRITTEN\"}";

    private final Http write;
    public final List<String> cases = new ArrayList<>();
    public final List<String> issues = new ArrayList<>();

    private RealisticHistory(Http write) {
        this.write = write;
    }

    public static RealisticHistory on(Http write) {
        RealisticHistory history = new RealisticHistory(write);
        history.cases();
        history.issues();
        return history;
    }

    private void cases() {
        String first = open(MEGURO_WORKER, "{\"municipality\":\"13110\",\"externalRef\":\"MG-101\",\"ageBand\":\"40-49\"}");
        record(MEGURO_WORKER, first, "{\"kind\":\"HousingSearchStarted\",\"occurredOn\":\"2024-04-10\",\"targetType\":\"SINGLE_APARTMENT\"}");
        record(MEGURO_WORKER, first, "{\"kind\":\"RentalRefused\",\"occurredOn\":\"2024-05-01\",\"reason\":\"PREJUDICE\",\"note\":\"家主に断られた\"}");
        record(MEGURO_WORKER, first, "{\"kind\":\"HousingSecured\",\"occurredOn\":\"2024-06-20\",\"via\":\"HOUSING_SUPPORT\"}");

        String second = open(MEGURO_WORKER, "{\"municipality\":\"13110\",\"externalRef\":\"MG-102\",\"ageBand\":\"30-39\"}");
        record(MEGURO_WORKER, second, "{\"kind\":\"RentalRefused\",\"occurredOn\":\"2024-05-20\",\"reason\":\"INCOME\"}");
        record(MEGURO_WORKER, second, "{\"kind\":\"TreatmentInterruptionDetected\",\"occurredOn\":\"2024-06-01\",\"suspectedCause\":\"ACCESS\",\"note\":\"通院が途切れている\"}");

        String third = open(MEGURO_WORKER, "{\"municipality\":\"13110\",\"externalRef\":\"MG-103\",\"ageBand\":\"60-69\"}");
        record(MEGURO_WORKER, third, "{\"kind\":\"Admitted\",\"occurredOn\":\"2024-03-01\",\"admissionType\":\"INVOLUNTARY\"}");
        record(MEGURO_WORKER, third, "{\"kind\":\"Discharged\",\"occurredOn\":\"2024-04-20\",\"destination\":\"GROUP_HOME\"}");
        record(MEGURO_WORKER, third, "{\"kind\":\"RentalRefused\",\"occurredOn\":\"2024-06-10\",\"reason\":\"PREJUDICE\"}");
        record(MEGURO_WORKER, third, "{\"kind\":\"CaseClosed\",\"occurredOn\":\"2024-07-31\",\"closureReason\":\"STABLY_USING_SERVICES\"}");

        String setagaya = open(SETAGAYA_WORKER, "{\"municipality\":\"13112\",\"externalRef\":\"SG-201\",\"ageBand\":\"50-59\"}");
        record(SETAGAYA_WORKER, setagaya, "{\"kind\":\"FamilySupportProvided\",\"occurredOn\":\"2024-05-15\",\"format\":\"CONSULTATION\",\"unmetNeed\":true}");
        record(SETAGAYA_WORKER, setagaya, "{\"kind\":\"TreatmentInterruptionDetected\",\"occurredOn\":\"2024-06-05\",\"suspectedCause\":\"REFUSAL\"}");
    }

    private void issues() {
        String housing = raise("精神障害のある人の住まいの確保", "C04");
        String duplicate = raise("不動産業者に入居を断られる", "C04");
        String outreach = raise("未治療・治療中断者へのアウトリーチ", "C06");
        String aftercare = raise("措置入院者の退院後支援が途切れる", "C07");

        act(housing, "promote", "{\"councilId\":\"council-13110\",\"reason\":\"入居を断られる事例が続いている\"," + MEETING + "}");
        act(duplicate, "merge", "{\"intoIssueId\":\"" + housing + "\",\"reason\":\"同じ課題\"," + MEETING + "}");
        act(housing, "start-verification", "{" + MEETING + "}");
        act(housing, "verify", "{\"statement\":\"個別の課題ではなく地域の課題として共有\"," + MEETING + "}");
        act(housing, "plan", """
                {"targets":[{"indicator":"RENTAL_REFUSALS","fiscalYear":2024,"unit":"cases","direction":"DECREASE","baseline":12,"target":6}],
                 "roles":[{"organisation":"setagaya-realtors-association","responsibility":"物件情報の提供"}],
                 "milestones":[{"due":"2024-12-31","title":"生活サポートシートの試行"}],""" + MEETING + "}");
        act(housing, "start-implementation", "{}");
        act(housing, "record-actual", "{\"indicator\":\"RENTAL_REFUSALS\",\"fiscalYear\":2024,\"value\":8,\"source\":\"MANUAL\"}");
        act(housing, "start-evaluation", "{" + WRITTEN + "}");
        act(housing, "monitor", "{" + WRITTEN + "}");
        act(housing, "resolve", "{" + WRITTEN + "}");

        act(outreach, "dismiss", "{\"reason\":\"個別の課題として対応\"," + MEETING + "}");
        act(outreach, "reopen", "{\"reason\":\"新たな事例が報告された\"}");

        act(aftercare, "promote", "{\"councilId\":\"council-13110\"," + MEETING + "}");
        act(aftercare, "start-verification", "{}");
        String linked = act(aftercare, "escalate", "{\"toCouncilId\":\"council-13-ku-seinambu\",\"reason\":\"圏域で検討が必要\"}")
                .field("linkedIssueId");
        issues.addAll(List.of(housing, duplicate, outreach, aftercare, linked));
    }

    private String open(String worker, String body) {
        Answer opened = write.post(worker, "/api/cases", body);
        assertThat(opened.status()).as(opened.text()).isEqualTo(201);
        cases.add(opened.field("caseId"));
        return opened.field("caseId");
    }

    private void record(String worker, String caseId, String body) {
        Answer recorded = write.post(worker, "/api/cases/" + caseId + "/events", body);
        assertThat(recorded.status()).as(body + ": " + recorded.text()).isEqualTo(201);
    }

    private String raise(String title, String category) {
        Answer raised = write.post(MEGURO_SECRETARIAT, "/api/issues", "{\"title\":\"" + title + "\",\"category\":\""
                + category + "\",\"municipality\":\"13110\",\"origin\":\"PRACTITIONER_REPORT\",\"description\":\"相談支援の現場からの報告\"}");
        assertThat(raised.status()).as(raised.text()).isEqualTo(201);
        return raised.field("issueId");
    }

    private Answer act(String issueId, String action, String body) {
        Answer answer = write.post(MEGURO_SECRETARIAT, "/api/issues/" + issueId + "/" + action, body);
        assertThat(answer.status()).as(action + ": " + answer.text()).isEqualTo(200);
        return answer;
    }
}
