package jp.nimo.projection.web.admin;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** The operator's names of the read side's processors; one without a name yet shows as its id. */
@Component
public class ProcessorNames {

    private final MessageSource messages;

    public ProcessorNames(MessageSource messages) {
        this.messages = messages;
    }

    public Map<String, String> of(Collection<String> processors) {
        Map<String, String> names = new LinkedHashMap<>();
        for (String processor : processors) {
            names.put(processor, messages.getMessage("admin.projection." + processor, null, processor,
                    LocaleContextHolder.getLocale()));
        }
        return names;
    }
}
