package io.github.freeprob.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The {@code spectrum} command: formats, JSON fields, errors with positions, and no partial files. */
class SpectrumCommandTest {

    record Result(int status, String out, String err) {
    }

    static Result run(String... args) {
        CommandLine line = Freeprob.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        line.setOut(new PrintWriter(out));
        line.setErr(new PrintWriter(err));
        int status = line.execute(args);
        return new Result(status, out.toString(), err.toString());
    }

    @Test
    void jsonHasTheDocumentedFields() throws Exception {
        Result result = run("spectrum", "atoms(0:0.5, 1:0.5) (*) atoms(0:0.5, 1:0.5)", "--format", "json",
                "--points", "101");
        assertThat(result.status()).as(result.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(result.out());
        assertThat(json.get("atoms")).hasSize(1);
        assertThat(json.get("atoms").get(0).get("location").asDouble()).isEqualTo(0);
        assertThat(json.get("atoms").get(0).get("mass").asDouble()).isCloseTo(0.5, offset(1e-10));
        assertThat(json.get("support").get(0).get(0).asDouble()).isCloseTo(0, offset(1e-8));
        assertThat(json.get("support").get(0).get(1).asDouble()).isCloseTo(1, offset(1e-8));
        assertThat(json.get("x")).hasSize(101);
        assertThat(json.get("density")).hasSize(101);
        assertThat(json.get("cdf")).hasSize(101);
        assertThat(json.get("moments")).hasSize(8);
        // m_1 of relu ⊠ relu = 1/4 (product of means), and the CDF includes the atom at 0 (right-continuous).
        assertThat(json.get("moments").get(0).asDouble()).isCloseTo(0.25, offset(1e-14));
        double lastCdf = json.get("cdf").get(100).asDouble();
        assertThat(lastCdf).isCloseTo(1, offset(1e-10));
        assertThat(json.get("diagnostics").get("route").asText()).isEqualTo("subordination");
        assertThat(json.get("diagnostics").get("massDefect").asDouble()).isLessThan(1e-10);
    }

    @Test
    void tableAndCsv() {
        Result table = run("spectrum", "semicircle(0.5) ⊞ semicircle(1.5)", "--points", "50");
        assertThat(table.status()).isZero();
        assertThat(table.out()).contains("support    [[-2.828427124").contains("atoms      none").contains("m2=2.0");
        Result csv = run("spectrum", "mp(0.5)", "--format", "csv", "--points", "10");
        assertThat(csv.out().lines().count()).isEqualTo(11);
        assertThat(csv.out()).startsWith("x,density,cdf\n");
    }

    @Test
    void transformRouteGivesTheSameSpectrum() throws Exception {
        Result a = run("spectrum", "mp(0.5) (+) semicircle(1)", "--format", "json", "--points", "20");
        Result b = run("spectrum", "mp(0.5) (+) semicircle(1)", "--format", "json", "--points", "20", "--route",
                "transform");
        JsonNode ja = new ObjectMapper().readTree(a.out());
        JsonNode jb = new ObjectMapper().readTree(b.out());
        for (int i = 0; i < 20; i++) {
            assertThat(jb.get("density").get(i).asDouble()).isCloseTo(ja.get("density").get(i).asDouble(),
                    offset(1e-9));
        }
    }

    /**
     * {@code --threads}: the grid's density and CDF are the same to the last bit on 1 and 3 threads (600 points: three
     * blocks of 256; JSON prints doubles so that they round-trip), and a thread count below 1 is refused with the
     * option and the value.
     */
    @Test
    void threadsGiveTheSameGridValuesAndAreValidated() throws Exception {
        String expression = "semicircle(1) ⊞ mp(0.5)";
        JsonNode one = new ObjectMapper().readTree(run("spectrum", expression, "--format", "json", "--points", "600")
                .out());
        Result three = run("spectrum", expression, "--format", "json", "--points", "600", "--threads", "3");
        assertThat(three.status()).as(three.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(three.out());
        for (String field : new String[] {"x", "density", "cdf"}) {
            assertThat(NetworkSpectrumCommandTest.doubles(json.get(field))).as(field)
                    .containsExactly(NetworkSpectrumCommandTest.doubles(one.get(field)));
        }
        for (String bad : new String[] {"0", "-2"}) {
            Result refused = run("spectrum", expression, "--threads", bad);
            assertThat(refused.status()).isEqualTo(2);
            assertThat(refused.err()).contains("--threads must be >= 1, but was " + bad);
        }
        assertThat(run("spectrum", "--help").out()).contains("--threads=N");
    }

    @Test
    void malformedExpressionPointsAtTheOffendingPosition() {
        Result result = run("spectrum", "semicircle(1) ⊞ mp(2");
        assertThat(result.status()).isEqualTo(2);
        assertThat(result.err()).contains("expected ')' at position 20").contains("^");
        Result unknown = run("spectrum", "semicircle(1) (+) wigner(2)");
        assertThat(unknown.err()).contains("unknown law or function 'wigner'").contains("position 18");
    }

    @Test
    void parametersOutsideTheirDomainGiveTheRange() {
        Result result = run("spectrum", "mp(-1)");
        assertThat(result.status()).isEqualTo(2);
        assertThat(result.err()).contains("Marchenko-Pastur ratio lambda must be > 0, but was -1.0")
                .contains("mp(lambda) needs a ratio lambda > 0");
        Result masses = run("spectrum", "atoms(0:0.5, 1:0.6)");
        assertThat(masses.err()).contains("masses >= 0 summing to 1");
    }

    @Test
    void productOfTwoLawsChargingTheNegativeAxisIsRefused() {
        Result result = run("spectrum", "semicircle(1) (*) uniform(-1, 1)");
        assertThat(result.status()).isEqualTo(2);
        assertThat(result.err()).contains("free multiplicative convolution").contains("needs one factor on [0, inf)");
    }

    @Test
    void noPartialFilesOnFailure(@TempDir Path directory) throws Exception {
        Path output = directory.resolve("out.json");
        Path plot = directory.resolve("plot.png");
        Result bad = run("spectrum", "mp(0.5) (+", "--output", output.toString(), "--plot", plot.toString());
        assertThat(bad.status()).isEqualTo(2);
        Result badPlot = run("spectrum", "mp(0.5)", "--output", output.toString(), "--plot",
                directory.resolve("plot.gif").toString());
        assertThat(badPlot.status()).isEqualTo(2);
        assertThat(badPlot.err()).contains("must end in .png or .svg");
        try (var files = Files.list(directory)) {
            assertThat(files).isEmpty();
        }
        Result good = run("spectrum", "mp(0.5)", "--output", output.toString(), "--plot", plot.toString(),
                "--points", "200");
        assertThat(good.status()).isZero();
        assertThat(Files.size(output)).isPositive();
        assertThat(Files.readAllBytes(plot)).startsWith(new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        try (var files = Files.list(directory)) {
            assertThat(files).hasSize(2);
        }
    }

    /**
     * {@code --log-x} on mp(1), whose density ρ(x) = √(x(4 − x))/(2πx) reaches 0 like 1/(π√x): the grid is geometric,
     * from the 10⁻⁶ quantile Q of the law (F(x) = (2/π)√x (1 + O(x)) near 0, so Q = (π·10⁻⁶/2)² to 10⁻⁶ relative) to
     * the top edge 4, widened by 5 % of ln(4/Q) on each side; the bisection of the CDF in log x stops at 10⁻³, so the
     * ends are held to 1 %. The density on the grid is the closed form (the inversion's accuracy, 10⁻⁸ relative here).
     */
    @Test
    void logXGivesAGeometricGridFromTheLowQuantileToTheTop() throws Exception {
        Result result = run("spectrum", "mp(1)", "--log-x", "--format", "json", "--points", "200");
        assertThat(result.status()).as(result.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(result.out());
        assertThat(json.get("grid").asText()).isEqualTo("geometric");
        double[] x = NetworkSpectrumCommandTest.doubles(json.get("x"));
        double[] density = NetworkSpectrumCommandTest.doubles(json.get("density"));
        double ratio = x[1] / x[0];
        for (int i = 1; i < x.length; i++) {
            assertThat(x[i] / x[i - 1]).isCloseTo(ratio, offset(1e-12 * ratio));
        }
        double quantile = Math.pow(Math.PI * 1e-6 / 2, 2);
        double widening = Math.pow(4 / quantile, SpectrumReport.MARGIN);
        assertThat(x[0]).isCloseTo(quantile / widening, offset(0.01 * quantile / widening));
        assertThat(x[x.length - 1]).isCloseTo(4 * widening, offset(0.01 * 4 * widening));
        for (int i = 0; i < x.length; i++) {
            double exact = x[i] < 4 ? Math.sqrt(x[i] * (4 - x[i])) / (2 * Math.PI * x[i]) : 0;
            assertThat(density[i]).as("x = %s", x[i]).isCloseTo(exact, offset(1e-8 * Math.max(1, exact)));
        }
        Result uniform = run("spectrum", "mp(1)", "--format", "json", "--points", "20");
        assertThat(new ObjectMapper().readTree(uniform.out()).get("grid").asText()).isEqualTo("uniform");
    }

    /**
     * An atom at 0 is set aside: mp(2) has mass 1/2 at 0 and its density on [(1 − √2)², (1 + √2)²], so the geometric
     * grid starts just below the lower edge (the 10⁻⁶ quantile of the positive part lies within 10⁻¹² of it, and the
     * bisection stops at 10⁻³ in log x), not at the floor 10⁻³⁰⁰·top.
     */
    @Test
    void logXSetsAnAtomAtZeroAside() throws Exception {
        Result result = run("spectrum", "mp(2)", "--log-x", "--format", "json", "--points", "50");
        assertThat(result.status()).as(result.err()).isZero();
        double[] x = NetworkSpectrumCommandTest.doubles(new ObjectMapper().readTree(result.out()).get("x"));
        double lower = Math.pow(1 - Math.sqrt(2), 2);
        double upper = Math.pow(1 + Math.sqrt(2), 2);
        double widening = Math.pow(upper / lower, SpectrumReport.MARGIN);
        assertThat(x[0]).isCloseTo(lower / widening, offset(0.01 * lower / widening));
        assertThat(x[x.length - 1]).isCloseTo(upper * widening, offset(0.01 * upper * widening));
    }

    /**
     * The free power uniform(½, 3/2)^⊠4000 reaches down to 10⁻¹⁶⁷ (its support as inverted): the geometric grid stops
     * at the floor, 10⁻¹⁵⁰ times the top edge, and the CDF at its first point holds the mass below; at the top the
     * widening is capped at one decade.
     */
    @Test
    void logXStopsAtItsFloorAndTheCdfKeepsTheMassBelow() throws Exception {
        Result result = run("spectrum", "pow_times(uniform(0.5, 1.5), 4000)", "--log-x", "--format", "json",
                "--points", "50");
        assertThat(result.status()).as(result.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(result.out());
        double bottom = json.get("support").get(0).get(0).asDouble();
        double top = json.get("support").get(0).get(1).asDouble();
        double[] x = NetworkSpectrumCommandTest.doubles(json.get("x"));
        assertThat(bottom).isLessThan(1e-160 * top);
        assertThat(x[0]).isCloseTo(SpectrumReport.LOG_GRID_FLOOR * top, offset(1e-12 * x[0]));
        assertThat(x[x.length - 1]).isCloseTo(10 * top, offset(1e-12 * top));
        assertThat(json.get("cdf").get(0).asDouble()).isGreaterThan(0.01);
    }

    /** A law charging the negative axis cannot go on a log axis: exit 2, the reason, and no file written. */
    @Test
    void logXRefusesALawBelowZeroAndWritesNothing(@TempDir Path directory) throws Exception {
        Path output = directory.resolve("out.json");
        Path plot = directory.resolve("plot.png");
        Result result = run("spectrum", "semicircle(1)", "--log-x", "--output", output.toString(), "--plot",
                plot.toString());
        assertThat(result.status()).isEqualTo(2);
        assertThat(result.err()).contains("--log-x needs a law on [0, inf), but it reaches down to x = -2");
        try (var files = Files.list(directory)) {
            assertThat(files).isEmpty();
        }
        Result good = run("spectrum", "mp(2)", "--log-x", "--points", "100", "--plot", plot.toString());
        assertThat(good.status()).as(good.err()).isZero();
        assertThat(Files.readAllBytes(plot)).startsWith(new byte[] {(byte) 0x89, 'P', 'N', 'G'});
    }
}
