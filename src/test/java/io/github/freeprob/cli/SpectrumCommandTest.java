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
}
