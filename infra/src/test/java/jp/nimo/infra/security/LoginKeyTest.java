package jp.nimo.infra.security;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What a failed login counts against. */
class LoginKeyTest {

    @Test
    void aUserNameCountsAsTyped() {
        assertThat(LoginKey.name("worker-meguro")).isEqualTo(new LoginKey(LoginKey.Kind.NAME, "worker-meguro"));
        assertThat(LoginKey.name("Worker-Meguro")).isNotEqualTo(LoginKey.name("worker-meguro"));
    }

    @Test
    void anOverlongUserNameCountsByItsHashSoThatItFitsTheTable() {
        String longName = "目黒".repeat(150);
        LoginKey key = LoginKey.name(longName);
        assertThat(key.value()).startsWith("sha256:").hasSize(7 + 64);
        assertThat(LoginKey.name(longName)).isEqualTo(key);
        assertThat(LoginKey.name(longName + "x")).isNotEqualTo(key);
    }

    @Test
    void anIpv4AddressCountsOnItsOwn() {
        assertThat(LoginKey.address("203.0.113.7").value()).isEqualTo("203.0.113.7");
        assertThat(LoginKey.address("203.0.113.8")).isNotEqualTo(LoginKey.address("203.0.113.7"));
    }

    @Test
    void theAddressesOfOneIpv6SubscriberCountTogether() {
        LoginKey one = LoginKey.address("2001:db8:1:2:aaaa:bbbb:cccc:dddd");
        assertThat(one.value()).isEqualTo("2001:db8:1:2:0:0:0:0/64");
        assertThat(LoginKey.address("2001:db8:1:2::1")).isEqualTo(one);
        assertThat(LoginKey.address("[2001:db8:1:2::ffff]")).isEqualTo(one);
        assertThat(LoginKey.address("2001:db8:1:3::1")).isNotEqualTo(one);
    }

    @Test
    void anIpv4AddressWrittenAsIpv6CountsAsTheIpv4Address() {
        assertThat(LoginKey.address("::ffff:203.0.113.7")).isEqualTo(LoginKey.address("203.0.113.7"));
    }

    @Test
    void somethingThatIsNoAddressCountsAsGiven() {
        assertThat(LoginKey.address("not:an:address:zz").value()).isEqualTo("not:an:address:zz");
        assertThat(LoginKey.address(null).value()).isEqualTo("unknown");
    }
}
