package jp.nimo.projection.web;

import io.swagger.v3.oas.annotations.Hidden;
import jp.nimo.infra.security.AccessTokens;
import jp.nimo.infra.security.NimoUser;
import org.springframework.ui.Model;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** {@code /} opens the first page a person's role uses (the caseload for a worker, the board for a secretariat); {@code /account} is theirs. */
@Controller
@Hidden
public class HomePage {

    private final AccessTokens tokens;

    public HomePage(AccessTokens tokens) {
        this.tokens = tokens;
    }

    @GetMapping("/")
    public String home(@AuthenticationPrincipal NimoUser user) {
        return "redirect:" + Navigation.home(user);
    }

    /**
     * Who is logged in, and their personal access tokens for programs: listed from the shared token table
     * (never their secrets); made and revoked through the write side like every change.
     */
    @GetMapping("/account")
    public String account(@AuthenticationPrincipal NimoUser user, Model model) {
        model.addAttribute("tokens", user == null ? java.util.List.of() : tokens.of(user.username()));
        model.addAttribute("defaultExpiry", java.time.LocalDate.now(Formats.JAPAN).plusDays(90));
        return "account";
    }
}
