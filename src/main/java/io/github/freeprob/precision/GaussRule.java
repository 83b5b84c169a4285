package io.github.freeprob.precision;

import java.util.List;

/**
 * A Gauss quadrature rule in arbitrary precision: nodes x_i and positive weights w_i summing to 1, the discrete law
 * Σ w_i δ_{x_i} that reproduces the first 2K moments of the measure it was built from.
 */
public final class GaussRule {

    private final BigFloat[] nodes;
    private final BigFloat[] weights;
    private final Precision precision;

    GaussRule(BigFloat[] nodes, BigFloat[] weights, Precision precision) {
        this.nodes = nodes;
        this.weights = weights;
        this.precision = precision;
    }

    /** @return the number of nodes K */
    public int size() {
        return nodes.length;
    }

    /** @return the nodes, ascending (unmodifiable) */
    public List<BigFloat> nodes() {
        return List.of(nodes);
    }

    /** @return the weights, in the order of the nodes (unmodifiable) */
    public List<BigFloat> weights() {
        return List.of(weights);
    }

    /** @return the precision of nodes and weights */
    public Precision precision() {
        return precision;
    }

    /** @return nodes as doubles */
    public double[] nodesAsDoubles() {
        double[] out = new double[nodes.length];
        for (int i = 0; i < nodes.length; i++) {
            out[i] = nodes[i].doubleValue();
        }
        return out;
    }

    /** @return weights as doubles */
    public double[] weightsAsDoubles() {
        double[] out = new double[weights.length];
        for (int i = 0; i < weights.length; i++) {
            out[i] = weights[i].doubleValue();
        }
        return out;
    }

    /**
     * @param n highest order
     * @return Σ w_i x_i^k for k = 0..n, in full precision
     */
    public MomentSequence moments(int n) {
        BigFloat[] m = new BigFloat[n + 1];
        BigFloat[] powers = weights.clone();
        m[0] = precision.one();
        for (int k = 1; k <= n; k++) {
            BigFloat sum = precision.zero();
            for (int i = 0; i < nodes.length; i++) {
                powers[i] = powers[i].multiply(nodes[i]);
                sum = sum.add(powers[i]);
            }
            m[k] = sum;
        }
        return MomentSequence.wrap(m, precision);
    }
}
