package jp.nimo.projection.web;

import jakarta.servlet.http.HttpServletResponse;
import jp.nimo.cases.CaseNotVisible;
import jp.nimo.infra.web.NotFoundException;
import jp.nimo.validation.InvalidInputException;
import jp.nimo.validation.NotPermitted;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * A page that cannot be shown says so in words, in the page's frame, with the API's statuses: a case
 * another organisation holds reads exactly like one that does not exist (404), as in the API.
 */
@ControllerAdvice(basePackageClasses = PageErrors.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class PageErrors {

    private final PageModel frame;

    public PageErrors(PageModel frame) {
        this.frame = frame;
    }

    @ExceptionHandler({NotFoundException.class, CaseNotVisible.class})
    public String notFound(Model model, HttpServletResponse response) {
        return page(model, response, HttpStatus.NOT_FOUND, "error.notFound");
    }

    @ExceptionHandler({NotPermitted.class, AccessDeniedException.class})
    public String forbidden(Model model, HttpServletResponse response) {
        return page(model, response, HttpStatus.FORBIDDEN, "error.forbidden");
    }

    @ExceptionHandler({InvalidInputException.class, MethodArgumentTypeMismatchException.class})
    public String badRequest(Model model, HttpServletResponse response) {
        return page(model, response, HttpStatus.BAD_REQUEST, "error.badRequest");
    }

    private String page(Model model, HttpServletResponse response, HttpStatus status, String message) {
        response.setStatus(status.value());
        response.setHeader("Cache-Control", "no-store");
        // an exception handler's model starts empty: the frame is filled here
        jakarta.servlet.http.HttpServletRequest request = ((org.springframework.web.context.request.ServletRequestAttributes)
                org.springframework.web.context.request.RequestContextHolder.currentRequestAttributes()).getRequest();
        jp.nimo.infra.security.NimoUser user = currentUser();
        model.addAttribute("me", user);
        model.addAttribute("nav", Navigation.of(user));
        model.addAttribute("path", request.getRequestURI());
        model.addAttribute("lang", frame.lang());
        model.addAttribute("otherLanguage", frame.otherLanguage(request));
        model.addAttribute("fmt", frame.fmt());
        model.addAttribute("scriptMessages", frame.scriptMessages());
        model.addAttribute("status", status.value());
        model.addAttribute("message", message);
        return "error-page";
    }

    private static jp.nimo.infra.security.NimoUser currentUser() {
        var authentication = org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof jp.nimo.infra.security.NimoUser user ? user : null;
    }
}
