package jp.nimo.projection.councils.pack;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.awt.Font;
import java.awt.FontFormatException;
import java.io.File;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The TrueType Japanese font packs are rendered with (IPAex Gothic, from the system: Debian's
 * fonts-ipaexfont-gothic), named by {@code nimo.pack.font} ({@code NIMO_PACK_FONT}). Not shipped with
 * Nimo; a pack asked for without it fails with a message that says which file to install or name.
 */
@Component
public class PackFont {

    /** The family name the pack's style sheet asks for. */
    public static final String FAMILY = "IPAexGothic";

    private static final Logger log = LoggerFactory.getLogger(PackFont.class);

    private final File file;
    private final AtomicReference<Font> awt = new AtomicReference<>();

    public PackFont(@Value("${nimo.pack.font:/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf}") String path) {
        this.file = new File(path);
        if (!file.canRead()) {
            log.warn("meeting packs cannot be rendered: no font at {} (install fonts-ipaexfont-gothic, or set"
                    + " NIMO_PACK_FONT to a TrueType Japanese font)", file);
        }
    }

    /** The font file; fails with the reason when it cannot be read. */
    public File file() {
        if (!file.canRead()) {
            throw new PackFontMissing(file);
        }
        return file;
    }

    /** The font for the charts' text, at a size. */
    public Font awt(float size) {
        Font base = awt.updateAndGet(font -> {
            if (font != null) {
                return font;
            }
            try {
                return Font.createFont(Font.TRUETYPE_FONT, file());
            } catch (FontFormatException | IOException e) {
                throw new PackFontMissing(file, e);
            }
        });
        return base.deriveFont(size);
    }

    /** No readable TrueType font where {@code nimo.pack.font} points. */
    public static class PackFontMissing extends RuntimeException {

        PackFontMissing(File file) {
            super("the meeting pack's font is missing: no readable TrueType font at " + file
                    + "; install fonts-ipaexfont-gothic or set NIMO_PACK_FONT");
        }

        PackFontMissing(File file, Exception cause) {
            super("the meeting pack's font at " + file + " cannot be read as TrueType; set NIMO_PACK_FONT", cause);
        }
    }
}
