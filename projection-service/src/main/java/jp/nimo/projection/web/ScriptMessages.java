package jp.nimo.projection.web;

import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The words the pages' script shows (its {@code js.*} messages) in the page's language, as a JSON block
 * that the layout embeds ({@code <script type="application/json">}, data, never run): the labels stay in
 * the message bundles, not in the script.
 */
@Component("scriptMessages")
public class ScriptMessages {

    private final JsonMapper json;
    private final Map<String, String> byLanguage = new ConcurrentHashMap<>();

    public ScriptMessages(JsonMapper json) {
        this.json = json;
    }

    public String json() {
        Locale locale = Formats.english() ? Locale.ENGLISH : Locale.JAPANESE;
        return byLanguage.computeIfAbsent(locale.getLanguage(), language -> {
            ResourceBundle bundle = ResourceBundle.getBundle("messages/common", locale,
                    ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
            Map<String, String> messages = new TreeMap<>();
            for (String key : bundle.keySet()) {
                if (key.startsWith("js.")) {
                    messages.put(key.substring(3), bundle.getString(key));
                }
            }
            return DataBlock.json(json, messages);
        });
    }
}
