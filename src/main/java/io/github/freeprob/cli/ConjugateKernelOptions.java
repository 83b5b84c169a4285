package io.github.freeprob.cli;

import io.github.freeprob.network.Activation;
import io.github.freeprob.network.ConjugateKernel;
import io.github.freeprob.network.NormalizedActivation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The options of {@code spectrum conjugate-kernel} and {@code validate conjugate-kernel}: the activation and the ratios
 * γ₀ = n/d₀, γ_ℓ = n/d_ℓ of the multi-input network of Fan and Wang (2020) ({@code docs/conjugate-kernel.md}).
 */
final class ConjugateKernelOptions {

    @Option(names = "--activation", paramLabel = "NAME", required = true,
            converter = NetworkOptions.ActivationConverter.class,
            description = "linear, relu, leaky_relu(alpha), hard_tanh, tanh, erf, sigmoid, gelu, swish; centred and"
                    + " normalised under N(0, 1) by the library")
    Activation activation;

    @Option(names = "--input-ratio", paramLabel = "G0", required = true,
            description = "gamma_0 = n/d_0 > 0: inputs per input dimension")
    double inputRatio;

    @Option(names = "--layer-ratios", paramLabel = "G", required = true, split = ",",
            description = "gamma_l = n/d_l > 0 for the layers l = 1 ... L, comma-separated (the depth L is their"
                    + " number)")
    List<Double> layerRatios;

    /** @return the prediction, with errors that name the option */
    ConjugateKernel kernel() {
        double[] ratios = new double[layerRatios.size()];
        for (int l = 0; l < ratios.length; l++) {
            double g = layerRatios.get(l);
            if (!(g > 0) || !Double.isFinite(g)) {
                throw new IllegalArgumentException("--layer-ratios: gamma_" + (l + 1) + " must be a positive finite"
                        + " number, but was " + g);
            }
            ratios[l] = g;
        }
        if (!(inputRatio > 0) || !Double.isFinite(inputRatio)) {
            throw new IllegalArgumentException("--input-ratio gamma_0 must be a positive finite number, but was "
                    + inputRatio);
        }
        return ConjugateKernel.of(activation, inputRatio, ratios);
    }

    /** @return the model as a JSON object: activation, its centring, b_phi and the ratios */
    static Map<String, Object> describe(ConjugateKernel kernel) {
        NormalizedActivation phi = kernel.activation();
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("activation", phi.activation().name());
        map.put("centredMean", phi.mean());
        map.put("normalisingSd", phi.standardDeviation());
        map.put("bPhi", kernel.b());
        map.put("depth", kernel.depth());
        map.put("inputRatio", kernel.inputRatio());
        double[] ratios = kernel.ratios();
        map.put("layerRatios", java.util.Arrays.copyOfRange(ratios, 1, ratios.length));
        return map;
    }
}
