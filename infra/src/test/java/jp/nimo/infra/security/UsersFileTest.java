package jp.nimo.infra.security;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UsersFileTest {

    private static Map<String, NimoUser> parse(String yaml) {
        return UsersFile.parse(new Yaml().load(yaml), "users.yaml");
    }

    @Test
    void aUserHasRolesAnOrganisationAndAScope() {
        NimoUser worker = parse("""
                users:
                  - username: mg-worker
                    password: "{bcrypt}$2a$10$abc"
                    roles: [SUPPORT_WORKER]
                    organisation: meguro-health-centre
                    profession: PUBLIC_HEALTH_NURSE
                    municipalities: ["13110"]
                """).get("mg-worker");
        assertThat(worker.roles()).containsExactly(Role.SUPPORT_WORKER);
        assertThat(worker.organisation()).isEqualTo("meguro-health-centre");
        assertThat(worker.municipalities()).containsExactly("13110");
        assertThat(worker.getAuthorities()).extracting(Object::toString).containsExactly("ROLE_SUPPORT_WORKER");
        assertThat(worker.toString()).doesNotContain("bcrypt");
    }

    @Test
    void mistakesInTheFileAreNamed() {
        assertThatThrownBy(() -> parse("users:\n  - {username: a, password: \"{noop}x\", roles: [WIZARD]}"))
                .hasMessageContaining("unknown role WIZARD");
        assertThatThrownBy(() -> parse("users:\n  - {username: a, password: \"{noop}x\", roles: []}"))
                .hasMessageContaining("has no role");
        assertThatThrownBy(() -> parse("users:\n  - {username: a, password: \"plain\", roles: [ADMIN]}"))
                .hasMessageContaining("must name its encoding");
        assertThatThrownBy(() -> parse("users:\n  - {username: a, password: \"{noop}x\", roles: [SUPPORT_WORKER]}"))
                .hasMessageContaining("needs an organisation");
        assertThatThrownBy(() -> parse("users:\n  - {username: a, password: \"{noop}x\", roles: [ADMIN]}\n"
                + "  - {username: a, password: \"{noop}y\", roles: [ADMIN]}")).hasMessageContaining("appears twice");
        assertThatThrownBy(() -> parse("people: []")).hasMessageContaining("'users' list");
    }
}
