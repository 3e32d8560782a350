package jp.nimo.projection.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jp.nimo.infra.web.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.databind.json.JsonMapper;

/**
 * An address that leads nowhere: a person's browser gets the not-found page in the pages' frame, a
 * program the API's problem+json, as before.
 */
@ControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class UnknownPages {

    private final PageErrors pages;
    private final JsonMapper json;

    public UnknownPages(PageErrors pages, JsonMapper json) {
        this.pages = pages;
        this.json = json;
    }

    @ExceptionHandler(NoResourceFoundException.class)
    public ModelAndView unknown(HttpServletRequest request, HttpServletResponse response, Model model) throws java.io.IOException {
        String accept = request.getHeader("Accept");
        String path = request.getRequestURI();
        boolean page = accept != null && accept.contains("text/html") && !path.startsWith("/api/")
                && !path.startsWith("/write/") && !path.startsWith("/actuator/");
        if (!page) {
            Problems.write(response, json, Problems.notFound());
            return new ModelAndView();
        }
        String view = pages.notFound(model, response);
        return new ModelAndView(view, model.asMap(), HttpStatus.NOT_FOUND);
    }
}
