package io.github.freeprob.cli;

import io.github.freeprob.measure.Atom;
import io.github.freeprob.measure.Interval;
import io.github.freeprob.network.Network;
import io.github.freeprob.network.NtkCauchyTransform;
import io.github.freeprob.network.NtkLayer;
import io.github.freeprob.network.NtkSpectrum;
import io.github.freeprob.numerics.ConvergenceException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code freeprob spectrum ntk}: the limit law of the eigenvalues of the one-input neural tangent kernel Θ_L of a
 * network at initialisation (NTK parameterisation), its λ_max and the learning-rate bound 2/λ_max, and with
 * {@code --layers} the summary of every layer's law.
 */
@Command(name = "ntk", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"The spectrum of the one-input neural tangent kernel Theta_L of a deep network at"
                + " initialisation (NTK parameterisation), with lambda_max and the learning-rate bound 2/lambda_max.",
            "Without --q1 the network starts at its mean-field fixed point q*."},
        footer = {"", "Example: freeprob spectrum ntk --activation tanh --weights orthogonal --sigma-w2 1.5"
                + " --sigma-b2 0.1 --depth 3 --layers"})
final class NtkCommand extends NetworkSpectrumCommand {

    @Option(names = "--layers", description = "add every layer's summary: support, atoms, lambda_min, lambda_max,"
            + " condition number, learning-rate bound, moments and their error against the exact engine")
    boolean layers;

    @Option(names = "--density-only", description = "only the density of Theta_L, straight from its Cauchy"
            + " transform (seconds at L = 1000, where the full report inverts every layer): no atoms, support, CDF,"
            + " lambda_max or --layers; the grid ends where at most 1e-6 of the mass lies above")
    boolean densityOnly;

    /** The mass of μ_L allowed above the grid of {@code --density-only} ({@link NtkCauchyTransform#upperBound}). */
    static final double MASS_ABOVE_GRID = 1e-6;

    @Override
    SpectrumReport report(Network network, long start) {
        if (densityOnly) {
            if (layers) {
                throw new IllegalArgumentException("--layers needs every layer's inversion, which --density-only"
                        + " skips: drop one of them");
            }
            return density(network, reportGrid(), start);
        }
        return predict(network, layers, reportGrid(), start);
    }

    /**
     * The density of μ_L alone, on a grid from q^L (Θ_L ≥ q^L I) to the point above which at most
     * {@value #MASS_ABOVE_GRID} of the mass lies, straight from G_L ({@link NtkCauchyTransform}).
     */
    static SpectrumReport density(Network network, Grid grid, long start) {
        double[] exact = NtkSpectrum.exactMoments(network, SpectrumReport.MOMENTS, exactPrecision()).toDoubleArray();
        double[] q = network.variances();
        double top = NtkCauchyTransform.upperBound(network, MASS_ABOVE_GRID);
        NtkCauchyTransform transform = NtkCauchyTransform.of(network);
        SpectrumReport report;
        try {
            report = SpectrumReport.ofDensity("NTK Theta_L (density only): " + network,
                    Interval.of(q[q.length - 1], top), grid, xs -> transform.density(xs, grid.evaluation()), exact,
                    "NtkCauchyTransform: -Im G_L(x + i0)/pi, no inversion", start);
        } catch (ConvergenceException e) {
            throw new ConvergenceException("--density-only: " + e.routine() + " (the chain of all layers at once;"
                    + " without --density-only every layer is inverted in turn)", e.bestEstimate(),
                    e.errorEstimate(), e.tolerance(), e.iterations());
        }
        report.extra.put("gridTop", top);
        return report;
    }

    /** The prediction of {@code spectrum ntk}, shared with {@code validate ntk}. */
    static SpectrumReport predict(Network network, boolean layers, Grid grid, long start) {
        NtkSpectrum ntk = NtkSpectrum.of(network);
        double[] exact = ntk.exactMoments(SpectrumReport.MOMENTS, exactPrecision()).toDoubleArray();
        SpectrumReport report = SpectrumReport.of("NTK Theta_L: " + network, ntk.spectrum(), exact,
                SpectrumReport.EXACT_SOURCE, ROUTE, grid, start);
        report.extra.put("lambdaMax", ntk.lambdaMax());
        report.extra.put("learningRateBound", ntk.learningRateBound());
        report.extra.put("lambdaMaxByLayer", ntk.lambdaMaxByLayer());
        if (layers) {
            for (NtkLayer layer : ntk.layers()) {
                report.layers.add(summary(layer));
            }
        }
        return report;
    }

    /** One layer's summary as a JSON object. */
    static Map<String, Object> summary(NtkLayer layer) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("layer", layer.layer());
        map.put("q", layer.variance());
        List<double[]> support = new ArrayList<>();
        for (Interval interval : layer.support().intervals()) {
            support.add(new double[] {interval.lo(), interval.hi()});
        }
        map.put("support", support);
        List<Map<String, Object>> atoms = new ArrayList<>();
        for (Atom atom : layer.atoms()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("location", atom.location());
            entry.put("mass", atom.mass());
            atoms.add(entry);
        }
        map.put("atoms", atoms);
        map.put("lambdaMin", layer.lambdaMin());
        map.put("lambdaMax", layer.lambdaMax());
        map.put("conditionNumber", layer.conditionNumber());
        map.put("learningRateBound", layer.learningRateBound());
        double[] moments = layer.moments();
        map.put("moments", Arrays.copyOfRange(moments, 1, moments.length));
        map.put("momentError", layer.momentError());
        return map;
    }
}
