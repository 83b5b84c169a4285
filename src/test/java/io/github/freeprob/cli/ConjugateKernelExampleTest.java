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
 * {@code freeprob example conjugate-kernel --quick}: every picture and CSV is written, the PNGs decode, the table has
 * one row per (activation, layer) with the closed-form variance, every layer passes its comparison, and layer 2 of the
 * table (γ₂ = 2) has the rank atom ½ at 0 in its CSV.
 */
class ConjugateKernelExampleTest {

    @Test
    @Timeout(90)
    void quickRunWritesPicturesAndTable(@TempDir Path dir) throws IOException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine line = Freeprob.commandLine();
        line.setOut(new PrintWriter(out));
        line.setErr(new PrintWriter(err));
        int status = line.execute("example", "conjugate-kernel", "--quick", "--out", dir.toString());
        assertThat(status).as("exit status; stderr:%n%s", err).isZero();
        assertThat(out.toString()).contains("wrote").contains(dir.toAbsolutePath().toString());

        for (String name : List.of("layers-tanh", "layers-relu", "depth")) {
            BufferedImage image = ImageIO.read(dir.resolve(name + ".png").toFile());
            assertThat(image).as(name + ".png decodes").isNotNull();
            assertThat(image.getWidth()).isGreaterThan(1000);
            assertThat(Files.readAllLines(dir.resolve(name + ".csv")).size()).as(name + ".csv rows").isGreaterThan(10);
        }
        List<String> table = Files.readAllLines(dir.resolve("table.csv"));
        List<String> header = List.of(table.get(0).split(","));
        assertThat(table).hasSize(1 + 2 * 4);
        int gamma = header.indexOf("gamma");
        int b = header.indexOf("b_phi");
        int variance = header.indexOf("variance");
        int passed = header.indexOf("passed");
        for (String activation : List.of("tanh", "relu")) {
            double v = 0;
            for (int l = 0; l <= 3; l++) {
                String prefix = activation + "," + l + ",";
                String[] cells = table.stream().filter(r -> r.startsWith(prefix)).findFirst()
                        .orElseThrow(() -> new AssertionError("no row " + prefix)).split(",");
                double bPhi = Double.parseDouble(cells[b]);
                v = Double.parseDouble(cells[gamma]) + (l == 0 ? 0 : bPhi * bPhi * v);
                assertThat(Double.parseDouble(cells[variance])).as(prefix).isCloseTo(v, within(1e-12 * v));
                assertThat(cells[passed]).as("row %s", String.join(",", cells)).isEqualTo("true");
            }
        }
        String atom = Files.readAllLines(dir.resolve("layers-relu.csv")).stream().filter(r -> r.startsWith("2,atom,"))
                .findFirst().orElseThrow(() -> new AssertionError("no atom in layer 2"));
        assertThat(Double.parseDouble(atom.split(",")[2])).as(atom).isCloseTo(0, within(1e-10));
        assertThat(Double.parseDouble(atom.split(",")[3])).as(atom).isCloseTo(0.5, within(1e-8));
    }
}
