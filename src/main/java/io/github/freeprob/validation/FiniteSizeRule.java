package io.github.freeprob.validation;

import io.github.freeprob.numerics.Checks;

/**
 * Thresholds as functions of N, one {@link Scaling} per distance. The two presets were measured as
 * {@code docs/validation.md} describes: for each family, the distances of several seeds at N = 250, 500, 1000 were
 * fitted to c·N^(−p) with the exponent fixed by theory, and the threshold constant is a margin over the largest
 * measured c, so that a correct prediction fails with negligible probability while an error of a few percent in a
 * law (a wrong parameter, a missing atom) is caught at N ≥ 250.
 *
 * @param levy                the Lévy threshold
 * @param relativeWasserstein the relative W₁ threshold
 * @param relativeMoment      the relative moment threshold
 * @param relativeEdge        the relative edge threshold
 * @param moments             K, the number of moments compared
 */
public record FiniteSizeRule(Scaling levy, Scaling relativeWasserstein, Scaling relativeMoment, Scaling relativeEdge,
                             int moments) {

    /**
     * Matrix ensembles: GOE, Wishart, and O diag(x) Oᵀ sums and products with deterministic quantile spectra x.
     * Their linear statistics fluctuate by O(1/N) (no √N: eigenvalue repulsion) and the edge by O(N^(−2/3)).
     */
    public static final FiniteSizeRule ENSEMBLE = new FiniteSizeRule(new Scaling(9, 1), new Scaling(16, 1),
            new Scaling(60, 1), new Scaling(6, 2.0 / 3), 4);

    /**
     * Jacobians JJᵀ of networks at initialisation. Their D_ℓ are built from N Gaussian-like pre-activations, so the
     * empirical ν_ℓ (e.g. the fraction of active ReLUs) and q^ℓ fluctuate by O(N^(−1/2)), and so do all distances.
     * Constants: 1.5 times the largest c = d·√N over 40 seeds at N = 250 (S = 1) of relu (L = 3, both ensembles),
     * hard tanh (orthogonal L = 3, Gaussian L = 2) and tanh (orthogonal L = 3) at criticality: Lévy 0.88, relative
     * W₁ 3.83, moments 20.7 (m₄ of the relu Gaussian Jacobian), edge 2.87 (docs/validation.md).
     */
    public static final FiniteSizeRule JACOBIAN = new FiniteSizeRule(new Scaling(1.5, 0.5), new Scaling(6, 0.5),
            new Scaling(32, 0.5), new Scaling(4.5, 0.5), 4);

    /**
     * One-input NTKs of networks at initialisation, the same O(N^(−1/2)) mechanism; for relu the law is atoms at
     * depth 2, and the sampled clusters move as a whole with the realised q^ℓ, so the Lévy distance is larger.
     * Constants: 1.5 times the largest c = d·√N over 40 seeds at N = 250 (S = 1) of relu (L = 2, both ensembles),
     * hard tanh (orthogonal L = 2) and tanh (orthogonal L = 3, Gaussian L = 2) at criticality: Lévy 6.33, relative
     * W₁ 3.49, moments 8.71, edge 1.18.
     */
    public static final FiniteSizeRule NTK = new FiniteSizeRule(new Scaling(10, 0.5), new Scaling(5.5, 0.5),
            new Scaling(13, 0.5), new Scaling(2, 0.5), 4);

    /**
     * Conjugate kernels K_ℓ = X_ℓᵀX_ℓ/d_ℓ of multi-input networks (Fan and Wang 2020), at N = n, the number of inputs
     * (the size of K_ℓ). Like the ensembles, their distances fall as 1/n (edge n^(−2/3)): measured Lévy·n flat at
     * 2.4–3.7 from n = 250 to 1000 (docs/conjugate-kernel.md §4). Constants: about 1.5 times the largest c = d·n^p
     * over 40 seeds at n = 250 of tanh, relu and gelu with γ = 1; 0.5, 0.5 and 2; 1, 2 and 4; 1, 4 and 0.5; 2, 1 (the
     * law of the last layer, L = 2): Lévy 4.33, relative W₁ 26.1, moments 193 (m₄ at γ = 4), edge 8.84.
     */
    public static final FiniteSizeRule CONJUGATE_KERNEL = new FiniteSizeRule(new Scaling(7, 1), new Scaling(40, 1),
            new Scaling(300, 1), new Scaling(14, 2.0 / 3), 4);

    /**
     * Jacobians JJᵀ of one MLP-Mixer block (four steps) on S×C features: the dense MLP of width N = SC, the
     * random-permuted mixer against the free law, the plain linear mixer against the tensor law ({@code docs/mixer.md}).
     * The permuted mixer shares one S×S weight across C blocks (and one C×C weight across S), so its spectrum fluctuates
     * like those of S×S matrices: O(1/S) = O(N^(−1/2)) for S = C, with constants far larger than a dense network's, and
     * its largest eigenvalues overshoot the free edge. Constants: 1.5 times the largest c = d·√n over 20 seeds
     * (n = 4 draws × N = 256, S = C = 16) of linear and relu with Gaussian weights, relu and critical tanh (q* = ½)
     * with orthogonal weights: Lévy 1.78 (relu orthogonal, permuted), relative W₁ 10.4 (linear, plain vs tensor),
     * m₁, m₂ 43.2 (the same), edge 63.9 (relu Gaussian, permuted). Only m₁ and m₂ are compared: higher moments of
     * these heavy-tailed spectra fluctuate by more than 100 %. The Lévy distance and relative W₁ are the informative
     * checks; the moment and edge thresholds catch only gross errors.
     */
    public static final FiniteSizeRule MIXER = new FiniteSizeRule(new Scaling(2.7, 0.5), new Scaling(15.6, 0.5),
            new Scaling(65, 0.5), new Scaling(96, 0.5), 2);

    /** @throws IllegalArgumentException if K &lt; 1 */
    public FiniteSizeRule {
        Checks.atLeast("moments K", moments, 1);
    }

    /**
     * The Jacobian rule at depth L. {@link #JACOBIAN} was measured at depths 2 and 3; deeper networks fluctuate more
     * at a fixed N (the sampled JJᵀ multiplies L noisy layers, and its moments and edge are carried by a thin tail), so
     * the constants were measured again at L = 8 and 32 ({@link #JACOBIAN_DEPTHS}): 1.5 times the largest c = d·√N
     * over 100 seeds at N = 200 of linear, relu, hard tanh (q* = 1/4) and tanh (q* = 1/64) at criticality, both
     * ensembles, and never below the shallower constant. These statistics are heavy-tailed at depth (with 20 seeds
     * the largest relative W₁, moment and edge errors of relu with Gaussian weights at L = 32 were 3, 15 and 4 times
     * smaller than with 100), so at L = 32 and N = 200 only the Lévy distance remains a sharp check. Between the
     * measured depths the constants are interpolated linearly in log L against log c; beyond L = 32 they are
     * extrapolated with the slope between 8 and 32 (a check at L = 128 with 10 seeds, where the predictions converge:
     * linear and relu with Gaussian weights, stayed below: Lévy 0.17, W₁ 13.7, moments 95). At L ≤ 3 this is
     * {@link #JACOBIAN}.
     *
     * @param depth L ≥ 1
     * @return the rule at that depth
     */
    public static FiniteSizeRule jacobian(int depth) {
        return atDepth(JACOBIAN, JACOBIAN_DEPTHS, JACOBIAN_CONSTANTS, depth);
    }

    /**
     * The NTK rule at depth L: {@link #NTK} (measured at depth 2) at L ≤ 2, and from there constants measured at
     * L = 4, 8 and 16 ({@link #NTK_DEPTHS}): 1.5 times the largest c = d·√N over 100 seeds at N = 200 of relu
     * (σ_w² = 2, q¹ = 1) and 20 of critical tanh (q* = 1/64, far smaller), orthogonal weights, never below the
     * shallower constant;
     * interpolated and extrapolated as in {@link #jacobian(int)}.
     *
     * @param depth L ≥ 1
     * @return the rule at that depth
     */
    public static FiniteSizeRule ntk(int depth) {
        return atDepth(NTK, NTK_DEPTHS, NTK_CONSTANTS, depth);
    }

    /** Depths at which the Jacobian constants were measured; the first is {@link #JACOBIAN}'s. */
    static final int[] JACOBIAN_DEPTHS = {3, 8, 32};
    /** Constants (Lévy, relative W₁, relative moments, relative edge) at {@link #JACOBIAN_DEPTHS}; docs/validation.md. */
    static final double[][] JACOBIAN_CONSTANTS = {{1.5, 6, 32, 4.5}, {2.15, 15.9, 215, 10.5},
        {2.15, 60.2, 7570, 36.6}};
    /** Depths at which the NTK constants were measured; the first is {@link #NTK}'s. */
    static final int[] NTK_DEPTHS = {2, 4, 8, 16};
    /** Constants (Lévy, relative W₁, relative moments, relative edge) at {@link #NTK_DEPTHS}; docs/validation.md. */
    static final double[][] NTK_CONSTANTS = {{10, 5.5, 13, 2}, {10.9, 10.5, 42.5, 4.38}, {11.4, 11.7, 72.7, 7.23},
        {12.5, 21.2, 169, 14.0}};

    private static FiniteSizeRule atDepth(FiniteSizeRule base, int[] depths, double[][] constants, int depth) {
        Checks.atLeast("depth", depth, 1);
        if (depth <= depths[0]) {
            return base;
        }
        int k = 1;
        while (k < depths.length - 1 && depth > depths[k]) {
            k++;
        }
        double t = Math.log((double) depth / depths[k - 1]) / Math.log((double) depths[k] / depths[k - 1]);
        Scaling[] scaled = new Scaling[4];
        Scaling[] parts = {base.levy, base.relativeWasserstein, base.relativeMoment, base.relativeEdge};
        for (int i = 0; i < 4; i++) {
            double logC = Math.log(constants[k - 1][i]) + t * (Math.log(constants[k][i]) - Math.log(constants[k - 1][i]));
            scaled[i] = new Scaling(Math.exp(logC), parts[i].exponent());
        }
        return new FiniteSizeRule(scaled[0], scaled[1], scaled[2], scaled[3], base.moments);
    }

    /** @return the thresholds at size N */
    public Thresholds at(int n) {
        return new Thresholds(levy.at(n), relativeWasserstein.at(n), relativeMoment.at(n), relativeEdge.at(n),
                moments);
    }
}
