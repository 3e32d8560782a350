package jp.nimo.projection.web.admin;

import jp.nimo.projection.web.DataBlock;
import io.swagger.v3.oas.annotations.Hidden;
import jp.nimo.infra.security.NimoUser;
import jp.nimo.infra.security.Role;
import jp.nimo.projection.web.Formats;
import jp.nimo.reference.Categories;
import jp.nimo.reference.Category;
import jp.nimo.reference.Council;
import jp.nimo.reference.Councils;
import jp.nimo.reference.Label;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.json.JsonMapper;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The detection rules live on the write side, and the read side holds no copy of them: the page is the
 * frame and the change form, and the browser reads the rules through the write proxy, where the write
 * side checks the session and the role itself. The reference data's names come with the page.
 */
@Controller
@Hidden
public class RulesPage {

    /** The rule book's word for "every council" or "every category". */
    static final String ANY = "*";

    private final Councils councils;
    private final Categories categories;
    private final MessageSource messages;
    private final JsonMapper json;

    public RulesPage(Councils councils, Categories categories, MessageSource messages, JsonMapper json) {
        this.councils = councils;
        this.categories = categories;
        this.messages = messages;
        this.json = json;
    }

    /** A choice of the form: its code and its name in the page's language. */
    public record Choice(String code, String name) {
    }

    @GetMapping("/admin/rules")
    public String page(@RequestParam(name = "changed", required = false) String changed,
                       @AuthenticationPrincipal NimoUser user, Model model) {
        // the rules themselves are refused by the write side to anyone else; the page says so at once
        if (user == null || !user.hasRole(Role.ADMIN)) {
            throw new AccessDeniedException("detection rules are for administrators");
        }
        List<Choice> councilChoices = councils.all().stream().sorted(Comparator.comparing(Council::id))
                .map(c -> new Choice(c.id(), name(c.label()))).toList();
        List<Choice> categoryChoices = categories.all().stream().sorted(Comparator.comparing(Category::code))
                .map(c -> new Choice(c.code(), c.code() + " " + name(c.label()))).toList();
        Map<String, Object> labels = new LinkedHashMap<>();
        labels.put("councils", names(councilChoices, word("admin.rules.anyCouncil")));
        labels.put("categories", names(categoryChoices, word("admin.rules.anyCategory")));
        labels.put("areaLevels", Map.of("MUNICIPALITY", word("admin.rules.level.MUNICIPALITY"),
                "REGION", word("admin.rules.level.REGION")));
        model.addAttribute("councils", councilChoices);
        model.addAttribute("categories", categoryChoices);
        model.addAttribute("labels", DataBlock.json(json, labels));
        model.addAttribute("changed", changed != null);
        return "admin/rules";
    }

    private static Map<String, String> names(List<Choice> choices, String any) {
        Map<String, String> names = new LinkedHashMap<>();
        names.put(ANY, any);
        choices.forEach(choice -> names.put(choice.code(), choice.name()));
        return names;
    }

    private String word(String key) {
        return messages.getMessage(key, null, LocaleContextHolder.getLocale());
    }

    private static String name(Label label) {
        return Formats.english() ? label.en() : label.ja();
    }
}
