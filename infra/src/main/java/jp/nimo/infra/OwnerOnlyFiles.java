package jp.nimo.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Secrets kept under the data directory (the master key, demo passwords): written once, readable by
 * their owner only. Both services may start at once, so creation is guarded by a file lock and each
 * file appears whole or not at all.
 */
public final class OwnerOnlyFiles {

    /** What to write when the file is missing; may write further owner-only files of its own. */
    @FunctionalInterface
    public interface Creation {
        void create(Path file) throws IOException;
    }

    private OwnerOnlyFiles() {
    }

    /** Runs {@code creation} under a lock if {@code file} does not exist yet, and returns the file. */
    public static Path createOnce(Path file, Creation creation) {
        Path directory = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(directory);
            try (FileChannel lockFile = FileChannel.open(directory.resolve("." + file.getFileName() + ".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = lockFile.lock()) {
                if (!Files.exists(file)) {
                    creation.create(file);
                }
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("could not create " + file, e);
        }
    }

    /** Writes the content to a temporary owner-only file and moves it into place in one step. */
    public static void write(Path file, String content) throws IOException {
        Path temporary = Files.createTempFile(file.toAbsolutePath().getParent(), ".nimo", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(temporary, content, StandardCharsets.UTF_8);
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
    }
}
