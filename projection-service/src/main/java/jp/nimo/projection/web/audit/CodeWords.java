package jp.nimo.projection.web.audit;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * The page's words for a code from an open set (an access-log action, an actor's role): the code itself
 * when no words exist yet, so that a new code shows as it is rather than as a missing message.
 */
@Component
public class CodeWords {

    private final MessageSource messages;

    public CodeWords(MessageSource messages) {
        this.messages = messages;
    }

    public String of(String prefix, String code) {
        if (code == null || code.isBlank()) {
            return "";
        }
        return messages.getMessage(prefix + code, null, code, LocaleContextHolder.getLocale());
    }
}
