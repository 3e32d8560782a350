package jp.nimo.infra.security;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the users file named by {@code NIMO_USERS_FILE}:
 * <pre>
 * users:
 *   - username: mg-worker
 *     password: "{bcrypt}$2a$10$..."
 *     roles: [SUPPORT_WORKER]
 *     organisation: meguro-health-centre
 *     profession: PUBLIC_HEALTH_NURSE
 *     municipalities: ["13110"]
 * </pre>
 */
public final class UsersFile {

    private UsersFile() {
    }

    public static Map<String, NimoUser> read(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
            return parse(root, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the users file " + file, e);
        }
    }

    static Map<String, NimoUser> parse(Object root, String source) {
        if (!(root instanceof Map<?, ?> map) || !(map.get("users") instanceof List<?> entries)) {
            throw new IllegalStateException(source + ": expected a top-level 'users' list");
        }
        Map<String, NimoUser> users = new LinkedHashMap<>();
        int index = 0;
        for (Object entry : entries) {
            index++;
            if (!(entry instanceof Map<?, ?> user)) {
                throw new IllegalStateException(source + ": user " + index + " is not a mapping");
            }
            String username = text(user, "username", source, index, true);
            String password = text(user, "password", source, index, true);
            if (!password.startsWith("{")) {
                throw new IllegalStateException(source + ": the password of " + username
                        + " must name its encoding, e.g. {bcrypt}...");
            }
            Set<Role> roles = EnumSet.noneOf(Role.class);
            for (String role : list(user, "roles")) {
                try {
                    roles.add(Role.valueOf(role));
                } catch (IllegalArgumentException e) {
                    throw new IllegalStateException(source + ": unknown role " + role + " for " + username);
                }
            }
            if (roles.isEmpty()) {
                throw new IllegalStateException(source + ": " + username + " has no role");
            }
            String organisation = text(user, "organisation", source, index, false);
            if (organisation == null && roles.contains(Role.SUPPORT_WORKER)) {
                throw new IllegalStateException(source + ": support worker " + username + " needs an organisation");
            }
            if (users.put(username, new NimoUser(username, password, roles,
                    organisation == null ? "" : organisation, text(user, "profession", source, index, false),
                    list(user, "municipalities"), list(user, "councils"))) != null) {
                throw new IllegalStateException(source + ": " + username + " appears twice");
            }
        }
        return users;
    }

    private static String text(Map<?, ?> user, String key, String source, int index, boolean required) {
        Object value = user.get(key);
        if (value == null) {
            if (required) {
                throw new IllegalStateException(source + ": user " + index + " has no " + key);
            }
            return null;
        }
        return value.toString();
    }

    private static List<String> list(Map<?, ?> user, String key) {
        Object value = user.get(key);
        List<String> items = new ArrayList<>();
        if (value instanceof List<?> list) {
            list.forEach(item -> items.add(String.valueOf(item)));
        } else if (value != null) {
            items.add(value.toString());
        }
        return items;
    }
}
