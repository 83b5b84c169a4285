package io.github.freeprob.cli;

import io.github.freeprob.network.ConjugateKernel;
import io.github.freeprob.sampling.SampledConjugateKernel;
import io.github.freeprob.validation.FiniteSizeRule;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code freeprob validate conjugate-kernel}: the predicted law of K_L against S sampled networks with n = --width
 * inputs, held to {@link FiniteSizeRule#CONJUGATE_KERNEL}.
 */
@Command(name = "conjugate-kernel", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Check the spectrum of the conjugate kernel K_L = X_L^T X_L/d_L against S sampled networks with"
                + " n = --width inputs and widths d_l = round(n/gamma_l).",
            "Exit status: 0 all within thresholds, 3 a threshold exceeded, 2 bad input, 1 numerical failure."},
        footer = {"", "Example: freeprob validate conjugate-kernel --activation tanh --input-ratio 1"
                + " --layer-ratios 0.5,0.5 --width 500 --samples 2 --plot ck.png"})
final class ValidateConjugateKernelCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConjugateKernelOptions options;

    @Mixin
    SamplingOptions sampling;

    @Mixin
    GridOptions grid;

    @Mixin
    OutputOptions outputOptions;

    @Override
    public Integer call() {
        sampling.check();
        grid.check();
        ConjugateKernel kernel = options.kernel();
        long start = System.nanoTime();
        SpectrumReport prediction = ConjugateKernelCommand.predict(kernel, false, grid.grid().geometric(sampling.logX), start);
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("model", ConjugateKernelOptions.describe(kernel));
        Validation validation = new Validation(prediction.name, "K_L of sampled networks (SampledConjugateKernel:"
                + " n = --width inputs, d_l = round(n/gamma_l))", context, prediction, sampling, "conjugate-kernel",
                FiniteSizeRule.CONJUGATE_KERNEL, Validation.Scope.WIDTH, false);
        int n = sampling.width;
        return validation.run(spec, random -> SampledConjugateKernel.sample(kernel, n, random).eigenvalues(),
                outputOptions.format, outputOptions.output, grid.plot, start);
    }
}
