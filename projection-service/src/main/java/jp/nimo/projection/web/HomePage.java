package jp.nimo.projection.web;

import io.swagger.v3.oas.annotations.Hidden;
import jp.nimo.infra.security.NimoUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** {@code /} opens the first page a person's role uses: the caseload for a worker, the board for a secretariat. */
@Controller
@Hidden
public class HomePage {

    @GetMapping("/")
    public String home(@AuthenticationPrincipal NimoUser user) {
        return "redirect:" + Navigation.home(user);
    }

    /** Who is logged in and what they may do: the page for a role that has no other. */
    @GetMapping("/account")
    public String account() {
        return "account";
    }
}
