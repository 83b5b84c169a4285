package io.github.freeprob.cli;

import static io.github.freeprob.cli.NetworkSpectrumCommandTest.doubles;
import static io.github.freeprob.cli.NetworkSpectrumCommandTest.json;
import static io.github.freeprob.cli.SpectrumCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.freeprob.cli.SpectrumCommandTest.Result;
import io.github.freeprob.network.Activation;
import io.github.freeprob.network.MeanField;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code meanfield} command against closed forms, the critical line, errors and files. */
class MeanFieldCommandTest {

    /** relu at σ_w² = 2, σ_b² = 0: q^{ℓ+1} = q^ℓ (a line of fixed points, q* = 1 by convention) and χ = σ_w²/2 = 1. */
    @Test
    void reluAtTheEdgeOfChaosIsCritical() throws Exception {
        JsonNode json = json(run("meanfield", "--activation", "relu", "--sigma-w2", "2", "--sigma-b2", "0",
                "--format", "json"));
        assertThat(json.get("qStar").asDouble()).isEqualTo(1);
        assertThat(json.get("chi").asDouble()).isCloseTo(1, offset(1e-14));
        assertThat(json.get("phase").asText()).isEqualTo("critical");
        assertThat(json.get("correlationFixedPoint").asDouble()).isEqualTo(1);
        // Jackson writes non-finite numbers as strings; ξ diverges on the critical line.
        assertThat(json.get("correlationDepthScale").asText()).isEqualTo("Infinity");
    }

    /** relu with bias: q* = σ_b²/(1 − σ_w²/2), χ = σ_w²/2; linear: q* = σ_b²/(1 − σ_w²), χ = σ_w². */
    @Test
    void fixedPointAndChiMatchClosedForms() throws Exception {
        JsonNode relu = json(run("meanfield", "--activation", "relu", "--sigma-w2", "1.5", "--sigma-b2", "0.1",
                "--format", "json"));
        // Iteration to relative tolerance 1e-14 (MeanField.TOLERANCE), quadrature to ~1e-15.
        assertThat(relu.get("qStar").asDouble()).isCloseTo(0.1 / (1 - 0.75), offset(1e-12));
        assertThat(relu.get("chi").asDouble()).isCloseTo(0.75, offset(1e-14));
        assertThat(relu.get("phase").asText()).isEqualTo("ordered");
        JsonNode linear = json(run("meanfield", "--activation", "linear", "--sigma-w2", "0.5", "--sigma-b2", "0.3",
                "--format", "json"));
        assertThat(linear.get("qStar").asDouble()).isCloseTo(0.6, offset(1e-12));
        assertThat(linear.get("chi").asDouble()).isCloseTo(0.5, offset(1e-14));
        // The variance map is affine with slope σ_w²: ξ_q = −1/log σ_w².
        assertThat(linear.get("varianceDepthScale").asDouble()).isCloseTo(-1 / Math.log(0.5), offset(1e-6));
        MeanField tanh = new MeanField(Activation.tanh(), 1.7, 0.3);
        JsonNode chaotic = json(run("meanfield", "--activation", "tanh", "--sigma-w2", "1.7", "--sigma-b2", "0.3",
                "--format", "json"));
        assertThat(chaotic.get("qStar").asDouble()).isEqualTo(tanh.fixedPoint());
        assertThat(chaotic.get("chi").asDouble()).isEqualTo(tanh.chi());
        assertThat(chaotic.get("varianceDepthScale").asDouble()).isEqualTo(tanh.varianceDepthScale());
        assertThat(chaotic.get("correlationDepthScale").asDouble()).isEqualTo(tanh.correlationDepthScale());
    }

    /** linear: q^{ℓ+1} = σ_w² q^ℓ + σ_b² exactly, so from q¹ = 2 with σ_w² = 0.5, σ_b² = 0.3: 2, 1.3, 0.95, 0.775. */
    @Test
    void sequenceFollowsTheMap() throws Exception {
        JsonNode json = json(run("meanfield", "--activation", "linear", "--sigma-w2", "0.5", "--sigma-b2", "0.3",
                "--q1", "2", "--depth", "4", "--format", "json"));
        assertThat(doubles(json.get("q"))).containsExactly(new double[] {2, 1.3, 0.95, 0.775}, offset(1e-14));
        assertThat(doubles(json.get("chiByLayer"))).containsExactly(new double[] {0.5, 0.5, 0.5, 0.5},
                offset(1e-14));
        Result csv = run("meanfield", "--activation", "linear", "--sigma-w2", "0.5", "--sigma-b2", "0.3", "--q1", "2",
                "--depth", "4", "--format", "csv");
        assertThat(csv.out()).startsWith("layer,q,chi\n1,2.0,");
        assertThat(csv.out().lines().count()).isEqualTo(5);
        Result table = run("meanfield", "--activation", "linear", "--sigma-w2", "0.5", "--sigma-b2", "0.3", "--q1",
                "2", "--depth", "4");
        assertThat(table.out()).contains("qStar").contains("layer").contains("0.775");
    }

    /** Without a fixed point the sequence is still defined; q* and χ are null with the reason, not a number. */
    @Test
    void sequenceWithoutFixedPointSaysWhy() throws Exception {
        JsonNode json = json(run("meanfield", "--activation", "relu", "--sigma-w2", "3", "--sigma-b2", "0",
                "--q1", "1", "--depth", "3", "--format", "json"));
        assertThat(doubles(json.get("q"))).containsExactly(new double[] {1, 1.5, 2.25}, offset(1e-14));
        assertThat(json.get("qStar").isNull()).isTrue();
        assertThat(json.get("chi").isNull()).isTrue();
        assertThat(json.get("fixedPoint").asText()).contains("grows without bound");
    }

    @Test
    void criticalPointHasChiOne() throws Exception {
        JsonNode json = json(run("meanfield", "--activation", "tanh", "--critical", "--q-star", "0.5", "--format",
                "json"));
        double w = json.get("sigmaW2").asDouble();
        double b = json.get("sigmaB2").asDouble();
        assertThat(json.get("chi").asDouble()).isCloseTo(1, offset(1e-13));
        assertThat(json.get("mapResidual").asDouble()).isCloseTo(0, offset(1e-13));
        // Independently: iterating the variance map at (σ_w², σ_b²) reaches q* = 0.5, where χ = 1. The iteration
        // converges slowly-ish (slope of the map near 1 on the critical line), hence 1e-9.
        MeanField field = new MeanField(Activation.tanh(), w, b);
        assertThat(field.fixedPoint()).isCloseTo(0.5, offset(1e-9));
        assertThat(field.chi()).isCloseTo(1, offset(1e-9));
        Result table = run("meanfield", "--activation", "erf", "--critical", "--q-star", "1");
        assertThat(table.status()).as(table.err()).isZero();
        assertThat(table.out()).contains("sigmaW2").contains("sigmaB2");
    }

    @Test
    void badInputNamesTheOption() {
        Result negative = run("meanfield", "--activation", "tanh", "--sigma-w2", "0", "--sigma-b2", "0.1");
        assertThat(negative.status()).isEqualTo(2);
        assertThat(negative.err()).contains("--sigma-w2 must be > 0, but was 0.0");
        Result missing = run("meanfield", "--activation", "tanh", "--sigma-w2", "1");
        assertThat(missing.err()).contains("missing required option --sigma-b2");
        Result q1 = run("meanfield", "--activation", "tanh", "--sigma-w2", "1", "--sigma-b2", "0.1", "--q1", "1");
        assertThat(q1.status()).isEqualTo(2);
        assertThat(q1.err()).contains("give --depth too");
        Result mixed = run("meanfield", "--activation", "tanh", "--critical", "--q-star", "0.5", "--sigma-w2", "1");
        assertThat(mixed.status()).isEqualTo(2);
        assertThat(mixed.err()).contains("leave out --sigma-w2");
        Result noTarget = run("meanfield", "--activation", "tanh", "--critical");
        assertThat(noTarget.err()).contains("missing required option --q-star");
        Result target = run("meanfield", "--activation", "tanh", "--critical", "--q-star", "-1");
        assertThat(target.err()).contains("--q-star must be > 0, but was -1.0");
        Result unreachable = run("meanfield", "--activation", "sigmoid", "--critical", "--q-star", "0.5");
        assertThat(unreachable.status()).isEqualTo(2);
        assertThat(unreachable.err()).contains("no critical point of sigmoid has q* = 0.5");
        Result stray = run("meanfield", "--activation", "tanh", "--sigma-w2", "1", "--sigma-b2", "0.1", "--q-star",
                "1");
        assertThat(stray.err()).contains("--q-star is the target of --critical");
    }

    /** relu above the critical line without bias: q grows without bound, a numerical failure (exit 1). */
    @Test
    void noFixedPointIsAnErrorNotANumber(@TempDir Path directory) throws Exception {
        Path output = directory.resolve("meanfield.json");
        Result result = run("meanfield", "--activation", "relu", "--sigma-w2", "3", "--sigma-b2", "0", "--format",
                "json", "--output", output.toString());
        assertThat(result.status()).isEqualTo(1);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).contains("numerical failure").contains("grows without bound");
        try (var files = Files.list(directory)) {
            assertThat(files).isEmpty();
        }
        Result good = run("meanfield", "--activation", "relu", "--sigma-w2", "1.5", "--sigma-b2", "0.1", "--format",
                "json", "--output", output.toString());
        assertThat(good.status()).isZero();
        assertThat(Files.readString(output)).contains("\"qStar\"");
        try (var files = Files.list(directory)) {
            assertThat(files).hasSize(1);
        }
    }
}
