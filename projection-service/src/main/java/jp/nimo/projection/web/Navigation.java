package jp.nimo.projection.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import jp.nimo.infra.security.NimoUser;
import jp.nimo.infra.security.Role;

/**
 * The pages a person's roles open, in the order they would use them: nobody is shown a link that the
 * API would refuse them. The pages themselves check again, as the API does.
 */
public final class Navigation {

    /** One link: where it goes, its message key, the roles that see it. */
    public record Item(String href, String key, Set<Role> roles) {
        public boolean current(String path) {
            return path.equals(href) || (!href.equals("/") && path.startsWith(href + "/"));
        }
    }

    private static final Set<Role> ISSUE_READERS = Set.of(Role.SECRETARIAT, Role.COUNCIL_MEMBER, Role.OBSERVER,
            Role.ANALYST, Role.AUDITOR);

    static final List<Item> ITEMS = List.of(
            new Item("/cases", "nav.cases", Set.of(Role.SUPPORT_WORKER)),
            new Item("/board", "nav.board", ISSUE_READERS),
            new Item("/councils", "nav.councils", ISSUE_READERS),
            new Item("/issues/new", "nav.raise", Set.of(Role.SECRETARIAT)),
            new Item("/indicators", "nav.indicators", Set.of(Role.ANALYST)),
            new Item("/analytics/what-if", "nav.whatIf", Set.of(Role.ANALYST)),
            new Item("/analytics/evaluation", "nav.evaluation", Set.of(Role.ANALYST)),
            new Item("/audit/timeline", "nav.auditTimeline", Set.of(Role.AUDITOR)),
            new Item("/audit/integrity", "nav.integrity", Set.of(Role.AUDITOR)),
            new Item("/audit/access-log", "nav.accessLog", Set.of(Role.AUDITOR)),
            new Item("/admin/projections", "nav.projections", Set.of(Role.ADMIN)),
            new Item("/admin/dead-letters", "nav.deadLetters", Set.of(Role.ADMIN)),
            new Item("/admin/rules", "nav.rules", Set.of(Role.ADMIN)));

    private Navigation() {
    }

    public static List<Item> of(NimoUser user) {
        List<Item> items = new ArrayList<>();
        if (user == null) {
            return items;
        }
        for (Item item : ITEMS) {
            if (item.roles().stream().anyMatch(user::hasRole)) {
                items.add(item);
            }
        }
        return items;
    }

    /** Where a person lands after logging in: the first page their roles open. */
    public static String home(NimoUser user) {
        List<Item> items = of(user);
        return items.isEmpty() ? "/account" : items.get(0).href();
    }
}
