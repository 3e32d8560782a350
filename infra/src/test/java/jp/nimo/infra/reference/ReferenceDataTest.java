package jp.nimo.infra.reference;

import jp.nimo.cases.CaseFacts;
import jp.nimo.cases.CaseId;
import jp.nimo.reference.Area;
import jp.nimo.reference.AreaLevel;
import jp.nimo.reference.Areas;
import jp.nimo.reference.Categories;
import jp.nimo.reference.Council;
import jp.nimo.reference.Councils;
import jp.nimo.reference.EnumValue;
import jp.nimo.reference.EventKind;
import jp.nimo.reference.EventKindCatalogue;
import jp.nimo.reference.EventKindGroup;
import jp.nimo.reference.FieldSpec;
import jp.nimo.reference.FieldType;
import jp.nimo.reference.FiscalYear;
import jp.nimo.reference.Indicators;
import jp.nimo.reference.Label;
import jp.nimo.reference.MunicipalityCode;
import jp.nimo.reference.Organisations;
import jp.nimo.reference.RegionCode;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReferenceDataTest {

    @Test
    void tokyoHasSixtyTwoMunicipalitiesInThirteenRegions() {
        Areas areas = Areas.load();
        assertThat(areas.municipalities()).hasSize(62);
        assertThat(areas.regions()).hasSize(13);
        assertThat(areas.regionOf(MunicipalityCode.of("13110"))).isEqualTo(RegionCode.of("13-ku-seinambu"));
        assertThat(areas.region(RegionCode.of("13-ku-seinambu")).orElseThrow().municipalities())
                .containsExactly(MunicipalityCode.of("13110"), MunicipalityCode.of("13112"), MunicipalityCode.of("13113"));
        assertThat(areas.municipality(MunicipalityCode.of("13201")).orElseThrow().label())
                .isEqualTo(new Label("八王子市", "Hachioji City"));
        assertThat(areas.prefectures()).containsOnlyKeys("13");
    }

    @Test
    void everyMunicipalityAndRegionHasAnEnglishName() {
        Areas areas = Areas.load();
        assertThat(areas.municipalities()).allSatisfy(m -> assertThat(m.label().en()).isNotEqualTo(m.label().ja()));
        assertThat(areas.regions()).allSatisfy(r -> assertThat(r.label().en()).isNotEqualTo(r.label().ja()));
    }

    @Test
    void theCatalogueHoldsTheKindsTheCaseRulesNameAndEveryKindOfTheDesign() {
        EventKindCatalogue catalogue = ReferenceJson.eventKinds();
        assertThat(catalogue.version()).isEqualTo(3);
        CaseFacts.KINDS.forEach(kind -> assertThat(catalogue.contains(kind)).as(kind).isTrue());
        assertThat(catalogue.kinds()).extracting(EventKind::kind).contains(
                "ConsultationReceived", "IntakeAssessmentCompleted", "SupportPlanCreated", "CaseConferenceHeld",
                "CaseClosed", "PersonRelocated", "HiddenHouseholdMemberIdentified", "OutreachVisitConducted",
                "UntreatedPersonIdentified", "TreatmentInterruptionDetected", "LinkedToTreatment", "SupportRefused",
                "PoliceReportReceived", "Admitted", "EmergencyAdmissionSearchFailed",
                "EmergencyDepartmentReleasedWithoutPsychCare", "LongStayInpatientListed",
                "InpatientVisitedByCommunitySupporter", "CommunityTransitionSupportApplied", "DischargeDelayed",
                "Discharged", "PostDischargeSupportStarted", "Readmitted", "HousingSearchStarted", "RentalRefused",
                "HousingSecured", "FamilySupportProvided", "PeerSupportContact", "NeighbourComplaintReceived",
                "ConsentGranted", "ConsentWithdrawn");
        // catalogue 3: the rest of the design's kinds (domain brief, section 2)
        assertThat(catalogue.kinds()).extracting(EventKind::kind).contains(
                "SupportEligibilityDecided", "SupportPlanRevised", "CaseMonitoringRecorded", "OutreachReferralMade",
                "AccompaniedToClinic", "AccompaniedToAdmission", "TreatmentResumed", "TreatmentModalityChanged",
                "InvoluntaryAdmissionExamination", "TransportedUnderArticle34", "SelfHarmIncidentReported",
                "EmergencyServiceCalled", "SupporterCalledOut", "CrisisPlanCreated", "CrisisPlanUpdated",
                "AdmissionConferenceHeld", "VisitConsentRequested", "TransitionInfoSessionAttended",
                "CommunityExchangeMeetingAttended", "FacilityTourOrTrialStay", "CommunityTransitionSupportGranted",
                "PreDischargeHomeVisit", "DischargeConferenceHeld", "PostDischargeFollowUpContact",
                "LifeSupportSheetIssued", "FamilySituationChanged", "CommunityMeetingForNeighbours",
                "VolunteerSupportSession", "WelfareServiceApplied", "WelfareServiceStarted", "PublicAssistanceApplied",
                "CareInsuranceServiceStarted", "EmploymentSupportReferred", "EmploymentStarted", "SelfHelpGroupReferred");
        assertThat(catalogue.kinds()).hasSize(67);
        assertThat(catalogue.groups()).extracting(EventKindGroup::code).contains("SERVICES");
    }

    @Test
    void theNewKindsDeclareTheirServicesAndConsents() {
        EventKindCatalogue catalogue = ReferenceJson.eventKinds();
        assertThat(codes(catalogue, "WelfareServiceStarted", "serviceType")).contains(
                "COMMUNITY_SETTLEMENT_SUPPORT", "GROUP_HOME", "INDEPENDENT_LIVING_ASSISTANCE");
        assertThat(catalogue.kind("CommunityExchangeMeetingAttended").orElseThrow()
                .consentsNeeded(Map.of("activities", List.of("MEAL")))).containsExactly("GROUP_ACTIVITY");
        assertThat(catalogue.kind("LifeSupportSheetIssued").orElseThrow()
                .consentsNeeded(Map.of("sharedWith", "LANDLORD"))).containsExactly("LANDLORD_SHARING");
        assertThat(catalogue.kind("LifeSupportSheetIssued").orElseThrow()
                .consentsNeeded(Map.of("sharedWith", "SUPPORTERS"))).isEmpty();
        assertThat(catalogue.kind("VolunteerSupportSession").orElseThrow()
                .consentsNeeded(Map.of("setting", "INPATIENT"))).containsExactly("VISIT");
        assertThat(catalogue.kind("VolunteerSupportSession").orElseThrow()
                .consentsNeeded(Map.of("setting", "IN_COMMUNITY"))).isEmpty();
        // a long-stay inpatient's admission may lie further back than the backdating limit; others may not
        assertThat(catalogue.kind("Admitted").orElseThrow().backdatingUnbounded(Map.of("longStay", true))).isTrue();
        assertThat(catalogue.kind("Admitted").orElseThrow().backdatingUnbounded(Map.of("longStay", false))).isFalse();
        assertThat(catalogue.kind("Admitted").orElseThrow().backdatingUnbounded(Map.of())).isFalse();
        assertThat(catalogue.kind("LongStayInpatientListed").orElseThrow().backdatingUnbounded(Map.of())).isTrue();
        assertThat(catalogue.kinds()).filteredOn(k -> k.unboundedBackdating() != null).extracting(EventKind::kind)
                .containsExactlyInAnyOrder("Admitted", "LongStayInpatientListed");
    }

    @Test
    void theDesignsEnumsAreDeclared() {
        EventKindCatalogue catalogue = ReferenceJson.eventKinds();
        assertThat(codes(catalogue, "Admitted", "admissionType"))
                .containsExactly("VOLUNTARY", "MEDICAL_PROTECTION", "INVOLUNTARY", "EMERGENCY_INVOLUNTARY");
        assertThat(codes(catalogue, "RentalRefused", "reason")).containsExactly("PREJUDICE", "INCOME", "UNKNOWN");
        assertThat(codes(catalogue, "ConsentGranted", "purpose")).containsExactly(
                "VISIT", "GROUP_ACTIVITY", "MEDICAL_NETWORK", "LANDLORD_SHARING", "INTER_AGENCY_REFERRAL");
        assertThat(codes(catalogue, "DischargeDelayed", "reasons")).contains("HOUSING_NOT_FOUND");
        assertThat(catalogue.kind("DischargeDelayed").orElseThrow().field("reasons").orElseThrow().formerName())
                .isEqualTo("reason");
        assertThat(catalogue.kind("FamilySupportProvided").orElseThrow().field("unmetNeed")).isPresent();
    }

    @Test
    void everyKindFieldAndValueHasJapaneseAndEnglishLabelsAndOnlyFreeTextIsPersonal() {
        EventKindCatalogue catalogue = ReferenceJson.eventKinds();
        assertThat(catalogue.kinds()).allSatisfy(kind -> {
            assertThat(kind.label().ja()).isNotBlank();
            assertThat(kind.label().en()).isNotBlank();
            assertThat(catalogue.groups()).extracting(EventKindGroup::code).contains(kind.group());
            assertThat(kind.fields()).allSatisfy(field -> {
                assertThat(field.label().ja()).as(kind.kind() + "." + field.name()).isNotBlank();
                assertThat(field.personal()).as(kind.kind() + "." + field.name()).isEqualTo(field.type() == FieldType.TEXT);
                field.values().forEach(v -> assertThat(v.label().ja()).as(v.code()).isNotBlank());
            });
        });
        assertThat(catalogue.commonFields()).extracting(FieldSpec::name).containsExactly("note");
    }

    @Test
    void theCategoriesAreTheFourteenMenuItemsAndTheExtras() {
        Categories categories = ReferenceJson.categories();
        assertThat(categories.all()).hasSize(21);
        assertThat(categories.category("C04").orElseThrow().label().ja()).isEqualTo("住まいの確保");
        assertThat(categories.all()).filteredOn(c -> c.source().equals("MENU")).hasSize(14);
    }

    @Test
    void everyTokyoMunicipalityAndRegionAndTokyoItselfHasACouncil() {
        Councils councils = ReferenceJson.councils();
        Areas areas = Areas.load();
        Organisations organisations = ReferenceJson.organisations();
        assertThat(councils.all()).hasSize(62 + 13 + 1);
        areas.municipalities().forEach(m -> assertThat(councils.council("council-" + m.code().value()))
                .as(m.code().value()).hasValueSatisfying(c -> assertThat(c.level()).isEqualTo(AreaLevel.MUNICIPALITY)));
        areas.regions().forEach(r -> assertThat(councils.council("council-" + r.code().value()))
                .as(r.code().value()).hasValueSatisfying(c -> assertThat(c.level()).isEqualTo(AreaLevel.REGION)));
        Council seinambu = councils.council("council-13-ku-seinambu").orElseThrow();
        assertThat(seinambu.covers(Area.municipality("13110"))).isTrue();
        assertThat(seinambu.covers(Area.region("13-ku-seinambu"))).isTrue();
        assertThat(seinambu.covers(Area.municipality("13201"))).isFalse();
        assertThat(seinambu.secretariat()).isEqualTo("setagaya-support-office");
        assertThat(organisations.organisation("setagaya-support-office").orElseThrow().type())
                .isEqualTo("CONSULTATION_SUPPORT_OFFICE");
        Council tokyo = councils.council("council-13").orElseThrow();
        assertThat(tokyo.covers(Area.prefecture("13"))).isTrue();
        assertThat(tokyo.covers(Area.municipality("13421"))).isTrue();
        assertThat(councils.council("council-13110").orElseThrow().covers(Area.region("13-ku-seinambu"))).isFalse();
        councils.all().forEach(c -> assertThat(organisations.organisation(c.secretariat())).as(c.id()).isPresent());
    }

    @Test
    void indicatorsHaveAUnitADirectionAndASource() {
        Indicators indicators = ReferenceJson.indicators();
        assertThat(indicators.indicator("POST_DISCHARGE_SUPPORT_STARTED")).hasValueSatisfying(i -> {
            assertThat(i.unit()).isEqualTo("cases");
            assertThat(i.direction()).isEqualTo("INCREASE");
            assertThat(i.source()).isEqualTo("PROJECTION");
        });
        assertThat(indicators.all()).allSatisfy(i -> {
            assertThat(i.direction()).isIn("INCREASE", "DECREASE", "MONITOR");
            assertThat(i.source()).isIn("PROJECTION", "MEETINGS", "MANUAL");
            assertThat(i.label().ja()).isNotBlank();
        });
    }

    @Test
    void fiscalYearsRunFromAprilToMarch() {
        assertThat(FiscalYear.containing(LocalDate.parse("2024-04-01"))).isEqualTo(FiscalYear.of(2024));
        assertThat(FiscalYear.containing(LocalDate.parse("2025-03-31"))).isEqualTo(FiscalYear.of(2024));
        assertThat(FiscalYear.containing(LocalDate.parse("2024-03-31"))).isEqualTo(FiscalYear.of(2023));
        assertThat(FiscalYear.of(2021).lastDay()).isEqualTo(LocalDate.parse("2022-03-31"));
    }

    @Test
    void fiscalYearsAreNamedInTheJapaneseCalendarByTheEraOfTheirFirstMay() {
        assertThat(FiscalYear.of(2024).label()).isEqualTo("令和6年度");
        assertThat(FiscalYear.of(2019).label()).isEqualTo("令和元年度");
        assertThat(FiscalYear.of(2018).label()).isEqualTo("平成30年度");
        assertThat(FiscalYear.label(1989)).isEqualTo("平成元年度");
        assertThat(FiscalYear.label(1988)).isEqualTo("昭和63年度");
        assertThat(FiscalYear.label(1926)).isEqualTo("大正15年度");
    }

    @Test
    void valueObjectsRefuseMalformedCodes() {
        assertThatThrownBy(() -> MunicipalityCode.of("1311")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RegionCode.of("seinambu")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FiscalYear.of(24)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> jp.nimo.cases.CaseId.of("MG-001")).isInstanceOf(IllegalArgumentException.class);
    }

    private static java.util.List<String> codes(EventKindCatalogue catalogue, String kind, String field) {
        return catalogue.kind(kind).orElseThrow().field(field).orElseThrow().values().stream().map(EnumValue::code).toList();
    }
}
