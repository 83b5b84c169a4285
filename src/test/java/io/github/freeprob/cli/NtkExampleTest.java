package io.github.freeprob.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code freeprob example ntk --quick}: every picture and CSV is written, the PNGs decode, the table has one row per
 * (activation, depth), relu's layer-2 law is ½δ₁ + ½δ₃ (Θ₂ = q² I + 2 W D² Wᵀ with D² a projection of rank N/2), and
 * the learning-rate bound is 2/λ_max.
 */
class NtkExampleTest {

    @Test
    @Timeout(60)
    void quickRunWritesPicturesTableAndReluAtoms(@TempDir Path dir) throws IOException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine line = Freeprob.commandLine();
        line.setOut(new PrintWriter(out));
        line.setErr(new PrintWriter(err));
        long start = System.nanoTime();
        int status = line.execute("example", "ntk", "--quick", "--out", dir.toString());
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(status).as("exit status; stderr:%n%s", err).isZero();
        assertThat(seconds).as("quick run time").isLessThan(30);
        assertThat(out.toString()).contains("wrote").contains(dir.toAbsolutePath().toString())
                .contains("relu: lambda_max(Theta_l) ~").contains("tanh: lambda_max(Theta_l) ~");

        for (String name : List.of("ntk-density-relu", "ntk-density-tanh", "lambda-max", "learning-rate")) {
            BufferedImage image = ImageIO.read(dir.resolve(name + ".png").toFile());
            assertThat(image).as(name + ".png decodes").isNotNull();
            assertThat(image.getWidth()).isGreaterThan(500);
            assertThat(Files.readAllLines(dir.resolve(name + ".csv")).size()).as(name + ".csv rows").isGreaterThan(4);
        }

        List<String> table = Files.readAllLines(dir.resolve("table.csv"));
        List<String> header = List.of(table.get(0).split(","));
        assertThat(table.get(0)).startsWith("activation,weights,depth,");
        // quick: relu and tanh at depths 2 and 4
        assertThat(table).hasSize(1 + 2 * 2);
        int lambdaMax = header.indexOf("lambda_max");
        int bound = header.indexOf("learning_rate_bound");
        int atoms = header.indexOf("atoms");
        int failure = header.indexOf("failure");
        for (String activation : List.of("relu", "tanh")) {
            for (int depth : new int[] {2, 4}) {
                String row = table.stream().filter(r -> r.startsWith(activation + ",orthogonal," + depth + ","))
                        .findFirst().orElseThrow(() -> new AssertionError("no row " + activation + " " + depth));
                String[] cells = row.split(",", -1);
                assertThat(cells[failure]).as("failure of %s", row).isEmpty();
                double max = Double.parseDouble(cells[lambdaMax]);
                assertThat(Double.parseDouble(cells[bound])).as(row).isCloseTo(2 / max, within(1e-12 * (2 / max)));
                if (activation.equals("relu") && depth == 2) {
                    // ½δ₁ + ½δ₃: q² = 1, and the positive part 2·W D² Wᵀ is 2 on a half of the directions
                    assertThat(cells[atoms].split(";")).hasSize(2);
                    for (String atom : cells[atoms].split(";")) {
                        assertThat(Double.parseDouble(atom.split(":")[1])).as(atom).isCloseTo(0.5, within(1e-9));
                    }
                    assertThat(max).isCloseTo(3, within(1e-9));
                }
            }
        }
        assertThat(Files.readString(dir.resolve("ntk-density-relu.csv"))).contains("2,atom,1.0").contains("2,atom,3.0");
    }
}
