package io.github.freeprob.cli;

import io.github.freeprob.network.Network;
import io.github.freeprob.network.WeightDistribution;
import io.github.freeprob.sampling.SampledNetwork;
import io.github.freeprob.validation.FiniteSizeRule;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What {@code validate jacobian} and {@code validate ntk} share: the options of {@code spectrum jacobian|ntk}, the
 * sampling options, and the network rules {@link FiniteSizeRule#jacobian(int)} and {@link FiniteSizeRule#ntk(int)} at the network's depth and the
 * pooled count n = S·N.
 */
abstract class ValidateNetworkCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    NetworkOptions networkOptions;

    @Option(names = "--weights", required = true, converter = NetworkOptions.WeightsConverter.class,
            paramLabel = "orthogonal|gaussian", description = "weights sigma_w O (O Haar) or i.i.d. N(0, sigma_w^2/N)")
    WeightDistribution weights;

    @Mixin
    SamplingOptions sampling;

    @Mixin
    GridOptions grid;

    @Mixin
    OutputOptions outputOptions;

    @Override
    public final Integer call() {
        sampling.check();
        grid.check();
        Network network = networkOptions.network(weights);
        long start = System.nanoTime();
        SpectrumReport prediction = predict(network, start);
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("network", NetworkOptions.describe(network));
        context.put("meanField", NetworkOptions.meanFieldSummary(network));
        Validation validation = new Validation(prediction.name, sampled(), context, prediction, sampling, "network",
                rule(network.depth()), Validation.Scope.POOLED, singularValues());
        int n = sampling.width;
        return validation.run(spec, random -> eigenvalues(SampledNetwork.sample(network, n, random)),
                outputOptions.format, outputOptions.output, grid.plot, start);
    }

    /** @return the prediction, exactly as the matching {@code spectrum} subcommand computes it */
    abstract SpectrumReport predict(Network network, long start);

    /** @return what is sampled, in words */
    abstract String sampled();

    /** @return the eigenvalues the prediction is compared with */
    /** @return the finite-size rule of the sampled matrix (Jacobian or NTK) at the network's depth */
    abstract FiniteSizeRule rule(int depth);

    abstract double[] eigenvalues(SampledNetwork sample);

    /** @return whether the report and picture are of singular values */
    boolean singularValues() {
        return false;
    }
}
