package io.github.freeprob;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package layering: a package imports only packages before it in
 * numerics → precision → measure → transform → inversion → convolution → network → sampling → validation → cli,
 * apfloat is imported only by the precision package (its gateway), and the analytic side never imports the sampled
 * side, so that sampling stays an independent check.
 */
class ArchitectureTest {

    static final List<String> LAYERS = List.of("numerics", "precision", "measure", "transform", "inversion",
            "convolution", "network", "sampling", "validation", "cli");

    private static final Pattern IMPORT = Pattern.compile("^import\\s+(static\\s+)?io\\.github\\.freeprob\\.(\\w+)",
            Pattern.MULTILINE);

    @Test
    void packagesImportOnlyEarlierLayers() throws IOException {
        Path root = Path.of("src/main/java/io/github/freeprob");
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String layer = root.relativize(file).getName(0).toString();
                int rank = LAYERS.indexOf(layer);
                assertThat(rank).as("package %s of %s is in the layer list", layer, file).isNotNegative();
                String source = Files.readString(file);
                Matcher matcher = IMPORT.matcher(source);
                while (matcher.find()) {
                    String imported = matcher.group(2);
                    int importedRank = LAYERS.indexOf(imported);
                    if (importedRank > rank) {
                        violations.add(file + " imports " + imported);
                    }
                }
                if (!layer.equals("precision") && source.contains("import org.apfloat")) {
                    violations.add(file + " imports apfloat outside the precision gateway");
                }
            }
        }
        assertThat(violations).isEmpty();
    }
}
