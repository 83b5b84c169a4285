package io.github.freeprob.numerics;

import org.hipparchus.analysis.integration.gauss.GaussIntegrator;
import org.hipparchus.analysis.integration.gauss.GaussIntegratorFactory;

/**
 * An n-point Gauss–Legendre rule on [−1, 1] (nodes and weights from Hipparchus), exact for polynomials of degree
 * ≤ 2n − 1. Rules are constants: each size is computed once and memoised (the memo never changes a result).
 *
 * @param nodes   the nodes, ascending (a copy is kept)
 * @param weights the weights
 */
public record GaussLegendre(double[] nodes, double[] weights) {

    /** Copies the arrays. */
    public GaussLegendre {
        nodes = nodes.clone();
        weights = weights.clone();
    }

    /**
     * @param n number of points, ≥ 1
     * @return the rule
     */
    public static GaussLegendre of(int n) {
        Checks.atLeast("Gauss-Legendre points", n, 1);
        return RULES.computeIfAbsent(n, GaussLegendre::compute);
    }

    private static final java.util.concurrent.ConcurrentMap<Integer, GaussLegendre> RULES =
            new java.util.concurrent.ConcurrentHashMap<>();

    private static GaussLegendre compute(int n) {
        GaussIntegrator rule = new GaussIntegratorFactory().legendre(n);
        double[] x = new double[n];
        double[] w = new double[n];
        for (int j = 0; j < n; j++) {
            x[j] = rule.getPoint(j);
            w[j] = rule.getWeight(j);
        }
        return new GaussLegendre(x, w);
    }

    /** @return a copy of the nodes */
    @Override
    public double[] nodes() {
        return nodes.clone();
    }

    /** @return a copy of the weights */
    @Override
    public double[] weights() {
        return weights.clone();
    }

    /** @return the number of points */
    public int size() {
        return nodes.length;
    }

    /** Accessor without copying, for hot loops in this package. */
    double node(int j) {
        return nodes[j];
    }

    double weight(int j) {
        return weights[j];
    }
}
