package jp.nimo.infra.web.input;

import jp.nimo.cases.AgeBand;
import tools.jackson.databind.ObjectMapper;
import jp.nimo.reference.Areas;
import jp.nimo.reference.MunicipalityCode;
import jp.nimo.validation.FieldError;
import jp.nimo.validation.InvalidInputException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class NewCaseInputTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final NewCaseInput input = new NewCaseInput(Areas.load());

    private InvalidInputException refusal(String json) {
        return catchThrowableOfType(InvalidInputException.class, () -> input.read(JSON.readTree(json)));
    }

    @Test
    void aMeguroCaseIsRead() throws Exception {
        NewCaseInput.NewCase c = input.read(JSON.readTree("{\"municipality\":\"13110\",\"externalRef\":\"MG-001\",\"ageBand\":\"40-49\"}"));
        assertThat(c.municipality()).isEqualTo(MunicipalityCode.of("13110"));
        assertThat(c.externalRef()).isEqualTo("MG-001");
        assertThat(c.ageBand()).isEqualTo(AgeBand.of("40-49"));
    }

    @Test
    void theMunicipalityIsRequiredAndMustBeKnown() {
        assertThat(refusal("{}").errors()).extracting(FieldError::field).containsExactly("municipality");
        assertThat(refusal("{\"municipality\":\"27100\"}").errors()).extracting(FieldError::field).containsExactly("municipality");
        assertThat(refusal("{\"municipality\":\"Meguro\"}").errors()).extracting(FieldError::field).containsExactly("municipality");
    }

    @Test
    void badAgeBandsAndUnknownFieldsAreNamed() {
        assertThat(refusal("{\"municipality\":\"13110\",\"ageBand\":\"42\",\"birthDate\":\"1980-01-01\"}").errors())
                .extracting(FieldError::field).containsExactlyInAnyOrder("ageBand", "birthDate");
    }
}
