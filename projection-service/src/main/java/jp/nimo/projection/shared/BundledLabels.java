package jp.nimo.projection.shared;

import jp.nimo.reference.Label;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import java.util.Locale;

/**
 * Labels the read side's answers carry that are not reference data, in Japanese and English, from the
 * message bundles: an answer keeps its Japanese {@code label} (and {@code labelEn}) whatever the caller's locale.
 */
@Component
public class BundledLabels {

    private final MessageSource messages;

    public BundledLabels(MessageSource messages) {
        this.messages = messages;
    }

    public Label label(String key) {
        return new Label(japanese(key), messages.getMessage(key, null, Locale.ENGLISH));
    }

    public String japanese(String key) {
        return messages.getMessage(key, null, Locale.JAPANESE);
    }

    /** The Japanese label of {@code key}, or {@code fallback} where the bundles have none. */
    public String japanese(String key, String fallback) {
        return messages.getMessage(key, null, fallback, Locale.JAPANESE);
    }
}
