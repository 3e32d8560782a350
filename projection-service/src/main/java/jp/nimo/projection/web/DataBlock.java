package jp.nimo.projection.web;

import tools.jackson.databind.json.JsonMapper;

/**
 * JSON for a page's data block ({@code <script type="application/json">}): data the pages' script reads
 * and never runs. {@code </} is escaped, so that no value, however it was typed, can end the element.
 */
public final class DataBlock {

    private DataBlock() {
    }

    public static String json(JsonMapper json, Object value) {
        return json.writeValueAsString(value).replace("</", "<\\/");
    }
}
