package io.github.freeprob.cli;

import static io.github.freeprob.cli.SpectrumCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.freeprob.cli.SpectrumCommandTest.Result;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code spectrum mixer} and {@code validate mixer}: the closed-form moments of the linear Gaussian mixer in the JSON,
 * the effective-width fields, the free law failing for the plain mixer (exit 3) and holding for the permuted one, and
 * errors that name the option without leaving files behind.
 */
class MixerCommandTest {

    static final String[] LINEAR = {"--activation", "linear", "--weights", "gaussian", "--sigma-w2", "1", "--sigma-b2",
        "0", "--q1", "1", "--tokens", "16", "--channels", "16", "--blocks", "1"};

    static String[] args(String[] head, String... tail) {
        List<String> all = new ArrayList<>(List.of(head));
        all.addAll(List.of(LINEAR));
        all.addAll(List.of(tail));
        return all.toArray(String[]::new);
    }

    static JsonNode json(Result result) throws Exception {
        return new ObjectMapper().readTree(result.out());
    }

    @Test
    void spectrumReportsBothLawsWithTheirClosedFormMoments() throws Exception {
        // linear Gaussian, one block: free m_n = C(5n, n)/(4n + 1) = 1, 5, 35; tensor m_n = (C(3n, n)/(2n + 1))² = 1, 9,
        // 144 (docs/mixer.md); the effective-width fields for S = C = 16: N = 256, Ω = 16³ = 4096 at γ = 1.
        Result free = run(args(new String[] {"spectrum", "mixer"}, "--format", "json", "--points", "41"));
        assertThat(free.status()).as(free.err()).isZero();
        JsonNode f = json(free);
        assertThat(f.get("prediction").asText()).isEqualTo("free");
        assertThat(f.get("moments").get(1).asDouble()).isCloseTo(5, within(1e-12));
        assertThat(f.get("moments").get(2).asDouble()).isCloseTo(35, within(1e-11));
        JsonNode mixer = f.get("mixer");
        assertThat(mixer.get("effectiveWidth").asInt()).isEqualTo(256);
        assertThat(mixer.get("steps").asInt()).isEqualTo(4);
        assertThat(mixer.get("connectionsOmega").asDouble()).isEqualTo(4096.0);
        assertThat(mixer.get("optimalSide").asDouble()).isCloseTo(16, within(1e-12));
        assertThat(f.get("network").get("depth").asInt()).isEqualTo(4);

        Result tensor = run(args(new String[] {"spectrum", "mixer"}, "--prediction", "tensor", "--format", "json",
                "--points", "41"));
        assertThat(tensor.status()).as(tensor.err()).isZero();
        JsonNode t = json(tensor);
        assertThat(t.get("prediction").asText()).isEqualTo("tensor");
        assertThat(t.get("moments").get(1).asDouble()).isCloseTo(9, within(1e-12));
        assertThat(t.get("moments").get(2).asDouble()).isCloseTo(144, within(1e-10));
        assertThat(t.get("diagnostics").toString()).contains("exact moment engine");
    }

    @Test
    void validateRejectsTheFreeLawForThePlainMixerAndAcceptsItForThePermutedOne(@TempDir Path dir) throws Exception {
        // The plain linear mixer's spectrum is the tensor law (m₂ = 9), far from the free one (m₂ = 5); 16 draws of
        // S = C = 16 are enough for the rule to tell them apart (SampledMixersTest has the measured margins, and
        // checks that the plain mixer passes against the tensor law).
        Path plot = dir.resolve("plain.png");
        Result plainFree = run(args(new String[] {"validate", "mixer"}, "--mixer", "plain", "--prediction", "free",
                "--samples", "16", "--format", "json", "--plot", plot.toString()));
        assertThat(plainFree.status()).as(plainFree.err()).isEqualTo(Validation.BREACH);
        assertThat(json(plainFree).get("passed").asBoolean()).isFalse();
        BufferedImage image = ImageIO.read(plot.toFile());
        assertThat(image).isNotNull();

        Result permuted = run(args(new String[] {"validate", "mixer"}, "--mixer", "permuted", "--samples", "4"));
        assertThat(permuted.status()).as(permuted.out() + permuted.err()).isZero();
        assertThat(permuted.out()).contains("PASSED").contains("permuted");
    }

    @Test
    void badInputNamesTheOptionAndWritesNothing(@TempDir Path dir) {
        Path output = dir.resolve("out.json");
        Result depth = run(args(new String[] {"spectrum", "mixer"}, "--depth", "4", "--output", output.toString()));
        assertThat(depth.status()).isEqualTo(2);
        assertThat(depth.err()).contains("--depth").contains("--blocks");
        Result blocks = run("spectrum", "mixer", "--activation", "relu", "--weights", "gaussian", "--sigma-w2", "2",
                "--sigma-b2", "0", "--q1", "1", "--tokens", "4", "--channels", "4", "--blocks", "0", "--output",
                output.toString());
        assertThat(blocks.status()).isEqualTo(2);
        assertThat(blocks.err()).contains("--blocks").contains("was 0");
        Result tokens = run("spectrum", "mixer", "--activation", "relu", "--weights", "gaussian", "--sigma-w2", "2",
                "--sigma-b2", "0", "--q1", "1", "--tokens", "0", "--channels", "4", "--blocks", "1");
        assertThat(tokens.status()).isEqualTo(2);
        assertThat(tokens.err()).contains("--tokens").contains("0");
        Result width = run(args(new String[] {"validate", "mixer"}, "--mixer", "dense", "--width", "100", "--output",
                output.toString()));
        assertThat(width.status()).isEqualTo(2);
        assertThat(width.err()).contains("--width").contains("256").contains("100");
        Result mixer = run(args(new String[] {"validate", "mixer"}, "--mixer", "sparse"));
        assertThat(mixer.status()).isEqualTo(2);
        assertThat(mixer.err()).contains("'sparse'");
        assertThat(Files.exists(output)).isFalse();
    }
}
