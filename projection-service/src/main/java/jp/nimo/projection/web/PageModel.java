package jp.nimo.projection.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import jp.nimo.infra.security.NimoUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.util.UriComponentsBuilder;

/** What every page's frame needs: who is logged in, their navigation, the language and its switch. */
@ControllerAdvice(basePackageClasses = PageModel.class)
public class PageModel {

    private final Formats formats;
    private final ScriptMessages scriptMessages;

    public PageModel(Formats formats, ScriptMessages scriptMessages) {
        this.formats = formats;
        this.scriptMessages = scriptMessages;
    }

    /** Dates, fiscal years, counts and labels in the page's language: {@code ${fmt.date(...)}}. */
    @ModelAttribute("fmt")
    public Formats fmt() {
        return formats;
    }

    /** The script's words, embedded by the layout as a JSON data block. */
    @ModelAttribute("scriptMessages")
    public String scriptMessages() {
        return scriptMessages.json();
    }

    @ModelAttribute("me")
    public NimoUser me(@AuthenticationPrincipal NimoUser user) {
        return user;
    }

    @ModelAttribute("nav")
    public List<Navigation.Item> nav(@AuthenticationPrincipal NimoUser user) {
        return Navigation.of(user);
    }

    @ModelAttribute("path")
    public String path(HttpServletRequest request) {
        return request.getRequestURI();
    }

    @ModelAttribute("lang")
    public String lang() {
        return Formats.english() ? "en" : "ja";
    }

    /** The same page in the other language: the address with {@code lang} set, the rest of the query kept. */
    @ModelAttribute("otherLanguage")
    public String otherLanguage(HttpServletRequest request) {
        String query = request.getQueryString();
        return UriComponentsBuilder.fromPath(request.getRequestURI()).query(query)
                .replaceQueryParam("lang", Formats.english() ? "ja" : "en").build(true).toUriString();
    }
}
