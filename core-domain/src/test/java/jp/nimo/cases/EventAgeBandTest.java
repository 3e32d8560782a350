package jp.nimo.cases;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.YearMonth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventAgeBandTest {

    @Test
    void thePersonTurnsAYearOlderOnTheFirstOfTheirBirthMonth() {
        YearMonth born = YearMonth.of(1959, 6);
        assertThat(EventAgeBand.at(born, LocalDate.parse("2024-05-31")).value()).isEqualTo("60-64");
        assertThat(EventAgeBand.at(born, LocalDate.parse("2024-06-01")).value()).isEqualTo("65-69");
        assertThat(EventAgeBand.at(born, LocalDate.parse("2024-06-01")).sixtyFiveOrOver()).isTrue();
        assertThat(EventAgeBand.at(born, LocalDate.parse("2024-05-31")).sixtyFiveOrOver()).isFalse();
    }

    @Test
    void tenYearBandsElsewhereAndNinetyAndOver() {
        assertThat(EventAgeBand.at(YearMonth.of(1980, 1), LocalDate.parse("2024-04-01")).value()).isEqualTo("40-49");
        assertThat(EventAgeBand.at(YearMonth.of(1950, 3), LocalDate.parse("2024-04-01")).value()).isEqualTo("70-79");
        assertThat(EventAgeBand.at(YearMonth.of(1920, 3), LocalDate.parse("2024-04-01")).value()).isEqualTo("90+");
        assertThat(EventAgeBand.at(YearMonth.of(2024, 3), LocalDate.parse("2024-04-01")).value()).isEqualTo("0-9");
        assertThat(EventAgeBand.at(YearMonth.of(1990, 1), LocalDate.parse("1985-04-01")).value()).isEqualTo("0-9");
    }

    @Test
    void onlyTheListedBandsAreBands() {
        assertThatThrownBy(() -> new EventAgeBand("60-69")).isInstanceOf(IllegalArgumentException.class);
    }
}
