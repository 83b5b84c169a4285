package io.github.freeprob.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code freeprob example dynamical-isometry --quick}: every picture and CSV is written, the PNGs decode, the table
 * has one row per (activation, weights, depth), and relu's atom at 0 carries mass ½ (the atom at 0 of
 * ν = ½δ₀ + ½δ₁, at every depth: docs/networks.md).
 */
class DynamicalIsometryExampleTest {

    static final List<String> ACTIVATIONS = List.of("linear", "relu", "hard_tanh", "tanh");

    @Test
    void quickRunWritesPicturesTablesAndReluAtom(@TempDir Path dir) throws IOException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine line = Freeprob.commandLine();
        line.setOut(new PrintWriter(out));
        line.setErr(new PrintWriter(err));
        int status = line.execute("example", "dynamical-isometry", "--quick", "--out", dir.toString());
        assertThat(status).as("exit status; stderr:%n%s", err).isZero();
        assertThat(out.toString()).contains("wrote").contains(dir.toAbsolutePath().toString());

        for (String name : List.of("critical-line", "lambda-max", "singular-values-linear", "singular-values-relu",
                "singular-values-hard_tanh", "singular-values-tanh")) {
            BufferedImage image = ImageIO.read(dir.resolve(name + ".png").toFile());
            assertThat(image).as(name + ".png decodes").isNotNull();
            assertThat(image.getWidth()).isGreaterThan(500);
            assertThat(Files.readAllLines(dir.resolve(name + ".csv")).size()).as(name + ".csv rows").isGreaterThan(4);
        }

        List<String> table = Files.readAllLines(dir.resolve("table.csv"));
        assertThat(table.get(0)).startsWith("activation,weights,depth,");
        // quick: 4 activations x 2 weight ensembles x depths 2 and 8
        assertThat(table).hasSize(1 + 4 * 2 * 2);
        for (String activation : ACTIVATIONS) {
            for (String weights : List.of("orthogonal", "gaussian")) {
                for (int depth : new int[] {2, 8}) {
                    assertThat(table).as("row %s %s %d", activation, weights, depth)
                            .anyMatch(row -> row.startsWith(activation + "," + weights + "," + depth + ","));
                }
            }
        }
        int atomColumn = List.of(table.get(0).split(",")).indexOf("atom_at_zero");
        for (String row : table) {
            if (row.startsWith("relu,")) {
                assertThat(Double.parseDouble(row.split(",")[atomColumn])).as(row).isCloseTo(0.5,
                        org.assertj.core.data.Offset.offset(1e-9));
            }
        }
        assertThat(Files.readString(dir.resolve("singular-values-relu.csv"))).contains(",atom,0.0,0.5");
    }
}
