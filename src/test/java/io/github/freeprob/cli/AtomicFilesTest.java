package io.github.freeprob.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files written whole or not at all, with the permissions any new file in their directory gets. */
class AtomicFilesTest {

    /** The result is readable as a plain new file would be (a temporary file is created owner-only by the JDK). */
    @Test
    void aWrittenFileHasTheDefaultPermissions(@TempDir Path directory) throws IOException {
        assumeTrue(Files.getFileAttributeView(directory, PosixFileAttributeView.class) != null, "POSIX file system");
        Path plain = Files.createFile(directory.resolve("plain"));
        Path written = directory.resolve("written.json");
        AtomicFiles.writeString(written, "{}\n");
        assertThat(Files.readString(written)).isEqualTo("{}\n");
        assertThat(Files.getPosixFilePermissions(written)).isEqualTo(Files.getPosixFilePermissions(plain));
    }

    /** A writer that fails leaves the old target as it was and no temporary file behind. */
    @Test
    void aFailedWriteLeavesTheTargetAndNoTemporaryFile(@TempDir Path directory) throws IOException {
        Path target = directory.resolve("out.csv");
        Files.writeString(target, "old");
        assertThatThrownBy(() -> AtomicFiles.write(target, temporary -> {
            Files.writeString(temporary, "half");
            throw new IOException("disk full");
        })).isInstanceOf(UncheckedIOException.class).hasMessageContaining("could not write").hasMessageContaining(
                "disk full");
        assertThat(Files.readString(target)).isEqualTo("old");
        try (var files = Files.list(directory)) {
            assertThat(files).containsExactly(target);
        }
    }
}
