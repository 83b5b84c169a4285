package io.github.freeprob.cli;

import io.github.freeprob.measure.Atom;
import io.github.freeprob.measure.Interval;
import io.github.freeprob.network.ConjugateKernel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code freeprob spectrum conjugate-kernel}: the limit law of the eigenvalues of the conjugate kernel
 * K_L = X_LᵀX_L/d_L of n inputs through L layers (Fan and Wang 2020), with {@code --layers} every layer's summary.
 */
@Command(name = "conjugate-kernel", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"The spectrum of the conjugate kernel K_L = X_L^T X_L/d_L of n Gaussian inputs (columns of"
                + " norm sqrt(d_0)) through L layers X_l = phi(W_l X_{l-1}/sqrt(d_{l-1})) with N(0, 1) weights, as"
                + " n, d_l -> infinity with n/d_l -> gamma_l (Fan and Wang 2020):"
                + " mu_l = mp(gamma_l) (*) ((1 - b) + b.)_* mu_{l-1}, mu_0 = mp(gamma_0), b = (E phi'(xi))^2.",
            "phi is centred and normalised (E phi(xi) = 0, E phi(xi)^2 = 1, xi ~ N(0, 1)) by the library."},
        footer = {"", "Example: freeprob spectrum conjugate-kernel --activation relu --input-ratio 1"
                + " --layer-ratios 0.5,0.5 --layers"})
final class ConjugateKernelCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConjugateKernelOptions options;

    @Option(names = "--layers", description = "add every layer's summary (l = 0 ... L): ratio, support, atoms,"
            + " lambda_max, variance (closed form) and the moment error against the exact engine")
    boolean layers;

    @Mixin
    GridOptions grid;

    @Mixin
    LogAxisOption axis;

    @Mixin
    OutputOptions outputOptions;

    @Override
    public Integer call() {
        grid.check();
        long start = System.nanoTime();
        SpectrumReport report = predict(options.kernel(), layers, grid.grid().geometric(axis.logX), start);
        Outputs.emit(spec, report, outputOptions.format, outputOptions.output, grid.plot, report.name);
        return 0;
    }

    /** The prediction of {@code spectrum conjugate-kernel}, shared with {@code validate conjugate-kernel}. */
    static SpectrumReport predict(ConjugateKernel kernel, boolean layers, Grid grid, long start) {
        int depth = kernel.depth();
        double[] exact = kernel.exactMoments(depth, SpectrumReport.MOMENTS,
                NetworkSpectrumCommand.exactPrecision()).toDoubleArray();
        SpectrumReport report = SpectrumReport.of("conjugate kernel K_L: " + kernel, kernel.spectrum(), exact,
                SpectrumReport.EXACT_SOURCE, NetworkSpectrumCommand.ROUTE, grid, start);
        report.extra.put("model", ConjugateKernelOptions.describe(kernel));
        report.extra.put("variance", kernel.variance(depth));
        report.extra.put("lambdaMax", kernel.lambdaMax(depth));
        report.extra.put("momentError", kernel.momentError(depth));
        if (layers) {
            for (int l = 0; l <= depth; l++) {
                report.layers.add(summary(kernel, l));
            }
        }
        return report;
    }

    /** One layer's summary as a JSON object. */
    static Map<String, Object> summary(ConjugateKernel kernel, int layer) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("layer", layer);
        map.put("ratio", kernel.ratio(layer));
        List<double[]> support = new ArrayList<>();
        for (Interval interval : kernel.spectrum(layer).support().intervals()) {
            support.add(new double[] {interval.lo(), interval.hi()});
        }
        map.put("support", support);
        List<Map<String, Object>> atoms = new ArrayList<>();
        for (Atom atom : kernel.spectrum(layer).atoms()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("location", atom.location());
            entry.put("mass", atom.mass());
            atoms.add(entry);
        }
        map.put("atoms", atoms);
        map.put("lambdaMax", kernel.lambdaMax(layer));
        map.put("variance", kernel.variance(layer));
        map.put("momentError", kernel.momentError(layer));
        return map;
    }
}
