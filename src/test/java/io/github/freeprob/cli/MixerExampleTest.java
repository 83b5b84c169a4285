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
 * {@code freeprob example mixer --quick}: every picture and CSV is written and decodes, the table has one row per
 * (activation, mixer), the closed-form m₂ of the linear laws (9 tensor, 5 free), and for linear steps the plain mixer
 * passes against the tensor law and the dense MLP and the permuted mixer against the free one. (That the plain mixer
 * fails against the free law needs more eigenvalues than the quick run draws: SampledMixersTest and the default run.)
 */
class MixerExampleTest {

    @Test
    @Timeout(120)
    void quickRunWritesPicturesAndTable(@TempDir Path dir) throws IOException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine line = Freeprob.commandLine();
        line.setOut(new PrintWriter(out));
        line.setErr(new PrintWriter(err));
        int status = line.execute("example", "mixer", "--quick", "--out", dir.toString());
        assertThat(status).as("exit status; stderr:%n%s", err).isZero();
        assertThat(out.toString()).contains("wrote").contains(dir.toAbsolutePath().toString());
        for (String name : List.of("mixer-linear", "mixer-relu", "effective-width")) {
            BufferedImage image = ImageIO.read(dir.resolve(name + ".png").toFile());
            assertThat(image).as(name + ".png decodes").isNotNull();
            assertThat(image.getWidth()).isGreaterThan(500);
            assertThat(Files.readAllLines(dir.resolve(name + ".csv")).size()).as(name + ".csv rows").isGreaterThan(4);
        }
        List<String> table = Files.readAllLines(dir.resolve("table.csv"));
        assertThat(table).hasSize(1 + 2 * 3);
        List<String> header = List.of(table.get(0).split(","));
        int freePassed = header.indexOf("passed_free");
        int tensorPassed = header.indexOf("passed_tensor");
        int freeM2 = header.indexOf("free_m2");
        int tensorM2 = header.indexOf("tensor_m2");
        for (String row : table.subList(1, table.size())) {
            String[] cells = row.split(",", -1);
            if (!cells[0].equals("linear")) {
                continue;
            }
            assertThat(Double.parseDouble(cells[freeM2])).isEqualTo(5.0, org.assertj.core.api.Assertions.within(1e-9));
            assertThat(Double.parseDouble(cells[tensorM2])).isEqualTo(9.0, org.assertj.core.api.Assertions.within(1e-9));
            boolean plain = cells[1].equals("plain");
            assertThat(Boolean.parseBoolean(cells[plain ? tensorPassed : freePassed])).as(row).isTrue();
        }
    }
}
