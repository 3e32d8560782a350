package jp.nimo.projection.web.analytics;

import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * A page form's controls written as the JSON body the API takes, so that the API's own request parser
 * reads it and refuses it field by field exactly as it would refuse the API's caller. Empty controls are
 * left out (the parser says "required"); whole numbers become numbers, anything else stays text for the
 * parser to refuse.
 */
final class QuestionBody {

    private final ObjectNode node;

    private QuestionBody(ObjectNode node) {
        this.node = node;
    }

    static QuestionBody object() {
        return new QuestionBody(JsonNodeFactory.instance.objectNode());
    }

    QuestionBody text(String field, String value) {
        if (value != null && !value.isBlank()) {
            node.put(field, value.trim());
        }
        return this;
    }

    QuestionBody integer(String field, String value) {
        if (value != null && !value.isBlank()) {
            String text = value.trim();
            if (text.matches("-?\\d{1,9}")) {
                node.put(field, Integer.parseInt(text));
            } else {
                node.put(field, text);
            }
        }
        return this;
    }

    QuestionBody texts(String field, List<String> values) {
        if (values != null && !values.isEmpty()) {
            var array = node.putArray(field);
            values.stream().filter(v -> v != null && !v.isBlank()).map(String::trim).forEach(array::add);
        }
        return this;
    }

    QuestionBody object(String field, QuestionBody inner) {
        node.set(field, inner.node);
        return this;
    }

    ObjectNode node() {
        return node;
    }
}
