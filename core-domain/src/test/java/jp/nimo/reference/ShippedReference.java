package jp.nimo.reference;

import com.fasterxml.jackson.databind.ObjectMapper;
import jp.nimo.detection.Signals;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/** The shipped reference files, parsed for the domain's tests as infra parses them for the services. */
public final class ShippedReference {

    private ShippedReference() {
    }

    public static EventKindCatalogue eventKinds() {
        return EventKindCatalogue.from(tree(EventKindCatalogue.FILE));
    }

    public static Councils councils() {
        return Councils.from(tree(Councils.FILE));
    }

    public static Signals signals() {
        return Signals.from(tree(Signals.FILE));
    }

    @SuppressWarnings("unchecked")
    private static ReferenceTree tree(String file) {
        try (InputStream in = ShippedReference.class.getClassLoader().getResourceAsStream("reference/" + file)) {
            return ReferenceTree.of(new ObjectMapper().readValue(in, Map.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
