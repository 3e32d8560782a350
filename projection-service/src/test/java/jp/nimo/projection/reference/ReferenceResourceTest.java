package jp.nimo.projection.reference;

import com.fasterxml.jackson.databind.JsonNode;
import jp.nimo.infra.test.Http;
import jp.nimo.infra.test.NimoServiceTest;
import jp.nimo.infra.test.TestUsers;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.List;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

@NimoServiceTest
class ReferenceResourceTest {

    @LocalServerPort
    int port;

    private JsonNode get(String path) {
        Http.Answer answer = new Http(port).get(TestUsers.OBSERVER, path);
        assertThat(answer.status()).isEqualTo(200);
        return answer.json();
    }

    @Test
    void theEventKindCatalogueDescribesEveryFieldAFormNeeds() {
        JsonNode catalogue = get("/api/reference/event-kinds");
        assertThat(catalogue.get("version").asInt()).isEqualTo(3);
        JsonNode rental = StreamSupport.stream(catalogue.get("kinds").spliterator(), false)
                .filter(k -> k.get("kind").asText().equals("RentalRefused")).findFirst().orElseThrow();
        assertThat(rental.get("label").asText()).isEqualTo("入居を断られた");
        assertThat(rental.get("labelEn").asText()).isEqualTo("Rental refused");
        JsonNode reason = rental.get("fields").get(0);
        assertThat(reason.get("name").asText()).isEqualTo("reason");
        assertThat(reason.get("type").asText()).isEqualTo("ENUM");
        assertThat(reason.get("required").asBoolean()).isTrue();
        assertThat(reason.get("values").findValuesAsText("code")).containsExactly("PREJUDICE", "INCOME", "UNKNOWN");
        assertThat(rental.get("fields").findValuesAsText("name")).contains("note");
        assertThat(reason.has("formerName")).isFalse();
        JsonNode delay = StreamSupport.stream(catalogue.get("kinds").spliterator(), false)
                .filter(k -> k.get("kind").asText().equals("DischargeDelayed")).findFirst().orElseThrow();
        JsonNode reasons = delay.get("fields").get(0);
        assertThat(reasons.get("name").asText()).isEqualTo("reasons");
        assertThat(reasons.get("type").asText()).isEqualTo("ENUM_LIST");
        assertThat(reasons.get("formerName").asText()).isEqualTo("reason");
        assertThat(catalogue.get("envelope").findValuesAsText("name")).containsExactly("kind", "occurredOn");
        // the envelope's names come from the bundles, in both languages
        assertThat(catalogue.get("envelope").findValuesAsText("label")).containsExactly("種別", "発生日");
        assertThat(catalogue.get("envelope").findValuesAsText("labelEn")).containsExactly("Kind", "Occurred on");
        assertThat(catalogue.get("kinds").size()).isEqualTo(67);
        assertThat(catalogue.get("groups").findValuesAsText("code")).contains("SERVICES");
    }

    @Test
    void areasAndCategoriesCarryCodesAndBothLabels() {
        JsonNode municipalities = get("/api/reference/municipalities").get("items");
        assertThat(municipalities.size()).isEqualTo(62);
        JsonNode meguro = StreamSupport.stream(municipalities.spliterator(), false)
                .filter(m -> m.get("code").asText().equals("13110")).findFirst().orElseThrow();
        assertThat(meguro.get("label").asText()).isEqualTo("目黒区");
        assertThat(meguro.get("region").asText()).isEqualTo("13-ku-seinambu");
        assertThat(get("/api/reference/regions").get("items").size()).isEqualTo(13);
        JsonNode categories = get("/api/reference/categories").get("items");
        assertThat(categories.findValuesAsText("code")).contains("C04", "C07", "X2", "C99");
    }

    @Test
    void councilsOrganisationsAndIndicatorsAreListed() {
        JsonNode councils = get("/api/reference/councils").get("items");
        assertThat(councils.size()).isEqualTo(76);
        JsonNode seinambu = StreamSupport.stream(councils.spliterator(), false)
                .filter(c -> c.get("id").asText().equals("council-13-ku-seinambu")).findFirst().orElseThrow();
        assertThat(seinambu.get("level").asText()).isEqualTo("REGION");
        assertThat(seinambu.get("municipalities").size()).isEqualTo(3);
        assertThat(seinambu.get("secretariat").asText()).isEqualTo("setagaya-support-office");
        assertThat(councils.findValuesAsText("id")).contains("council-13110", "council-13");
        JsonNode organisations = get("/api/reference/organisations").get("items");
        assertThat(organisations.findValuesAsText("code")).contains("setagaya-support-office");
        JsonNode office = StreamSupport.stream(organisations.spliterator(), false)
                .filter(o -> o.get("code").asText().equals("setagaya-support-office")).findFirst().orElseThrow();
        assertThat(office.has("label") && office.has("labelEn") && office.has("type")).isTrue();
        assertThat(seinambu.get("code").asText()).isEqualTo("council-13-ku-seinambu");
        assertThat(get("/api/reference/indicators").get("items").findValuesAsText("code"))
                .contains("POST_DISCHARGE_SUPPORT_STARTED", "RENTAL_REFUSALS");
    }

    @Test
    void referenceDataNeedsCredentials() {
        assertThat(new Http(port).get(null, "/api/reference/event-kinds").status()).isEqualTo(401);
    }

    @Test
    void thePlanIndicatorsSayHowTheyAreComputedAndWhereTheyDifferFromThePublishedFigure() {
        JsonNode items = get("/api/reference/indicators").get("items");
        for (String code : List.of("READMISSION_WITHIN_90_DAYS_RATE", "READMISSION_WITHIN_180_DAYS_RATE",
                "READMISSION_WITHIN_365_DAYS_RATE", "COMMUNITY_LIVING_DAYS_AFTER_DISCHARGE", "ARTICLE_34_TRANSPORTS",
                "LONG_STAY_INPATIENTS_UNDER_65", "LONG_STAY_INPATIENTS_65_AND_OVER", "LONG_STAY_INPATIENTS_AGE_UNKNOWN",
                "COMMUNITY_TRANSITION_SUPPORT_GRANTS", "COMMUNITY_SETTLEMENT_SUPPORT_USERS", "GROUP_HOME_USERS",
                "INDEPENDENT_LIVING_ASSISTANCE_USERS")) {
            JsonNode indicator = StreamSupport.stream(items.spliterator(), false)
                    .filter(i -> i.get("code").asText().equals(code)).findFirst().orElseThrow();
            assertThat(indicator.get("source").asText()).as(code).isEqualTo("PROJECTION");
            JsonNode definition = indicator.get("definition");
            assertThat(definition.get("numerator").asText()).as(code).isNotBlank();
            assertThat(definition.get("businessDate").asText()).as(code).isNotBlank();
            assertThat(definition.get("differsFromPublished").asText()).as(code).contains("only the cases recorded in Nimo");
        }
        JsonNode unknown = StreamSupport.stream(items.spliterator(), false)
                .filter(i -> i.get("code").asText().equals("LONG_STAY_INPATIENTS_AGE_UNKNOWN")).findFirst().orElseThrow();
        assertThat(unknown.get("definition").get("numerator").asText()).contains("age unknown");
    }
}
