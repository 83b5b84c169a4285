package io.github.freeprob.cli;

import static io.github.freeprob.cli.SpectrumCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.freeprob.cli.SpectrumCommandTest.Result;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code freeprob ergodicity}: the JSON of the ensemble, mixed, Jacobian and cPSE forms, the picture, and bad input
 * (exit 2, the option and value named, no file written). Small N keeps it fast; the threshold of the mean fractions is
 * the measured {@code ErgodicityLimit.MEAN_RULE}.
 */
class ErgodicityCommandTest {

    static final String[] CPSE = {"ergodicity", "cpse", "--activation", "hard_tanh", "--weights", "gaussian",
        "--sigma-w2", "1.5", "--sigma-b2", "0.05", "--q1", "3", "--depth", "3", "--width", "100"};

    static String[] with(String[] base, String... more) {
        return ValidateCommandTest.with(base, more);
    }

    static double sum(JsonNode array) {
        double s = 0;
        for (JsonNode x : array) {
            s += x.asDouble();
        }
        return s;
    }

    @Test
    void twoEnsemblesOfOneLawAtTwoSizes(@TempDir Path dir) throws Exception {
        Path plot = dir.resolve("sc.png");
        JsonNode json = ValidateCommandTest.json(run("ergodicity", "semicircle(1)", "--width", "100", "--members",
                "10", "--versus-width", "40", "--format", "json", "--plot", plot.toString()), 0);
        JsonNode ensembles = json.get("ensembles");
        assertThat(ensembles).hasSize(2);
        assertThat(json.get("edges")).hasSize(11);
        for (JsonNode e : ensembles) {
            assertThat(sum(e.get("meanFractions"))).isCloseTo(1, within(1e-12));
            assertThat(sum(e.get("predictedMasses"))).isCloseTo(1, within(1e-8));
            assertThat(e.get("withinThreshold").asBoolean()).as(e.toString()).isTrue();
            assertThat(e.get("omegaTotal").asDouble()).isPositive();
        }
        // Ω shrinks with N: at N = 100 well below N = 40 (leading term ∝ ln N/N², a factor 5 here)
        assertThat(ensembles.get(0).get("omegaTotal").asDouble())
                .isLessThan(ensembles.get(1).get("omegaTotal").asDouble() / 2);
        JsonNode pair = json.get("pair");
        assertThat(pair.get("distance").asDouble()).isPositive();
        assertThat(pair.get("predictedJeffreys").asDouble()).as("one limit law").isZero();
        BufferedImage image = ImageIO.read(plot.toFile());
        assertThat(image.getWidth()).isGreaterThan(500);
    }

    @Test
    void twoLawsAndAMixedEnsemble() throws Exception {
        JsonNode json = ValidateCommandTest.json(run("ergodicity", "semicircle(1)", "--versus", "mp(0.5)",
                "--width", "60", "--members", "6", "--mixing", "0.8", "--format", "json"), 0);
        assertThat(json.get("mixing").asDouble()).isEqualTo(0.8);
        // different limit laws: the symmetric KL of their bin masses is positive and the sampled means follow it
        double predicted = json.get("pair").get("predictedJeffreys").asDouble();
        assertThat(predicted).isGreaterThan(1);
        assertThat(json.get("pair").get("meanJeffreys").asDouble()).isCloseTo(predicted, within(0.5 * predicted));
        String csv = run("ergodicity", "mp(0.5)", "--width", "40", "--members", "3", "--format", "csv").out();
        assertThat(csv).startsWith("ensemble,bin,lo,hi,mean_fraction,limit_mass,omega\n");
        assertThat(csv.lines().count()).isEqualTo(1 + 10);
    }

    @Test
    void jacobianEnsemble() throws Exception {
        JsonNode json = ValidateCommandTest.json(run("ergodicity", "jacobian", "--activation", "relu", "--weights",
                "orthogonal", "--sigma-w2", "2", "--sigma-b2", "0", "--q1", "1", "--depth", "2", "--width", "60",
                "--members", "4", "--bins", "8", "--format", "json"), 0);
        assertThat(json.get("network").get("activation").asText()).isEqualTo("relu");
        JsonNode e = json.get("ensembles").get(0);
        // relu's atom ½ at 0 sits in the first bin of the limit masses
        assertThat(e.get("predictedMasses").get(0).asDouble()).isGreaterThan(0.5);
        assertThat(e.get("withinThreshold").asBoolean()).as(e.toString()).isTrue();
    }

    @Test
    void cascadeOfLayerJacobiansAndOfOrthogonalWeights(@TempDir Path dir) throws Exception {
        Path plot = dir.resolve("cpse.png");
        JsonNode json = ValidateCommandTest.json(run(with(CPSE, "--layer-matrix", "jacobian", "--format", "json",
                "--plot", plot.toString())), 0);
        JsonNode layers = json.get("layers");
        assertThat(layers).hasSize(3);
        assertThat(layers.get(0).get("omega").asDouble()).isZero();
        assertThat(layers.get(0).get("d").isNull()).isTrue();
        // q¹ = 3 is far from q* = 0.73: the layers' laws differ and the limit Ω is positive
        assertThat(layers.get(2).get("omegaLimit").asDouble()).isGreaterThan(1e-3);
        assertThat(layers.get(2).get("d").asDouble()).isPositive();
        assertThat(json.get("cpse").asDouble()).isFinite();
        assertThat(ImageIO.read(plot.toFile())).isNotNull();
        // orthogonal weights: W Wᵀ = σ_w² I in every layer, identical spectra, d = 0 and cPSE = −∞ (JSON string)
        JsonNode flat = ValidateCommandTest.json(run("ergodicity", "cpse", "--activation", "tanh", "--weights",
                "orthogonal", "--sigma-w2", "1.5", "--sigma-b2", "0.05", "--depth", "3", "--width", "30",
                "--format", "json", "--plot", dir.resolve("flat.png").toString()), 0);
        assertThat(flat.get("cpse").asText()).isEqualTo("-Infinity");
        assertThat(flat.get("layers").get(2).get("d").asDouble()).isZero();
        assertThat(ImageIO.read(dir.resolve("flat.png").toFile())).isNotNull();
        String table = run(with(CPSE, "--bins", "5")).out();
        assertThat(table).contains("cPSE of weights layer matrices, N = 100, 5 bins").contains("d_limit");
    }

    @Test
    void badInputNamesTheOptionAndWritesNothing(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out.json");
        Path png = dir.resolve("out.png");
        List<String[]> cases = List.of(
                new String[] {"ergodicity", "semicircle(1)", "--width", "50", "--members", "1"},
                new String[] {"ergodicity", "semicircle(1)", "--width", "50", "--mixing", "0"},
                new String[] {"ergodicity", "semicircle(1)", "--width", "1"},
                new String[] {"ergodicity", "semicircle(1)"},
                new String[] {"ergodicity", "semicircle(1)", "--width", "50", "--bins", "0"},
                new String[] {"ergodicity", "semicircle(1)", "--width", "50", "--shift", "-1"},
                new String[] {"ergodicity", "semicircle(1)", "--width", "50", "--versus", "mp(1)", "--versus-width",
                    "20"},
                new String[] {"ergodicity", "pow_plus(semicircle(1), 2.5)", "--width", "50"},
                new String[] {"ergodicity", "cpse", "--activation", "relu", "--weights", "gaussian", "--sigma-w2",
                    "2", "--sigma-b2", "0", "--q1", "1", "--depth", "1", "--width", "20"},
                with(CPSE, "--members", "5"),
                with(CPSE, "--layer-matrix", "biases"));
        List<String> messages = List.of("--members must be >= 2, but was 1", "--mixing must be in (0, 1], but was 0.0",
                "--width must be in [2, 8000], but was 1", "missing required option --width",
                "--bins must be >= 1, but was 0", "--shift must be >= 0", "give --versus or --versus-width, not both",
                "cannot sample pow_plus", "--depth must be >= 2 for a cascade, but was 1",
                "--members and --mixing do not apply here",
                "--layer-matrix must be weights or jacobian, but was 'biases'");
        for (int i = 0; i < cases.size(); i++) {
            Result r = run(with(cases.get(i), "--output", out.toString(), "--plot", png.toString()));
            assertThat(r.status()).as(String.join(" ", cases.get(i)) + "\n" + r.err()).isEqualTo(2);
            assertThat(r.err()).contains(messages.get(i));
            assertThat(Files.exists(out)).isFalse();
            assertThat(Files.exists(png)).isFalse();
        }
    }
}
