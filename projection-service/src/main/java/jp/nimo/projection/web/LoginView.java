package jp.nimo.projection.web;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The log-in form in the pages' style and language; Spring Security handles its {@code POST /login}.
 * It takes the place of the plain form that the write side shows.
 */
@Controller("loginView")
@Hidden
public class LoginView {

    @GetMapping("/login")
    public String form(@RequestParam(name = "error", required = false) String error,
                       @RequestParam(name = "logout", required = false) String logout,
                       @RequestParam(name = "expired", required = false) String expired,
                       @RequestParam(name = "wait", required = false) String wait,
                       Model model, HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store");
        long seconds = wait != null && wait.matches("[0-9]{1,6}") ? Long.parseLong(wait) : 0;
        if (error != null) {
            model.addAttribute("alert", "login.error");
        } else if (seconds > 0) {
            model.addAttribute("alert", "login.wait");
            model.addAttribute("seconds", seconds);
        } else if (logout != null) {
            model.addAttribute("status", "login.loggedOut");
        } else if (expired != null) {
            model.addAttribute("status", "login.expired");
        }
        return "login";
    }
}
