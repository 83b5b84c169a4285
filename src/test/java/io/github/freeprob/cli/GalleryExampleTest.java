package io.github.freeprob.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code freeprob example gallery --quick}: every picture and CSV is written and the PNGs decode; each pair's
 * prediction agrees with its sampled matrix within {@code FiniteSizeRule.ENSEMBLE} at N (the rule of
 * {@code validate}); R_{a⊞b} = R_a + R_b and S_{a⊠b} = S_a S_b hold to rounding; the transform route's G agrees with
 * the subordination route's on the drawn line; and the transforms drawn match their closed forms.
 */
class GalleryExampleTest {

    /** One row of a picture's CSV: panel,"series",x,value. */
    private static final Pattern CSV_ROW = Pattern.compile("^([^,]*),\"([^\"]*)\",([^,]*),(.*)$");

    @Test
    @Timeout(90)
    void quickRunAgreesWithSamplesAndTransformsAreAdditive(@TempDir Path dir) throws IOException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine line = Freeprob.commandLine();
        line.setOut(new PrintWriter(out));
        line.setErr(new PrintWriter(err));
        int status = line.execute("example", "gallery", "--quick", "--out", dir.toString());
        assertThat(status).as("exit status; stderr:%n%s", err).isZero();
        assertThat(out.toString()).contains("wrote").contains(dir.toAbsolutePath().toString())
                .contains("semicircle(1) ⊞ mp(0.5)").contains("mp(0.5) ⊠ mp(2)");

        List<String> names = List.of("semicircle-plus-mp", "atoms-plus-semicircle", "mp-times-mp", "mp-times-atoms");
        for (String name : names) {
            BufferedImage image = ImageIO.read(dir.resolve(name + ".png").toFile());
            assertThat(image).as(name + ".png decodes").isNotNull();
            assertThat(image.getWidth()).as(name + ".png: two columns of panels").isGreaterThan(1500);
        }

        List<String> table = Files.readAllLines(dir.resolve("table.csv"));
        assertThat(table).hasSize(1 + names.size());
        List<String> header = List.of(table.get(0).split(","));
        for (String row : table.subList(1, table.size())) {
            String[] cells = splitCsv(row);
            String pair = cells[0];
            assertThat(names).contains(pair);
            assertThat(cells[header.indexOf("width")]).isEqualTo("200");
            // the prediction against one sampled N = 200 matrix, under FiniteSizeRule.ENSEMBLE at N: the same verdict
            // validate gives (the rule's constants are margins over measured distances, docs/validation.md)
            assertThat(cells[header.indexOf("passed")]).as("%s: breaches %s", pair,
                    cells[header.indexOf("breaches")]).isEqualTo("true");
            double levy = value(cells, header, "levy");
            assertThat(levy).as(pair).isPositive().isLessThanOrEqualTo(value(cells, header, "levy_threshold"));
            // R_{a⊞b} (or S_{a⊠b}) comes from the result's G by the subordination route, which uses no R or S, and
            // R_a + R_b (S_a S_b) from the inputs; every inverse is solved to a relative 1e-14 and the values are at
            // most about 12 (S of mp(2) near the end of its domain), so a relative residual above 1e-11 would be a
            // wrong branch or a broken route, not rounding. Measured: at most 3e-14.
            assertThat(value(cells, header, "transform_relative_residual")).as(pair).isLessThan(1e-11);
            // G of the result on z = x + iε by the transform route and by subordination: two routes, each solved to
            // about 1e-14; measured at most 7e-16
            assertThat(value(cells, header, "line_residual")).as(pair).isLessThan(1e-12);
            int failures = (int) value(cells, header, "line_failures");
            int points = (int) value(cells, header, "line_points");
            assertThat(points).isEqualTo((GalleryExample.LINE_POINTS + GalleryExample.TRANSFORM_ROUTE_STRIDE - 1)
                    / GalleryExample.TRANSFORM_ROUTE_STRIDE);
            // the only line point the transform route may lose is x = 0 of atoms ⊞ semicircle: the vertical line there
            // passes z = i/2, where G_{a⊞b} = −i/2 is a branch point of R_a(w) = (√(1 + 4w²) − 1)/(2w)
            assertThat(failures).as(pair).isLessThanOrEqualTo(pair.equals("atoms-plus-semicircle") ? 1 : 0);
            assertThat(cells[header.indexOf("transform_density_failure")]).as("skipped with --quick").isEmpty();
            assertThat(value(cells, header, "w_low")).as(pair).isNegative();
            assertThat(value(cells, header, "w_high")).as(pair).isPositive();
        }

        // closed forms: semicircle(v) has the one free cumulant κ₂ = v, so R(w) = Σ κ_{n+1} wⁿ = v w; mp(λ) (a free
        // Poisson law of rate 1/λ and jump λ) has κ_n = λ^{n−1}, so R(w) = 1/(1 − λw); and S(w) = 1/(1 + λw) follows
        // from the identity S(w) R(w S(w)) = 1. The result's transform is computed numerically from its own G, so
        // this checks the whole pipeline against the formula, to the inverses' tolerance (1e-14 relative) with a
        // margin of 1000 for the conditioning near the ends of the domain.
        checkTransform(dir.resolve("semicircle-plus-mp.csv"), "R of the result", w -> w + 1 / (1 - 0.5 * w), 8);
        checkTransform(dir.resolve("semicircle-plus-mp.csv"), "R_b", w -> 1 / (1 - 0.5 * w), 80);
        checkTransform(dir.resolve("mp-times-mp.csv"), "S of the result",
                w -> 1 / ((1 + 0.5 * w) * (1 + 2 * w)), 8);
        checkTransform(dir.resolve("mp-times-mp.csv"), "S_b", w -> 1 / (1 + 2 * w), 80);
    }

    @Test
    void badWidthIsRejectedNamingTheOptionAndWritesNothing(@TempDir Path dir) throws IOException {
        StringWriter err = new StringWriter();
        CommandLine line = Freeprob.commandLine();
        line.setOut(new PrintWriter(new StringWriter()));
        line.setErr(new PrintWriter(err));
        Path folder = dir.resolve("gallery");
        int status = line.execute("example", "gallery", "--quick", "--width", "1", "--out", folder.toString());
        assertThat(status).isNotZero();
        assertThat(err.toString()).contains("--width must be >= 2, but was 1");
        assertThat(folder).doesNotExist();
    }

    private static void checkTransform(Path csv, String series, DoubleUnaryOperator closedForm, int expectedPoints)
            throws IOException {
        List<double[]> points = new ArrayList<>();
        for (String row : Files.readAllLines(csv)) {
            Matcher m = CSV_ROW.matcher(row);
            if (m.matches() && m.group(1).equals("transform") && m.group(2).equals(series)) {
                points.add(new double[] {Double.parseDouble(m.group(3)), Double.parseDouble(m.group(4))});
            }
        }
        assertThat(points).as(csv.getFileName() + " " + series).hasSize(expectedPoints);
        for (double[] p : points) {
            double expected = closedForm.applyAsDouble(p[0]);
            assertThat(p[1]).as("%s %s at w = %s", csv.getFileName(), series, p[0])
                    .isCloseTo(expected, within(1e-11 * Math.max(1, Math.abs(expected))));
        }
    }

    private static double value(String[] cells, List<String> header, String column) {
        return Double.parseDouble(cells[header.indexOf(column)]);
    }

    /** Splits a CSV row at commas outside double quotes. */
    private static String[] splitCsv(String row) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (char c : row.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells.toArray(new String[0]);
    }
}
