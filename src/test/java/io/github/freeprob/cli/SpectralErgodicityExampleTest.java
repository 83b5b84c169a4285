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
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code freeprob example spectral-ergodicity --quick}: the pictures and CSVs are written, the PNGs decode, every
 * ensemble's mean bin fractions are within the measured threshold of the limit law's masses, Ω falls with N, and the
 * cascade of the layer Jacobians has a positive free-probability limit while the weights' is 0.
 */
class SpectralErgodicityExampleTest {

    @Test
    @Timeout(60)
    void quickRunWritesPicturesAndItsNumbersBehave(@TempDir Path dir) throws IOException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine line = Freeprob.commandLine();
        line.setOut(new PrintWriter(out));
        line.setErr(new PrintWriter(err));
        int status = line.execute("example", "spectral-ergodicity", "--quick", "--out", dir.toString());
        assertThat(status).as("exit status; stderr:%n%s", err).isZero();
        assertThat(out.toString()).contains("wrote").contains(dir.toAbsolutePath().toString());
        for (String name : List.of("ergodicity-vs-size", "cpse-depth")) {
            BufferedImage image = ImageIO.read(dir.resolve(name + ".png").toFile());
            assertThat(image).as(name + ".png decodes").isNotNull();
            assertThat(image.getWidth()).isGreaterThan(1000);
            assertThat(Files.readAllLines(dir.resolve(name + ".csv")).size()).as(name + ".csv rows").isGreaterThan(8);
        }
        List<String> table = Files.readAllLines(dir.resolve("table.csv"));
        List<String> header = List.of(table.get(0).split(","));
        int omega = header.indexOf("omega");
        int tv = header.indexOf("tv");
        int threshold = header.indexOf("tv_threshold");
        int d = header.indexOf("d");
        int dLimit = header.indexOf("d_limit");
        int n = header.indexOf("N");
        for (String family : List.of("GOE → semicircle(1)", "Wishart → mp(0.5)", "mixed GOE (p = 0.8)")) {
            List<String[]> rows = table.stream().filter(r -> r.startsWith("size," + family + ","))
                    .map(r -> r.split(",", -1)).toList();
            assertThat(rows).as(family).hasSize(3);
            for (String[] row : rows) {
                assertThat(Double.parseDouble(row[tv])).as(String.join(",", row))
                        .isLessThan(Double.parseDouble(row[threshold]));
            }
            // Ω ∝ ln N/N²: from N = 25 to 100 it falls by 11; at least 5 with one sample per size
            assertThat(Double.parseDouble(rows.get(2)[omega]))
                    .isLessThan(Double.parseDouble(rows.get(0)[omega]) / 5);
        }
        for (String[] row : table.stream().filter(r -> r.startsWith("cpse,")).map(r -> r.split(",", -1)).toList()) {
            double cpse = Double.parseDouble(row[d]);
            double limit = Double.parseDouble(row[dLimit]);
            assertThat(cpse).as(String.join(",", row)).isFinite();
            if (row[1].equals("jacobian")) {
                assertThat(limit).as("jacobian limit cPSE at N %s", row[n]).isFinite();
            } else {
                assertThat(limit).as("weights limit cPSE").isEqualTo(Double.NEGATIVE_INFINITY);
            }
        }
    }
}
