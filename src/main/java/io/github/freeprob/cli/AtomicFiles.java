package io.github.freeprob.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a file completely or not at all: the content goes to a temporary file in the same directory, which is then
 * moved over the target. A failure removes the temporary file and leaves the target untouched.
 */
final class AtomicFiles {

    /** Produces the content into the given temporary path. */
    @FunctionalInterface
    interface Writer {
        void write(Path temporary) throws IOException;
    }

    private AtomicFiles() {
    }

    static void write(Path target, Writer writer) {
        Path absolute = target.toAbsolutePath();
        Path directory = absolute.getParent();
        Path temporary = null;
        try {
            Files.createDirectories(directory);
            temporary = createTemporary(directory, "." + absolute.getFileName());
            writer.write(temporary);
            try {
                Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + target + ": " + e.getMessage(), e);
        } finally {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException ignored) {
                    // The temporary file is gone or cannot be removed; the target was not touched.
                }
            }
        }
    }

    /**
     * Creates an empty file of a fresh name in the directory. Unlike {@link Files#createTempFile}, which makes it
     * readable by its owner only, the file gets the default permissions (the umask's), as the target would.
     */
    private static Path createTemporary(Path directory, String prefix) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Path candidate = directory.resolve(prefix + "." + Long.toHexString(
                    ThreadLocalRandom.current().nextLong()) + ".partial");
            try {
                return Files.createFile(candidate);
            } catch (FileAlreadyExistsException e) {
                if (attempt >= 100) {
                    throw e;
                }
            }
        }
    }

    static void writeString(Path target, String content) {
        write(target, temporary -> Files.writeString(temporary, content));
    }
}
