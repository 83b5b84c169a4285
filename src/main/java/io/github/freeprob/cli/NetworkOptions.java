package io.github.freeprob.cli;

import io.github.freeprob.network.Activation;
import io.github.freeprob.network.MeanField;
import io.github.freeprob.network.Network;
import io.github.freeprob.network.WeightDistribution;
import io.github.freeprob.numerics.Checks;
import io.github.freeprob.numerics.ConvergenceException;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * The options that describe a network's mean field, shared by {@code spectrum jacobian}, {@code spectrum ntk} and
 * {@code meanfield}: {@code --activation}, {@code --sigma-w2}, {@code --sigma-b2}, {@code --depth}, {@code --q1}.
 * Which of them a command needs, it checks itself ({@link #require}), so that every error names the option.
 */
final class NetworkOptions {

    @Option(names = "--activation", paramLabel = "NAME", required = true, converter = ActivationConverter.class,
            description = "linear, relu, leaky_relu(alpha), hard_tanh, tanh, erf, sigmoid, gelu, swish")
    Activation activation;

    @Option(names = "--sigma-w2", paramLabel = "X", description = "weight variance sigma_w^2 > 0")
    Double weightVariance;

    @Option(names = "--sigma-b2", paramLabel = "Y", description = "bias variance sigma_b^2 >= 0")
    Double biasVariance;

    @Option(names = "--depth", paramLabel = "L", description = "depth L >= 1")
    Integer depth;

    @Option(names = "--q1", paramLabel = "Q",
            description = "variance q^1 > 0 of the first pre-activations (default: the fixed point q*)")
    Double firstVariance;

    /** @throws IllegalArgumentException naming the option when it is missing */
    static <T> T require(String option, T value) {
        if (value == null) {
            throw new IllegalArgumentException("missing required option " + option);
        }
        return value;
    }

    /** @return the mean field of --activation, --sigma-w2, --sigma-b2 (both required and checked) */
    MeanField meanField() {
        double w = Checks.positive("--sigma-w2", require("--sigma-w2", weightVariance));
        double b = Checks.nonNegative("--sigma-b2", require("--sigma-b2", biasVariance));
        return new MeanField(activation, w, b);
    }

    /** @return the depth, checked against {@link Network#MAX_DEPTH} */
    int depth() {
        int l = require("--depth", depth);
        if (l < 1 || l > Network.MAX_DEPTH) {
            throw new IllegalArgumentException("--depth must be in [1, " + Network.MAX_DEPTH + "], but was " + l);
        }
        return l;
    }

    /** @return --q1, checked, or NaN when not given */
    double firstVariance() {
        return firstVariance == null ? Double.NaN : Checks.positive("--q1", firstVariance);
    }

    /**
     * @param weights the weight ensemble
     * @return the network, started at q* unless --q1 was given
     * @throws IllegalArgumentException for a missing or invalid option, or (without --q1) when there is no q*
     */
    Network network(WeightDistribution weights) {
        MeanField field = meanField();
        int l = depth();
        double q1 = firstVariance();
        Network network = Network.of(activation, weights, field.weightVariance(), field.biasVariance(), l);
        if (!Double.isNaN(q1)) {
            return network.withFirstVariance(q1);
        }
        try {
            field.fixedPoint();
        } catch (ConvergenceException e) {
            throw new IllegalArgumentException(activation + " with --sigma-w2 " + Checks.format(field.weightVariance())
                    + " and --sigma-b2 " + Checks.format(field.biasVariance()) + " has no mean-field fixed point q* to"
                    + " start from (" + e.getMessage() + "); give --q1", e);
        }
        return network;
    }

    /** @return --activation, --weights, --sigma-w2, --sigma-b2, --depth and --q1 as a JSON object */
    static Map<String, Object> describe(Network network) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("activation", network.activation().name());
        map.put("weights", network.weights().label());
        map.put("sigmaW2", network.weightVariance());
        map.put("sigmaB2", network.biasVariance());
        map.put("depth", network.depth());
        map.put("q1", network.startsAtFixedPoint() ? "q*" : (Object) network.firstVariance());
        return map;
    }

    /**
     * The mean field along the network: q¹ … q^L, χ at each q^ℓ, and q* with χ at q* (null, with the reason in
     * {@code "fixedPoint"}, where the variance map has no fixed point: then only a network given --q1 exists).
     */
    static Map<String, Object> meanFieldSummary(Network network) {
        MeanField field = network.meanField();
        double[] q = network.variances();
        double[] chiByLayer = new double[q.length];
        for (int l = 0; l < q.length; l++) {
            chiByLayer[l] = field.chi(q[l]);
        }
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("q", q);
        putFixedPoint(map, field);
        map.put("chiByLayer", chiByLayer);
        return map;
    }

    /** Puts "qStar" and "chi" (χ at q*), or nulls and the reason under "fixedPoint" when there is no q*. */
    static void putFixedPoint(Map<String, Object> map, MeanField field) {
        try {
            double qStar = field.fixedPoint();
            map.put("qStar", qStar);
            map.put("chi", field.chi(qStar));
        } catch (ConvergenceException e) {
            map.put("qStar", null);
            map.put("chi", null);
            map.put("fixedPoint", "none: " + e.getMessage());
        }
    }

    /** Parses --activation. */
    static final class ActivationConverter implements ITypeConverter<Activation> {
        @Override
        public Activation convert(String value) {
            try {
                return Activation.named(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** Parses --weights. */
    static final class WeightsConverter implements ITypeConverter<WeightDistribution> {
        @Override
        public WeightDistribution convert(String value) {
            try {
                return WeightDistribution.named(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
