package io.github.freeprob.cli;

import static io.github.freeprob.cli.NetworkSpectrumCommandTest.doubles;
import static io.github.freeprob.cli.NetworkSpectrumCommandTest.json;
import static io.github.freeprob.cli.SpectrumCommandTest.run;
import static io.github.freeprob.cli.ValidateCommandTest.assertBad;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.freeprob.cli.SpectrumCommandTest.Result;
import io.github.freeprob.network.Activation;
import io.github.freeprob.network.ConjugateKernel;
import io.github.freeprob.precision.Precision;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code spectrum conjugate-kernel} and {@code validate conjugate-kernel}: the JSON carries the API's values (the same
 * deterministic code, so equality is exact where the CLI copies a number), the closed-form atom and b_φ, a passing and
 * a failing validation, errors that name the option, and no partial files.
 */
class ConjugateKernelCommandTest {

    static final String[] RELU = {"--activation", "relu", "--input-ratio", "1", "--layer-ratios", "2,1.5"};

    static String[] with(String[] head, String[] options, String... more) {
        return Stream.of(head, options, more).flatMap(Stream::of).toArray(String[]::new);
    }

    @Test
    void spectrumJsonHasTheApiValuesAndTheRankAtom() throws Exception {
        JsonNode json = json(run(with(new String[] {"spectrum", "conjugate-kernel"}, RELU, "--layers", "--format",
                "json", "--points", "41")));
        ConjugateKernel kernel = ConjugateKernel.of(Activation.relu(), 1, 2, 1.5);
        JsonNode model = json.get("model");
        // b_φ of centred, normalised relu: π/(2(π − 1)) (docs/conjugate-kernel.md)
        assertThat(model.get("bPhi").asDouble()).isCloseTo(Math.PI / (2 * (Math.PI - 1)), offset(1e-12));
        assertThat(model.get("depth").asInt()).isEqualTo(2);
        assertThat(doubles(model.get("layerRatios"))).containsExactly(2, 1.5);
        assertThat(json.get("variance").asDouble()).isEqualTo(kernel.variance(2));
        assertThat(json.get("lambdaMax").asDouble()).isEqualTo(kernel.lambdaMax(2));
        double[] exact = kernel.exactMoments(2, 8, Precision.ofDigits(34)).toDoubleArray();
        double[] moments = doubles(json.get("moments"));
        for (int k = 1; k <= 8; k++) {
            assertThat(moments[k - 1]).isEqualTo(exact[k]);
        }
        // γ₂ = 1.5 > 1: K₂ has rank d₂ = n/1.5, an atom 1 − 1/1.5 = 1/3 at 0
        JsonNode atoms = json.get("atoms");
        assertThat(atoms).hasSize(1);
        assertThat(atoms.get(0).get("location").asDouble()).isCloseTo(0, offset(1e-10));
        assertThat(atoms.get(0).get("mass").asDouble()).isCloseTo(1.0 / 3, offset(1e-8));
        JsonNode layers = json.get("layers");
        assertThat(layers).hasSize(3);
        assertThat(layers.get(1).get("atoms").get(0).get("mass").asDouble()).isCloseTo(0.5, offset(1e-8));
        for (JsonNode layer : layers) {
            assertThat(layer.get("momentError").asDouble()).isLessThan(1e-8);
        }
    }

    @Test
    void validatePassesForTheRightModelAndWritesItsPlot(@TempDir Path dir) throws Exception {
        Path plot = dir.resolve("ck.png");
        Result result = run(with(new String[] {"validate", "conjugate-kernel"}, RELU, "--width", "200", "--format",
                "json", "--plot", plot.toString()));
        JsonNode json = json(result);
        assertThat(json.get("passed").asBoolean()).as(result.out()).isTrue();
        assertThat(json.get("eigenvalues").asInt()).isEqualTo(200);
        assertThat(json.get("rule").asText()).contains("N = 200");
        BufferedImage image = ImageIO.read(plot.toFile());
        assertThat(image).isNotNull();
        // a threshold scale of 0.01 makes the same comparison fail: exit status 3
        Result strict = run(with(new String[] {"validate", "conjugate-kernel"}, RELU, "--width", "200",
                "--threshold-scale", "0.01"));
        assertThat(strict.status()).as(strict.err()).isEqualTo(Validation.BREACH);
        assertThat(strict.out()).contains("FAILED");
    }

    @Test
    void badInputNamesTheOptionAndWritesNothing(@TempDir Path dir) throws Exception {
        assertBad(run("spectrum", "conjugate-kernel", "--activation", "relu", "--input-ratio", "-1",
                "--layer-ratios", "1"), "--input-ratio");
        assertBad(run("spectrum", "conjugate-kernel", "--activation", "relu", "--input-ratio", "1",
                "--layer-ratios", "1,0"), "--layer-ratios");
        assertBad(run("spectrum", "conjugate-kernel", "--activation", "nope", "--input-ratio", "1",
                "--layer-ratios", "1"), "--activation");
        assertBad(run("spectrum", "conjugate-kernel", "--activation", "relu", "--input-ratio", "1"),
                "--layer-ratios");
        Path output = dir.resolve("out.json");
        Path plot = dir.resolve("out.png");
        assertBad(run(with(new String[] {"validate", "conjugate-kernel"}, RELU, "--width", "0", "--output",
                output.toString(), "--plot", plot.toString())), "--width");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }
}
