package io.github.freeprob.cli;

import io.github.freeprob.network.JacobianSpectrum;
import io.github.freeprob.network.Network;
import io.github.freeprob.network.WeightDistribution;
import io.github.freeprob.sampling.SampledNetwork;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code freeprob ergodicity jacobian}: the spectral ergodicity of an ensemble of M sampled networks' JJᵀ, their mean
 * bin fractions against the limit law μ_J of {@code spectrum jacobian}.
 */
@Command(name = "jacobian", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Spectral ergodicity of the eigenvalues of JJ^T (J = D_L W_L ... D_1 W_1) over M sampled"
                + " networks of width N, against the limit law of spectrum jacobian.",
        footer = {"", "Example: freeprob ergodicity jacobian --activation relu --weights orthogonal --sigma-w2 2"
                + " --sigma-b2 0 --q1 1 --depth 3 --width 100 --members 10"})
final class ErgodicityJacobianCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private NetworkOptions networkOptions;

    @Option(names = "--weights", required = true, converter = NetworkOptions.WeightsConverter.class,
            paramLabel = "orthogonal|gaussian", description = "weights sigma_w O (O Haar) or i.i.d. N(0, sigma_w^2/N)")
    private WeightDistribution weights;

    @Mixin
    private ErgodicityOptions options;

    @Mixin
    private OutputOptions outputOptions;

    @Override
    public Integer call() {
        options.check(true);
        Network network = networkOptions.network(weights);
        JacobianSpectrum law = JacobianSpectrum.of(network);
        EnsembleErgodicity.Ensemble ensemble = new EnsembleErgodicity.Ensemble("JJ^T of " + network,
                "JJ^T of sampled networks (SampledNetwork)", options.width, law.spectrum(),
                (n, random) -> SampledNetwork.sample(network, n, random).jacobianEigenvalues());
        return EnsembleErgodicity.run(spec, List.of(ensemble), options, outputOptions,
                Map.of("network", NetworkOptions.describe(network)));
    }
}
