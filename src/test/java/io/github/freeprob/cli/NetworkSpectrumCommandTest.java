package io.github.freeprob.cli;

import static io.github.freeprob.cli.SpectrumCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.freeprob.cli.SpectrumCommandTest.Result;
import io.github.freeprob.network.Activation;
import io.github.freeprob.network.JacobianSpectrum;
import io.github.freeprob.network.Network;
import io.github.freeprob.network.NtkLayer;
import io.github.freeprob.network.NtkSpectrum;
import io.github.freeprob.network.WeightDistribution;
import io.github.freeprob.precision.Precision;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hipparchus.special.Erf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code spectrum jacobian} and {@code spectrum ntk}: the JSON fields equal the API's values, the closed forms of
 * relu and linear networks, the NTK's learning-rate bound, errors that name the option, and no partial files. The
 * API values are computed by the same deterministic code, so "equal" is exact where the CLI only copies a number.
 */
class NetworkSpectrumCommandTest {

    static JsonNode json(Result result) throws Exception {
        assertThat(result.status()).as(result.err()).isZero();
        return new ObjectMapper().readTree(result.out());
    }

    static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asDouble();
        }
        return out;
    }

    @Test
    void jacobianJsonHasTheFieldsOfTheExpressionFormAndTheApiValues() throws Exception {
        // hard_tanh: ν = (1 − p)δ₀ + pδ₁ keeps the free power cheap (a smooth activation such as tanh takes seconds).
        JsonNode json = json(run("spectrum", "jacobian", "--activation", "hard_tanh", "--weights", "orthogonal",
                "--sigma-w2", "1.2", "--sigma-b2", "0.05", "--depth", "3", "--format", "json", "--points", "51"));
        for (String field : new String[] {"law", "atoms", "support", "network", "meanField", "lambdaMax", "variance",
            "predictedVariance", "x", "density", "cdf", "moments", "diagnostics"}) {
            assertThat(json.has(field)).as(field).isTrue();
        }
        Network network = Network.of(Activation.hardTanh(), WeightDistribution.ORTHOGONAL, 1.2, 0.05, 3);
        JacobianSpectrum jacobian = JacobianSpectrum.of(network);
        assertThat(json.get("lambdaMax").asDouble()).isEqualTo(jacobian.lambdaMax());
        assertThat(json.get("variance").asDouble()).isEqualTo(jacobian.variance());
        assertThat(json.get("predictedVariance").asDouble()).isEqualTo(jacobian.predictedVariance());
        double[] exact = jacobian.exactMoments(8, Precision.ofDigits(34)).toDoubleArray();
        double[] moments = doubles(json.get("moments"));
        assertThat(moments).hasSize(8);
        for (int k = 1; k <= 8; k++) {
            assertThat(moments[k - 1]).isEqualTo(exact[k]);
        }
        JsonNode meanField = json.get("meanField");
        assertThat(doubles(meanField.get("q"))).containsExactly(network.variances());
        assertThat(meanField.get("qStar").asDouble()).isEqualTo(network.meanField().fixedPoint());
        assertThat(meanField.get("chi").asDouble()).isEqualTo(network.meanField().chi());
        assertThat(json.get("network").get("q1").asText()).isEqualTo("q*");
        // ν = (1 − p)δ₀ + pδ₁, p = P(|h| < 1) = erf(1/√(2q*)): each layer is σ_w² times a projection of trace p.
        // Three free projections of trace p > 2/3 share a range of trace 3p − 2 (τ(P ∧ Q) = max(0, τ(P) + τ(Q) − 1)
        // for free projections), so JJᵀ has an atom 3p − 2 at σ_w⁶ = 1.728: λ_max, above the continuous part.
        double p = Erf.erf(1 / Math.sqrt(2 * network.meanField().fixedPoint()));
        JsonNode atoms = json.get("atoms");
        assertThat(atoms).hasSize(2);
        assertThat(atoms.get(0).get("location").asDouble()).isCloseTo(0, offset(1e-12));
        assertThat(atoms.get(0).get("mass").asDouble()).isCloseTo(jacobian.atoms().get(0).mass(), offset(1e-10));
        assertThat(atoms.get(1).get("location").asDouble()).isCloseTo(1.728, offset(1e-12));
        assertThat(atoms.get(1).get("mass").asDouble()).isCloseTo(3 * p - 2, offset(1e-10));
        assertThat(json.get("lambdaMax").asDouble()).isCloseTo(1.728, offset(1e-12));
        assertThat(json.get("support")).hasSize(1);
        assertThat(json.get("support").get(0).get(1).asDouble()).isLessThan(1.728);
        assertThat(json.get("x")).hasSize(51);
        assertThat(json.get("diagnostics").get("massDefect").asDouble()).isLessThan(1e-8);
        // The density's moments against the exact engine: the inversion's stated accuracy (loose, ~1e-8).
        assertThat(json.get("diagnostics").get("momentsOfDensityMaxRelativeError").asDouble()).isLessThan(1e-6);
    }

    /** relu: ν = ½δ₀ + ½δ₁ in every layer, so JJᵀ keeps an atom ½ at 0; at σ_w² = 2 the mean is (σ_w²/2)^L = 1. */
    @Test
    void reluJacobianHasAnAtomOfMassHalfAtZero() throws Exception {
        for (String weights : new String[] {"orthogonal", "gaussian"}) {
            JsonNode json = json(run("spectrum", "jacobian", "--activation", "relu", "--weights", weights,
                    "--sigma-w2", "2", "--sigma-b2", "0", "--depth", "3", "--format", "json", "--points", "41"));
            assertThat(json.get("atoms")).as(weights).hasSize(1);
            assertThat(json.get("atoms").get(0).get("location").asDouble()).as(weights).isCloseTo(0, offset(1e-12));
            assertThat(json.get("atoms").get(0).get("mass").asDouble()).as(weights).isCloseTo(0.5, offset(1e-10));
            assertThat(json.get("moments").get(0).asDouble()).as(weights).isCloseTo(1, offset(1e-14));
            assertThat(json.get("meanField").get("chi").asDouble()).as(weights).isCloseTo(1, offset(1e-12));
        }
    }

    /** Singular values s = √λ: the atom stays at 0 with mass ½, and E[s²] = E[λ] = 1. */
    @Test
    void singularValuesOfTheReluJacobian() throws Exception {
        JsonNode json = json(run("spectrum", "jacobian", "--activation", "relu", "--weights", "orthogonal",
                "--sigma-w2", "2", "--sigma-b2", "0", "--depth", "2", "--singular-values", "--format", "json",
                "--points", "41"));
        assertThat(json.get("atoms").get(0).get("location").asDouble()).isCloseTo(0, offset(1e-12));
        assertThat(json.get("atoms").get(0).get("mass").asDouble()).isCloseTo(0.5, offset(1e-10));
        // Gauss-rule moment of the compact law: accurate to the inversion's ~1e-10.
        assertThat(json.get("moments").get(1).asDouble()).isCloseTo(1, offset(1e-8));
        assertThat(json.get("singularValueMax").asDouble())
                .isEqualTo(Math.sqrt(json.get("lambdaMax").asDouble()));
        assertThat(json.get("support").get(0).get(1).asDouble())
                .isCloseTo(Math.sqrt(json.get("lambdaMax").asDouble()), offset(1e-10));
        Result csv = run("spectrum", "jacobian", "--activation", "relu", "--weights", "orthogonal", "--sigma-w2",
                "2", "--sigma-b2", "0", "--depth", "2", "--singular-values", "--format", "csv", "--points", "5");
        assertThat(csv.out()).startsWith("s,density,cdf\n");
    }

    /** Linear, orthogonal: JJᵀ = σ_w^{2L} I exactly; q* = σ_b²/(1 − σ_w²) = 0.1/0.2 = 0.5. */
    @Test
    void linearOrthogonalJacobianIsAPointMass() throws Exception {
        JsonNode json = json(run("spectrum", "jacobian", "--activation", "linear", "--weights", "orthogonal",
                "--sigma-w2", "0.8", "--sigma-b2", "0.1", "--depth", "3", "--format", "json", "--points", "5"));
        assertThat(json.get("support")).isEmpty();
        assertThat(json.get("atoms")).hasSize(1);
        assertThat(json.get("atoms").get(0).get("location").asDouble()).isCloseTo(0.512, offset(1e-14));
        assertThat(json.get("atoms").get(0).get("mass").asDouble()).isCloseTo(1, offset(1e-14));
        assertThat(json.get("lambdaMax").asDouble()).isCloseTo(0.512, offset(1e-14));
        assertThat(json.get("variance").asDouble()).isCloseTo(0, offset(1e-14));
        // The fixed-point iteration stops at relative tolerance 1e-14 (MeanField.TOLERANCE).
        assertThat(json.get("meanField").get("qStar").asDouble()).isCloseTo(0.5, offset(1e-12));
        assertThat(json.get("meanField").get("chi").asDouble()).isCloseTo(0.8, offset(1e-14));
    }

    @Test
    void ntkReportsLambdaMaxTheLearningRateBoundAndEveryLayer() throws Exception {
        JsonNode json = json(run("spectrum", "ntk", "--activation", "tanh", "--weights", "orthogonal", "--sigma-w2",
                "1.5", "--sigma-b2", "0.1", "--depth", "3", "--layers", "--format", "json", "--points", "31"));
        NtkSpectrum ntk = NtkSpectrum.of(Network.of(Activation.tanh(), WeightDistribution.ORTHOGONAL, 1.5, 0.1, 3));
        double lambdaMax = json.get("lambdaMax").asDouble();
        assertThat(lambdaMax).isEqualTo(ntk.lambdaMax());
        assertThat(json.get("learningRateBound").asDouble()).isEqualTo(2 / lambdaMax);
        assertThat(doubles(json.get("lambdaMaxByLayer"))).containsExactly(ntk.lambdaMaxByLayer());
        assertThat(json.get("layers")).hasSize(3);
        double qStar = json.get("meanField").get("qStar").asDouble();
        // Θ₁ = q¹ I: layer 1 is the point mass at q¹ = q*.
        JsonNode first = json.get("layers").get(0);
        assertThat(first.get("atoms").get(0).get("location").asDouble()).isEqualTo(qStar);
        assertThat(first.get("conditionNumber").asDouble()).isEqualTo(1);
        for (int l = 0; l < 3; l++) {
            JsonNode layer = json.get("layers").get(l);
            NtkLayer api = ntk.layer(l + 1);
            assertThat(layer.get("layer").asInt()).isEqualTo(l + 1);
            assertThat(layer.get("lambdaMax").asDouble()).isEqualTo(api.lambdaMax());
            assertThat(layer.get("lambdaMin").asDouble()).isEqualTo(api.lambdaMin());
            assertThat(layer.get("conditionNumber").asDouble()).isEqualTo(api.lambdaMax() / api.lambdaMin());
            assertThat(layer.get("learningRateBound").asDouble()).isEqualTo(2 / api.lambdaMax());
            assertThat(layer.get("moments")).hasSize(8);
            assertThat(layer.get("momentError").asDouble()).isEqualTo(api.momentError()).isLessThan(1e-8);
            // Θ_ℓ ≥ q^ℓ I: the smallest eigenvalue is at least q* (to the inversion's edge accuracy).
            assertThat(layer.get("lambdaMin").asDouble()).isGreaterThan(qStar * (1 - 1e-9));
        }
        double[] exact = ntk.exactMoments(8, Precision.ofDigits(34)).toDoubleArray();
        assertThat(json.get("moments").get(0).asDouble()).isEqualTo(exact[1]);
        Result table = run("spectrum", "ntk", "--activation", "relu", "--weights", "gaussian", "--sigma-w2", "1.5",
                "--sigma-b2", "0.2", "--depth", "2", "--layers", "--points", "20");
        assertThat(table.status()).as(table.err()).isZero();
        assertThat(table.out()).contains("learningRateBound").contains("layer = 1,").contains("layer = 2,");
        Result withoutLayers = run("spectrum", "ntk", "--activation", "relu", "--weights", "gaussian", "--sigma-w2",
                "1.5", "--sigma-b2", "0.2", "--depth", "2", "--format", "json", "--points", "20");
        assertThat(json(withoutLayers).has("layers")).isFalse();
    }

    /**
     * {@code --threads 2} gives the same grid values as one thread, for the Jacobian and for the NTK (400 and 600
     * points: two and three blocks of 256).
     */
    @Test
    void threadsGiveTheSameGridValues() throws Exception {
        String[][] commands = {
            {"spectrum", "jacobian", "--activation", "tanh", "--weights", "orthogonal", "--sigma-w2", "1.1",
                "--sigma-b2", "0.05", "--depth", "10", "--format", "json", "--points", "400"},
            {"spectrum", "ntk", "--activation", "relu", "--weights", "gaussian", "--sigma-w2", "1.5", "--sigma-b2",
                "0.2", "--depth", "2", "--format", "json", "--points", "600"}};
        for (String[] command : commands) {
            JsonNode one = json(run(command));
            JsonNode two = json(run(concat(command, "--threads", "2")));
            for (String field : new String[] {"x", "density", "cdf"}) {
                assertThat(doubles(two.get(field))).as("%s %s", command[1], field)
                        .containsExactly(doubles(one.get(field)));
            }
        }
    }

    @Test
    void q1StartsTheSequenceAwayFromTheFixedPoint() throws Exception {
        JsonNode json = json(run("spectrum", "ntk", "--activation", "relu", "--weights", "gaussian", "--sigma-w2",
                "1.5", "--sigma-b2", "0.2", "--depth", "2", "--q1", "2", "--format", "json", "--points", "20"));
        // relu: q^{ℓ+1} = σ_w² q^ℓ/2 + σ_b², so q² = 1.5 + 0.2.
        assertThat(doubles(json.get("meanField").get("q"))).containsExactly(new double[] {2, 1.7},
                offset(1e-14));
        assertThat(json.get("network").get("q1").asDouble()).isEqualTo(2);
        // The NTK's smallest eigenvalue is at least q^L (Θ_L ≥ q^L I), its largest at most q² + σ_w²·q¹·4 (mp(1) ≤ 4).
        assertThat(json.get("support").get(0).get(0).asDouble()).isGreaterThan(1.7 * (1 - 1e-9));
    }

    @Test
    void badNetworkInputNamesTheOptionAndTheValue() {
        String[] base = {"spectrum", "jacobian", "--weights", "orthogonal", "--depth", "2"};
        Result negative = run(concat(base, "--activation", "tanh", "--sigma-w2", "-1", "--sigma-b2", "0"));
        assertThat(negative.status()).isEqualTo(2);
        assertThat(negative.err()).contains("--sigma-w2 must be > 0, but was -1.0");
        Result bias = run(concat(base, "--activation", "tanh", "--sigma-w2", "1", "--sigma-b2", "NaN"));
        assertThat(bias.status()).isEqualTo(2);
        assertThat(bias.err()).contains("--sigma-b2 must be >= 0, but was NaN");
        Result activation = run(concat(base, "--activation", "softplus", "--sigma-w2", "1", "--sigma-b2", "0"));
        assertThat(activation.status()).isEqualTo(2);
        assertThat(activation.err()).contains("--activation").contains("unknown activation 'softplus'");
        Result weights = run("spectrum", "ntk", "--weights", "uniform", "--activation", "tanh", "--sigma-w2", "1",
                "--sigma-b2", "0", "--depth", "2");
        assertThat(weights.status()).isEqualTo(2);
        assertThat(weights.err()).contains("--weights").contains("weights must be orthogonal or gaussian, but was"
                + " 'uniform'");
        Result depth = run("spectrum", "jacobian", "--weights", "orthogonal", "--activation", "tanh", "--sigma-w2",
                "1", "--sigma-b2", "0.1", "--depth", "0");
        assertThat(depth.status()).isEqualTo(2);
        assertThat(depth.err()).contains("--depth must be in [1, 100000], but was 0");
        Result missing = run("spectrum", "jacobian", "--weights", "orthogonal", "--activation", "tanh", "--sigma-w2",
                "1", "--sigma-b2", "0.1");
        assertThat(missing.status()).isEqualTo(2);
        assertThat(missing.err()).contains("missing required option --depth");
        Result q1 = run(concat(base, "--activation", "tanh", "--sigma-w2", "1", "--sigma-b2", "0", "--q1", "0"));
        assertThat(q1.err()).contains("--q1 must be > 0, but was 0.0");
        // linear with σ_w² > 1: q grows without bound, so there is no q* to start from.
        Result noFixedPoint = run(concat(base, "--activation", "linear", "--sigma-w2", "1.2", "--sigma-b2",
                "0.1"));
        assertThat(noFixedPoint.status()).isEqualTo(2);
        assertThat(noFixedPoint.err()).contains("--sigma-w2 1.2 and --sigma-b2 0.1 has no mean-field fixed point")
                .contains("give --q1");
        Result neither = run("spectrum");
        assertThat(neither.status()).isEqualTo(2);
        assertThat(neither.err()).contains("Missing required parameter: 'EXPRESSION'");
    }

    @Test
    void noPartialFilesOnFailure(@TempDir Path directory) throws Exception {
        Path output = directory.resolve("out.json");
        Path plot = directory.resolve("plot.svg");
        Result bad = run("spectrum", "jacobian", "--activation", "relu", "--weights", "orthogonal", "--sigma-w2",
                "-2", "--sigma-b2", "0", "--depth", "2", "--output", output.toString(), "--plot", plot.toString());
        assertThat(bad.status()).isEqualTo(2);
        Result badPlot = run("spectrum", "ntk", "--activation", "relu", "--weights", "gaussian", "--sigma-w2", "1.5",
                "--sigma-b2", "0.2", "--depth", "2", "--output", output.toString(), "--plot",
                directory.resolve("plot.pdf").toString());
        assertThat(badPlot.status()).isEqualTo(2);
        assertThat(badPlot.err()).contains("must end in .png or .svg");
        try (var files = Files.list(directory)) {
            assertThat(files).isEmpty();
        }
        Result good = run("spectrum", "jacobian", "--activation", "relu", "--weights", "orthogonal", "--sigma-w2",
                "2", "--sigma-b2", "0", "--depth", "2", "--output", output.toString(), "--plot", plot.toString(),
                "--format", "json", "--points", "100");
        assertThat(good.status()).as(good.err()).isZero();
        assertThat(good.out()).isEmpty();
        assertThat(new ObjectMapper().readTree(output.toFile()).get("lambdaMax").asDouble()).isPositive();
        assertThat(Files.readString(plot)).contains("<svg");
        try (var files = Files.list(directory)) {
            assertThat(files).hasSize(2);
        }
    }

    /**
     * {@code spectrum ntk --density-only}: the density straight from G_L on a grid from q^L to the point above which at
     * most 10⁻⁶ of the mass lies (widened by 5 %), against the layer-by-layer inversion of the full report at the same
     * points: within 10⁻⁷ of the peak, the tolerance of {@code NtkCauchyTransformTest} (the inversion's Chebyshev layers
     * carry their compaction error). The diagnostic {@code trapezoidMass} is the trapezoid rule over the grid: the same
     * rule over the inverted density agrees within 10⁻⁷ of the peak times the grid's width. No CDF, support or atoms
     * are printed, and {@code --layers}, which needs the layer inversions, is refused.
     */
    @Test
    void ntkDensityOnlyIsTheInvertedLawsDensityWithoutTheInversion() throws Exception {
        String[] base = {"spectrum", "ntk", "--activation", "tanh", "--weights", "orthogonal", "--sigma-w2", "1.5",
            "--sigma-b2", "0.1", "--depth", "3"};
        JsonNode json = json(run(concat(base, "--density-only", "--format", "json", "--points", "201")));
        Network network = Network.of(Activation.tanh(), WeightDistribution.ORTHOGONAL, 1.5, 0.1, 3);
        assertThat(json.has("cdf")).isFalse();
        assertThat(json.has("atoms")).isFalse();
        assertThat(json.has("support")).isFalse();
        double top = io.github.freeprob.network.NtkCauchyTransform.upperBound(network, 1e-6);
        assertThat(json.get("gridTop").asDouble()).isEqualTo(top);
        double[] q = network.variances();
        double[] x = doubles(json.get("x"));
        double width = top - q[2];
        assertThat(x[0]).isCloseTo(q[2] - SpectrumReport.MARGIN * width, offset(1e-12));
        assertThat(x[x.length - 1]).isCloseTo(top + SpectrumReport.MARGIN * width, offset(1e-12));
        double[] density = doubles(json.get("density"));
        double[] inverted = NtkSpectrum.of(network).density(x);
        double peak = 0;
        for (double value : inverted) {
            peak = Math.max(peak, value);
        }
        for (int i = 0; i < x.length; i++) {
            assertThat(Math.abs(density[i] - inverted[i])).as("x = %s", x[i]).isLessThan(1e-7 * peak);
        }
        double trapezoid = 0;
        for (int i = 1; i < x.length; i++) {
            trapezoid += 0.5 * (x[i] - x[i - 1]) * (inverted[i] + inverted[i - 1]);
        }
        assertThat(json.get("diagnostics").get("trapezoidMass").asDouble())
                .isCloseTo(trapezoid, offset(1e-7 * peak * (x[x.length - 1] - x[0])));
        double[] exact = NtkSpectrum.exactMoments(network, 8, Precision.ofDigits(34)).toDoubleArray();
        assertThat(json.get("moments").get(0).asDouble()).isEqualTo(exact[1]);

        Result csv = run(concat(base, "--density-only", "--format", "csv", "--points", "5"));
        assertThat(csv.status()).as(csv.err()).isZero();
        assertThat(csv.out()).startsWith("x,density\n");
        assertThat(csv.out().lines()).hasSize(6);
        Result both = run(concat(base, "--density-only", "--layers"));
        assertThat(both.status()).isEqualTo(2);
        assertThat(both.err()).contains("--layers needs every layer's inversion, which --density-only skips");
    }

    static String[] concat(String[] base, String... more) {
        String[] out = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, out, base.length, more.length);
        return out;
    }
}
