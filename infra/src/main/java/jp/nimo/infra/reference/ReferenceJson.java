package jp.nimo.infra.reference;

import com.fasterxml.jackson.databind.ObjectMapper;
import jp.nimo.detection.Signals;
import jp.nimo.reference.Categories;
import jp.nimo.reference.Councils;
import jp.nimo.reference.EventKindCatalogue;
import jp.nimo.reference.Indicators;
import jp.nimo.reference.Organisations;
import jp.nimo.reference.ReferenceTree;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Reads the reference JSON files shipped under {@code reference/} and hands their parsed values to the
 * domain's reference types: the file format stays here, the meaning of the members stays in the domain.
 */
public final class ReferenceJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ReferenceJson() {
    }

    public static EventKindCatalogue eventKinds() {
        return EventKindCatalogue.from(tree(EventKindCatalogue.FILE));
    }

    public static Categories categories() {
        return Categories.from(tree(Categories.FILE));
    }

    public static Councils councils() {
        return Councils.from(tree(Councils.FILE));
    }

    public static Indicators indicators() {
        return Indicators.from(tree(Indicators.FILE));
    }

    public static Organisations organisations() {
        return Organisations.from(tree(Organisations.FILE));
    }

    public static Signals signals() {
        return Signals.from(tree(Signals.FILE));
    }

    /** One file under {@code reference/} as plain maps, lists and values. */
    public static ReferenceTree tree(String file) {
        try (InputStream in = ReferenceJson.class.getClassLoader().getResourceAsStream("reference/" + file)) {
            if (in == null) {
                throw new IllegalStateException("reference file missing from the build: reference/" + file);
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> root = JSON.readValue(in, Map.class);
            return ReferenceTree.of(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
