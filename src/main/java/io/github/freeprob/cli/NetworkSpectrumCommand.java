package io.github.freeprob.cli;

import io.github.freeprob.network.Network;
import io.github.freeprob.network.WeightDistribution;
import io.github.freeprob.precision.Precision;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What {@code spectrum jacobian} and {@code spectrum ntk} share: the network options, the grid and output options of
 * the expression form, and the fields every network report carries ({@code "network"}, {@code "meanField"}).
 */
abstract class NetworkSpectrumCommand implements Callable<Integer> {

    /** The route the network recursions take for their free products. */
    static final String ROUTE = "subordination";

    @Spec
    CommandSpec spec;

    @Mixin
    NetworkOptions networkOptions;

    @Option(names = "--weights", required = true, converter = NetworkOptions.WeightsConverter.class,
            paramLabel = "orthogonal|gaussian", description = "weights sigma_w O (O Haar) or i.i.d. N(0, sigma_w^2/N)")
    WeightDistribution weights;

    @Mixin
    GridOptions grid;

    @Mixin
    LogAxisOption axis;

    @Mixin
    OutputOptions outputOptions;

    /** The exact engine's working precision for the reported moments. */
    static Precision exactPrecision() {
        return Precision.ofDigits(SpectrumReport.EXACT_DIGITS);
    }

    @Override
    public final Integer call() {
        grid.check();
        Network network = networkOptions.network(weights);
        long start = System.nanoTime();
        SpectrumReport report = report(network, start);
        Map<String, Object> own = new LinkedHashMap<>(report.extra);
        report.extra.clear();
        report.extra.put("network", NetworkOptions.describe(network));
        report.extra.put("meanField", NetworkOptions.meanFieldSummary(network));
        report.extra.putAll(own);
        Outputs.emit(spec, report, outputOptions.format, outputOptions.output, grid.plot, report.name);
        return 0;
    }

    /** @return the grid of the report: {@code --points}, {@code --threads} and {@code --log-x} */
    Grid reportGrid() {
        return grid.grid().geometric(axis.logX);
    }

    /**
     * Computes the law and reports it on the grid, with the command's own fields in {@link SpectrumReport#extra}
     * (they follow "network" and "meanField").
     */
    abstract SpectrumReport report(Network network, long start);
}
