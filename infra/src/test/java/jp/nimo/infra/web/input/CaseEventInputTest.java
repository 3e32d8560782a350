package jp.nimo.infra.web.input;

import jp.nimo.infra.reference.ReferenceJson;
import jp.nimo.cases.CaseEventData;
import jp.nimo.cases.RecordingWindow;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import jp.nimo.reference.Areas;
import jp.nimo.reference.EventKindCatalogue;
import jp.nimo.validation.FieldError;
import jp.nimo.validation.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class CaseEventInputTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RecordingWindow JUNE_3 = new RecordingWindow(LocalDate.parse("2024-06-03"), Period.ofYears(10));
    private final CaseEventInput input = new CaseEventInput(ReferenceJson.eventKinds(), Areas.load());

    private CaseEventData read(String json) throws Exception {
        return input.read(JSON.readTree(json), JUNE_3);
    }

    private List<FieldError> errorsOf(String json) throws Exception {
        JsonNode body = JSON.readTree(json);
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> input.read(body, JUNE_3));
        assertThat(e).as("expected %s to be refused", json).isNotNull();
        return e.errors();
    }

    @Test
    void aRentalRefusalKeepsItsReasonAndSetsTheNoteApart() throws Exception {
        CaseEventData data = read("""
                {"kind":"RentalRefused","occurredOn":"2024-05-01","reason":"PREJUDICE","note":"不動産業者に断られた"}""");
        assertThat(data.kind()).isEqualTo("RentalRefused");
        assertThat(data.occurredOn()).isEqualTo(LocalDate.parse("2024-05-01"));
        assertThat(data.fields()).isEqualTo(Map.of("reason", "PREJUDICE"));
        assertThat(data.personal()).isEqualTo(Map.of("note", "不動産業者に断られた"));
        assertThat(data.catalogueVersion()).isEqualTo(3);
    }

    @Test
    void aDischargeDelayHasOneOrMoreReasons() throws Exception {
        CaseEventData data = read("""
                {"kind":"DischargeDelayed","occurredOn":"2024-05-01","reasons":["HOUSING_NOT_FOUND","FAMILY_OPPOSITION"]}""");
        assertThat(data.fields()).isEqualTo(Map.of("reasons", List.of("HOUSING_NOT_FOUND", "FAMILY_OPPOSITION")));
        assertThat(errorsOf("""
                {"kind":"DischargeDelayed","occurredOn":"2024-05-01","reasons":[]}"""))
                .extracting(FieldError::field).containsExactly("reasons");
    }

    @Test
    void theFormerSingleReasonOfADischargeDelayIsStillReadAsAListOfOne() throws Exception {
        CaseEventData data = read("""
                {"kind":"DischargeDelayed","occurredOn":"2024-05-01","reason":"HOUSING_NOT_FOUND"}""");
        assertThat(data.fields()).isEqualTo(Map.of("reasons", List.of("HOUSING_NOT_FOUND")));
        assertThat(errorsOf("""
                {"kind":"DischargeDelayed","occurredOn":"2024-05-01","reason":"NO_SUCH_REASON"}"""))
                .extracting(FieldError::field).containsExactly("reason");
        assertThat(errorsOf("""
                {"kind":"DischargeDelayed","occurredOn":"2024-05-01","reason":"OTHER","reasons":["OTHER"]}"""))
                .extracting(FieldError::field).containsExactly("reason");
        assertThat(errorsOf("""
                {"kind":"DischargeDelayed","occurredOn":"2024-05-01"}"""))
                .extracting(FieldError::field).containsExactly("reasons");
    }

    @Test
    void listsIntegersBooleansAndDatesAreRead() throws Exception {
        CaseEventData data = read("""
                {"kind":"OutreachVisitConducted","occurredOn":"2024-05-01",
                 "visitorProfessions":["PUBLIC_HEALTH_NURSE","PSYCHIATRIC_SOCIAL_WORKER"],"contactMade":true}""");
        assertThat(data.fields()).containsEntry("visitorProfessions", List.of("PUBLIC_HEALTH_NURSE", "PSYCHIATRIC_SOCIAL_WORKER"))
                .containsEntry("contactMade", true);
        CaseEventData search = read("""
                {"kind":"EmergencyAdmissionSearchFailed","occurredOn":"2024-05-01","hospitalsContacted":7}""");
        assertThat(search.fields()).containsEntry("hospitalsContacted", 7);
        CaseEventData interruption = read("""
                {"kind":"TreatmentInterruptionDetected","occurredOn":"2024-05-01","suspectedCause":"ACCESS","sinceOn":"2024-01-15"}""");
        assertThat(interruption.fields()).containsEntry("sinceOn", "2024-01-15");
    }

    @Test
    void anUnknownKindIsNamed() throws Exception {
        assertThat(errorsOf("{\"kind\":\"RentRefused\",\"occurredOn\":\"2024-05-01\"}"))
                .extracting(FieldError::field).containsExactly("kind");
    }

    @Test
    void aMissingKindIsNamed() throws Exception {
        assertThat(errorsOf("{\"occurredOn\":\"2024-05-01\"}")).extracting(FieldError::field).containsExactly("kind");
    }

    @Test
    void aMissingRequiredFieldIsNamed() throws Exception {
        assertThat(errorsOf("{\"kind\":\"RentalRefused\",\"occurredOn\":\"2024-05-01\"}"))
                .extracting(FieldError::field).containsExactly("reason");
    }

    @Test
    void anUnknownFieldIsNamed() throws Exception {
        assertThat(errorsOf("{\"kind\":\"RentalRefused\",\"occurredOn\":\"2024-05-01\",\"reason\":\"INCOME\",\"landlord\":\"X\"}"))
                .extracting(FieldError::field).containsExactly("landlord");
    }

    @Test
    void aBadEnumValueIsNamedWithTheAllowedValues() throws Exception {
        List<FieldError> errors = errorsOf("{\"kind\":\"RentalRefused\",\"occurredOn\":\"2024-05-01\",\"reason\":\"RUDE\"}");
        assertThat(errors).extracting(FieldError::field).containsExactly("reason");
        assertThat(errors.get(0).message()).contains("PREJUDICE", "INCOME", "UNKNOWN");
    }

    @Test
    void aBadValueInAListIsNamed() throws Exception {
        assertThat(errorsOf("""
                {"kind":"OutreachVisitConducted","occurredOn":"2024-05-01","visitorProfessions":["WIZARD"],"contactMade":true}"""))
                .extracting(FieldError::field).containsExactly("visitorProfessions");
    }

    @Test
    void aMalformedDateIsNamed() throws Exception {
        assertThat(errorsOf("{\"kind\":\"RentalRefused\",\"occurredOn\":\"2024-13-01\",\"reason\":\"INCOME\"}"))
                .extracting(FieldError::field).containsExactly("occurredOn");
        assertThat(errorsOf("{\"kind\":\"RentalRefused\",\"occurredOn\":\"01/05/2024\",\"reason\":\"INCOME\"}"))
                .extracting(FieldError::field).containsExactly("occurredOn");
    }

    @Test
    void aFutureDateIsNamed() throws Exception {
        assertThat(errorsOf("{\"kind\":\"RentalRefused\",\"occurredOn\":\"2024-06-04\",\"reason\":\"INCOME\"}"))
                .extracting(FieldError::field).containsExactly("occurredOn");
    }

    @Test
    void historyUpToTheBackdatingLimitIsAcceptedAndOlderIsNot() throws Exception {
        assertThat(read("{\"kind\":\"RentalRefused\",\"occurredOn\":\"2014-06-03\",\"reason\":\"INCOME\"}").occurredOn())
                .isEqualTo(LocalDate.parse("2014-06-03"));
        assertThat(errorsOf("{\"kind\":\"RentalRefused\",\"occurredOn\":\"2014-06-02\",\"reason\":\"INCOME\"}"))
                .extracting(FieldError::field).containsExactly("occurredOn");
    }

    @Test
    void wrongTypesAreNamed() throws Exception {
        assertThat(errorsOf("""
                {"kind":"EmergencyAdmissionSearchFailed","occurredOn":"2024-05-01","hospitalsContacted":"seven"}"""))
                .extracting(FieldError::field).containsExactly("hospitalsContacted");
        assertThat(errorsOf("""
                {"kind":"EmergencyAdmissionSearchFailed","occurredOn":"2024-05-01","hospitalsContacted":0}"""))
                .extracting(FieldError::field).containsExactly("hospitalsContacted");
        assertThat(errorsOf("""
                {"kind":"OutreachVisitConducted","occurredOn":"2024-05-01","visitorProfessions":["NURSE"],"contactMade":"yes"}"""))
                .extracting(FieldError::field).containsExactly("contactMade");
        assertThat(errorsOf("""
                {"kind":"PersonRelocated","occurredOn":"2024-05-01","toMunicipality":"99999"}"""))
                .extracting(FieldError::field).containsExactly("toMunicipality");
    }

    @Test
    void everyProblemIsReportedAtOnce() throws Exception {
        assertThat(errorsOf("{\"kind\":\"RentalRefused\",\"occurredOn\":\"tomorrow\",\"colour\":\"red\"}"))
                .extracting(FieldError::field).containsExactlyInAnyOrder("occurredOn", "colour", "reason");
    }

    @Test
    void aBodyThatIsNotAnObjectIsRefused() throws Exception {
        assertThat(errorsOf("[1,2]")).extracting(FieldError::field).containsExactly("body");
    }

    @Test
    void theBackdatingLimitCountsFromTheDayOfRecordingAndBindsOrdinaryKinds() throws Exception {
        assertThat(read("""
                {"kind":"Admitted","occurredOn":"2014-06-03","admissionType":"VOLUNTARY"}""").occurredOn())
                .isEqualTo(LocalDate.parse("2014-06-03"));
        assertThat(errorsOf("""
                {"kind":"Admitted","occurredOn":"2014-06-02","admissionType":"VOLUNTARY"}"""))
                .extracting(FieldError::field).containsExactly("occurredOn");
        assertThat(errorsOf("""
                {"kind":"Admitted","occurredOn":"1985-06-01","admissionType":"VOLUNTARY","longStay":false}"""))
                .extracting(FieldError::field).containsExactly("occurredOn");
    }

    @Test
    void aLongStayInpatientsAdmissionAndListingMayLieDecadesBack() throws Exception {
        CaseEventData admission = read("""
                {"kind":"Admitted","occurredOn":"1985-06-01","admissionType":"MEDICAL_PROTECTION","longStay":true}""");
        assertThat(admission.occurredOn()).isEqualTo(LocalDate.parse("1985-06-01"));
        assertThat(admission.fields()).containsEntry("longStay", true);
        assertThat(read("""
                {"kind":"LongStayInpatientListed","occurredOn":"1999-04-01","lengthOfStayBand":"TEN_YEARS_OR_MORE","listedWithConsent":true}""")
                .occurredOn()).isEqualTo(LocalDate.parse("1999-04-01"));
        // still not in the future, nor before 1900
        assertThat(errorsOf("""
                {"kind":"Admitted","occurredOn":"1899-12-31","admissionType":"VOLUNTARY","longStay":true}"""))
                .extracting(FieldError::field).containsExactly("occurredOn");
        assertThat(errorsOf("""
                {"kind":"LongStayInpatientListed","occurredOn":"2024-06-04","lengthOfStayBand":"TEN_YEARS_OR_MORE","listedWithConsent":true}"""))
                .extracting(FieldError::field).containsExactly("occurredOn");
    }
}
