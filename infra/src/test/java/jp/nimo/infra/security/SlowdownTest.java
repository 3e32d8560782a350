package jp.nimo.infra.security;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The waits after failed logins: free ones first, then doubling from one second up to the cap. */
class SlowdownTest {

    @Test
    void theFreeFailuresCostNothingThenEachFurtherOneDoublesTheWaitUpToTheCap() {
        Slowdown byName = new Slowdown(5, Duration.ofSeconds(60));
        assertThat(IntStream.rangeClosed(0, 13).mapToObj(byName::waitAfter).map(Duration::toSeconds))
                .containsExactly(0L, 0L, 0L, 0L, 0L, 0L, 1L, 2L, 4L, 8L, 16L, 32L, 60L, 60L);
    }

    @Test
    void anAddressWaitsAtMostItsOwnCapHoweverLongTheAttackGoesOn() {
        Slowdown byAddress = new Slowdown(20, Duration.ofMinutes(10));
        assertThat(byAddress.waitAfter(30)).isEqualTo(Duration.ofSeconds(512));
        assertThat(byAddress.waitAfter(31)).isEqualTo(Duration.ofMinutes(10));
        assertThat(byAddress.waitAfter(Integer.MAX_VALUE)).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void withNoFreeFailuresTheFirstFailureWaitsOneSecond() {
        assertThat(new Slowdown(0, Duration.ofSeconds(1)).waitAfter(1)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void settingsThatCannotSlowAnythingDownAreRefused() {
        assertThatThrownBy(() -> new Slowdown(-1, Duration.ofSeconds(60))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Slowdown(5, Duration.ofMillis(500))).isInstanceOf(IllegalArgumentException.class);
    }
}
