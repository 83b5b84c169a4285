package io.github.freeprob.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.freeprob.validation.FiniteSizeRule;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.hipparchus.special.Erf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code freeprob example spectral-universality --quick}: every picture and CSV is written and decodes; the table has
 * one row per (activation, weights, depth 2 and 8); the variance of JJᵀ's spectrum from the exact moment engine equals
 * Pennington, Schoenholz and Ganguli's L(μ₂/μ₁² − 1 − s₁) with μ₂/μ₁² in closed form where there is one; λ_max equals
 * the closed-form edges of the linear Gaussian and relu orthogonal products; and the sample agrees with the prediction
 * within {@code FiniteSizeRule.JACOBIAN}.
 */
class SpectralUniversalityExampleTest {

    static final List<String> ACTIVATIONS = List.of("linear", "relu", "hard_tanh", "tanh", "erf");

    @Test
    @Timeout(120)
    void quickRunMatchesClosedFormsAndSamples(@TempDir Path dir) throws IOException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine line = Freeprob.commandLine();
        line.setOut(new PrintWriter(out));
        line.setErr(new PrintWriter(err));
        int status = line.execute("example", "spectral-universality", "--quick", "--out", dir.toString());
        assertThat(status).as("exit status; stderr:%n%s", err).isZero();
        assertThat(out.toString()).contains("wrote").contains(dir.toAbsolutePath().toString());

        for (String name : List.of("variance", "lambda-max", "lambda-max-ratio", "universal-limit")) {
            BufferedImage image = ImageIO.read(dir.resolve(name + ".png").toFile());
            assertThat(image).as(name + ".png decodes").isNotNull();
            assertThat(image.getWidth()).isGreaterThan(500);
            assertThat(Files.readAllLines(dir.resolve(name + ".csv")).size()).as(name + ".csv rows").isGreaterThan(4);
        }

        doubleScaling(out.toString());

        List<String> table = Files.readAllLines(dir.resolve("table.csv"));
        List<String> header = List.of(table.get(0).split(","));
        // quick: 5 activations x 2 weight ensembles x depths 2 and 8
        assertThat(table).hasSize(1 + 5 * 2 * 2);
        int ratio = header.indexOf("mu2_over_mu1_squared");
        int variance = header.indexOf("variance");
        int closed = header.indexOf("closed_form_variance");
        int lambdaMax = header.indexOf("lambda_max");
        int levy = header.indexOf("levy");
        int breaches = header.indexOf("breaches");
        int failure = header.indexOf("failure");
        Map<String, Double> closedRatio = closedFormMomentRatios();
        for (String activation : ACTIVATIONS) {
            for (String weights : List.of("orthogonal", "gaussian")) {
                int s1 = weights.equals("orthogonal") ? 0 : -1;
                for (int depth : new int[] {2, 8}) {
                    String prefix = activation + "," + weights + "," + depth + ",";
                    String row = table.stream().filter(r -> r.startsWith(prefix)).findFirst()
                            .orElseThrow(() -> new AssertionError("no row " + prefix));
                    String[] cells = cells(row);
                    assertThat(cells[failure]).as("failure of %s", row).isEmpty();

                    double mu = Double.parseDouble(cells[ratio]);
                    if (closedRatio.containsKey(activation)) {
                        // ν moments by the library's quadrature against the closed forms: rounding-level
                        assertThat(mu).as("mu2/mu1^2 of %s", row).isCloseTo(closedRatio.get(activation),
                                within(1e-10 * mu));
                    }
                    // PSG's variance at χ = 1 against the exact engine (free power of moment sequences, 40 digits)
                    double expected = depth * (mu - 1 - s1);
                    assertThat(Double.parseDouble(cells[closed])).as(row).isCloseTo(expected, within(1e-12));
                    assertThat(Double.parseDouble(cells[variance])).as("variance of %s", row)
                            .isCloseTo(expected, within(1e-9 * Math.max(1, expected)));

                    double max = Double.parseDouble(cells[lambdaMax]);
                    if (activation.equals("linear") && weights.equals("gaussian")) {
                        // the product of L free mp(1): Fuss–Catalan edge (L + 1)^{L+1}/L^L (Penson & Życzkowski 2011)
                        assertThat(max).as(row).isCloseTo(Math.pow(depth + 1, depth + 1) / Math.pow(depth, depth),
                                within(1e-9 * max));
                    }
                    if (activation.equals("relu") && weights.equals("orthogonal")) {
                        // S of ½δ₀ + ½δ₂ is (1 + z)/(1 + 2z); min_z (1 + z)/(z S(z)^L) = L^L/(L − 1)^{L−1}, L ≥ 2
                        assertThat(max).as(row).isCloseTo(Math.pow(depth, depth) / Math.pow(depth - 1, depth - 1),
                                within(1e-9 * max));
                    }
                    if (activation.equals("linear") && weights.equals("orthogonal")) {
                        assertThat(max).as(row).isCloseTo(1, within(1e-12));
                    }

                    // the sample: every distance of FiniteSizeRule.jacobian(L) at n = 100 holds (its constants grow
                    // with depth as measured, docs/validation.md)
                    assertThat(Double.parseDouble(cells[levy])).as("Levy distance of %s", row)
                            .isLessThanOrEqualTo(FiniteSizeRule.jacobian(depth).at(100).levy());
                    assertThat(cells[breaches]).as("breaches of %s", row).isEmpty();
                }
            }
        }
    }

    /**
     * The printed double-scaling rows (orthogonal weights, q* chosen so that L(μ₂/μ₁² − 1) = 1, quick depths 4 and 16):
     * the exact engine's variance is 1; erf's q* at L = 4 is 3/8 ((1 + 4q)/√(1 + 8q) = 5/4); hard tanh's edge is
     * p^{−L} = (1 + 1/L)^L. Why: its layer factor (1/p)·((1 − p)δ₀ + pδ₁) has S(z) = (1 + z)/(1 + z/p), and
     * λ_max = min_{z&gt;0} (1 + z)/(z S(z)^L); the derivative of the logarithm of that function has the sign of
     * z(L(1 − p) − 1) − p, negative for all z &gt; 0 when L(1 − p) ≤ 1 (here L(1 − p) = p), so the minimum is the
     * z → ∞ limit p^{−L}. The limits L → ∞ are φ²e^{1/φ} (φ the golden ratio: S(z) = e^{−z}, minimum at
     * z² + z = 1) and e (S(z) = e^{−z/(1+z)}).
     */
    private static void doubleScaling(String printed) {
        Pattern row = Pattern.compile("^\\s+(erf|hard_tanh)\\s+L =\\s+(\\d+): q\\* ="
                + " ([0-9.e+-]+), .* variance \\(exact engine\\) ([0-9.e+-]+), lambda_max ([0-9.e+-]+)$");
        int rows = 0;
        for (String text : printed.split("\\R")) {
            Matcher m = row.matcher(text);
            if (!m.matches()) {
                continue;
            }
            rows++;
            int depth = Integer.parseInt(m.group(2));
            double q = Double.parseDouble(m.group(3));
            assertThat(Double.parseDouble(m.group(4))).as(text).isCloseTo(1, within(1e-9));
            if (m.group(1).equals("erf") && depth == 4) {
                assertThat(q).as(text).isCloseTo(0.375, within(1e-5));   // printed to 6 digits
            }
            if (m.group(1).equals("hard_tanh")) {
                assertThat(Double.parseDouble(m.group(5))).as(text).isCloseTo(Math.pow(1 + 1.0 / depth, depth),
                        within(1e-5));   // printed to 6 decimals
            }
        }
        assertThat(rows).as("double-scaling rows in%n%s", printed).isEqualTo(4);
        double golden = (1 + Math.sqrt(5)) / 2;
        assertThat(printed).contains(String.format(Locale.ROOT, "erf       L -> infinity: lambda_max = %.6f",
                golden * golden * Math.exp(1 / golden)));
        assertThat(printed).contains(String.format(Locale.ROOT,
                "hard_tanh L -> infinity: lambda_max = %.6f", Math.E));
    }

    /**
     * sigmoid on request: critical at q* = 64 with σ_b² ≥ 0; orthogonal rows carry the exact variance equal to
     * L(μ₂/μ₁² − 1) and say why they are not compared with the sample; the Gaussian row says it was skipped.
     */
    @Test
    @Timeout(120)
    void sigmoidRunsWithOrthogonalWeightsOnly(@TempDir Path dir) throws IOException {
        SpectralUniversalityExample.Setting sigmoid = SpectralUniversalityExample.settings(List.of("sigmoid")).get(0);
        assertThat(sigmoid.qNu()).isEqualTo(64);
        assertThat(sigmoid.sigmaB2()).isGreaterThanOrEqualTo(0);
        StringWriter err = new StringWriter();
        CommandLine line = Freeprob.commandLine();
        line.setOut(new PrintWriter(new StringWriter()));
        line.setErr(new PrintWriter(err));
        int status = line.execute("example", "spectral-universality", "--quick", "--activations", "sigmoid", "--out",
                dir.toString());
        assertThat(status).as("exit status; stderr:%n%s", err).isZero();
        List<String> table = Files.readAllLines(dir.resolve("table.csv"));
        List<String> header = List.of(table.get(0).split(","));
        assertThat(table).hasSize(1 + 2 + 1);
        assertThat(table).anyMatch(r -> r.startsWith("sigmoid,gaussian,,") && r.contains("skipped"));
        for (int depth : new int[] {2, 8}) {
            String row = table.stream().filter(r -> r.startsWith("sigmoid,orthogonal," + depth + ",")).findFirst()
                    .orElseThrow(() -> new AssertionError("no sigmoid row at depth " + depth));
            String[] cells = cells(row);
            double expected = depth * (Double.parseDouble(cells[header.indexOf("mu2_over_mu1_squared")]) - 1);
            assertThat(Double.parseDouble(cells[header.indexOf("variance")])).as(row)
                    .isCloseTo(expected, within(1e-9 * expected));
            assertThat(cells[header.indexOf("failure")]).startsWith("not compared");
        }
    }

    @Test
    void unknownActivationIsRejectedBeforeAnythingIsWritten(@TempDir Path dir) {
        assertThatThrownBy(() -> SpectralUniversalityExample.settings(List.of("relu", "softplus")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("softplus");
        assertThatThrownBy(() -> SpectralUniversalityExample.settings(List.of("relu", "relu")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("relu");
        StringWriter err = new StringWriter();
        CommandLine line = Freeprob.commandLine();
        line.setOut(new PrintWriter(new StringWriter()));
        line.setErr(new PrintWriter(err));
        Path folder = dir.resolve("su");
        int status = line.execute("example", "spectral-universality", "--activations", "softplus", "--out",
                folder.toString());
        assertThat(status).isNotZero();
        assertThat(err.toString()).contains("softplus");
        assertThat(folder).doesNotExist();
    }

    /**
     * μ₂/μ₁² of ν = law of φ′(h)², h ~ N(0, q*), in closed form: 1 (linear); 2 (relu, ν = ½δ₀ + ½δ₁); 1/p with
     * p = erf(1/√(2q*)) (hard tanh at q* = 1/4); (1 + 4q)/√(1 + 8q) for erf (φ′² = (4/π)e^{−2h²}, so
     * E[φ′^{2k}] = (4/π)^k/√(1 + 4kq)) at q* = 1/64.
     */
    private static Map<String, Double> closedFormMomentRatios() {
        Map<String, Double> ratios = new HashMap<>();
        ratios.put("linear", 1.0);
        ratios.put("relu", 2.0);
        ratios.put("hard_tanh", 1 / Erf.erf(1 / Math.sqrt(2 * 0.25)));
        double q = 1.0 / 64;
        ratios.put("erf", (1 + 4 * q) / Math.sqrt(1 + 8 * q));
        return ratios;
    }

    /** The cells of a CSV row whose last two cells are quoted (breaches, failure), quotes removed. */
    private static String[] cells(String row) {
        int quoted = row.indexOf(",\"");
        String[] plain = row.substring(0, quoted).split(",", -1);
        String rest = row.substring(quoted + 1);
        String[] tail = rest.split("\",\"", -1);
        String[] cells = new String[plain.length + 2];
        System.arraycopy(plain, 0, cells, 0, plain.length);
        cells[plain.length] = tail[0].replaceFirst("^\"", "");
        cells[plain.length + 1] = tail[1].replaceFirst("\"$", "");
        return cells;
    }
}
