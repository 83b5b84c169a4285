package io.github.freeprob.validation;

import io.github.freeprob.inversion.Spectrum;
import io.github.freeprob.measure.Atom;
import io.github.freeprob.sampling.SpectralErgodicity;
import io.github.freeprob.sampling.SpectralErgodicity.Binning;
import java.util.List;

/**
 * The large-N limits of the spectral ergodicity statistics ({@link SpectralErgodicity}) that free probability
 * predicts. A member of size N whose eigenvalue distribution tends to a law μ has bin fractions p_k → μ(B_k) (almost
 * surely, for bins whose edges carry no atom); hence
 *
 * <ul>
 *   <li>the ensemble mean p̄_k tends to μ(B_k) ({@link #binMasses});</li>
 *   <li>Ω_k tends to the variance of the members' limit masses, (1/M) Σ_i (μ_i(B_k) − μ̄(B_k))² ({@link #omega}): 0
 *       when all members share their limit law (the ensemble is spectrally ergodic in the limit), positive when they do
 *       not (layers of a network whose q^ℓ changes with depth);</li>
 *   <li>the cascade d_ℓ tends to D(Ω^(ℓ−1)_∞, Ω^(ℓ)_∞) ({@link #cascade}).</li>
 * </ul>
 *
 * <p>The outermost bins are open to ±∞ here, so that the masses sum to 1: the sample's bins span its own range, and
 * a limit law's mass beyond it belongs to the end bins.
 */
public final class ErgodicityLimit {

    /**
     * Threshold of the total-variation distance between a sampled ensemble's mean bin fractions and the limit law's
     * bin masses: 2/N. Measured N·TV over seeds 0–9 at N = 50, 100, 200, 400 (M = 20, B = 10): at most 1.33 (GOE →
     * semicircle(1)) and 1.29 (Wishart → mp(½)); the constant is 1.5 times the largest (docs/spectral-ergodicity.md).
     */
    public static final Scaling MEAN_RULE = new Scaling(2, 1);
    /**
     * Threshold of |Σ_k Ω_k − Σ_k Ω_∞,k| for the layer ensemble of a sampled network: 0.1/√N. The fractions of D_ℓ's
     * eigenvalues in a bin fluctuate like a mean of N nearly independent terms, so the cross term with the layers'
     * spread is O(N^(−1/2)). Measured √N·error over seeds 0–9 for hard tanh, Gaussian weights, q¹ = 3, L = 4 at
     * N = 100, 200, 400: at most 0.060, 0.042, 0.040; the constant is 1.5 times the largest.
     */
    public static final Scaling LAYER_RULE = new Scaling(0.1, 0.5);

    /** An atom this close (relative to the bin width) to a bin edge counts as lying on it. */
    private static final double EDGE_TOLERANCE = 1e-12;

    private ErgodicityLimit() {
    }

    /**
     * The limit masses μ(B_k) of the bins B_0 = (−∞, e_1), B_k = [e_k, e_{k+1}), B_{B−1} = [e_{B−1}, ∞): from the
     * CDF of the inverted law, F(e⁻) = F(e) − μ({e}) at an edge that holds an atom.
     *
     * @param limit   the limit law
     * @param binning the bins
     * @return B masses summing to 1 (to the inversion's accuracy)
     */
    public static double[] binMasses(Spectrum limit, Binning binning) {
        double[] edges = binning.edges();
        int b = binning.bins();
        double width = (binning.hi() - binning.lo()) / b;
        double[] below = new double[b + 1];
        below[0] = 0;
        below[b] = 1;
        for (int k = 1; k < b; k++) {
            double f = limit.cdf(edges[k]);
            for (Atom atom : limit.atoms()) {
                if (Math.abs(atom.location() - edges[k]) <= EDGE_TOLERANCE * width) {
                    f -= atom.mass();
                }
            }
            below[k] = f;
        }
        double[] masses = new double[b];
        for (int k = 0; k < b; k++) {
            masses[k] = Math.max(0, below[k + 1] - below[k]);
        }
        return masses;
    }

    /**
     * @param memberMasses the limit bin masses μ_i(B_k) of each member i (M ≥ 1 rows of equal length)
     * @return Ω_∞,k = (1/M) Σ_i (μ_i(B_k) − μ̄(B_k))²
     */
    public static double[] omega(double[][] memberMasses) {
        int m = memberMasses.length;
        if (m == 0) {
            throw new IllegalArgumentException("an ensemble needs at least one member, but had 0");
        }
        int b = memberMasses[0].length;
        double[] mean = new double[b];
        for (double[] row : memberMasses) {
            if (row.length != b) {
                throw new IllegalArgumentException("every member needs " + b + " bin masses, but one had "
                        + row.length);
            }
            for (int k = 0; k < b; k++) {
                mean[k] += row[k] / m;
            }
        }
        double[] omega = new double[b];
        for (int k = 0; k < b; k++) {
            boolean equal = true;
            for (double[] row : memberMasses) {
                equal &= row[k] == memberMasses[0][k];
            }
            if (equal) {
                continue; // exactly 0, not the rounding of the mean (members sharing one law)
            }
            for (double[] row : memberMasses) {
                double d = row[k] - mean[k];
                omega[k] += d * d / m;
            }
        }
        return omega;
    }

    /**
     * The limit of the cascade of layer ensembles: Ω^(ℓ)_∞ of the first ℓ layers' limit masses, and
     * d_ℓ^∞ = D(Ω^(ℓ−1)_∞, Ω^(ℓ)_∞) for ℓ = 2 … L.
     *
     * @param layerMasses the limit bin masses of each layer, L ≥ 2
     * @param shift       ε ≥ 0
     * @return d_ℓ^∞, index ℓ − 2
     */
    public static double[] cascade(double[][] layerMasses, double shift) {
        if (layerMasses.length < 2) {
            throw new IllegalArgumentException("a cascade needs at least 2 layers, but had " + layerMasses.length);
        }
        double[] d = new double[layerMasses.length - 1];
        double[] previous = omega(java.util.Arrays.copyOf(layerMasses, 1));
        for (int l = 2; l <= layerMasses.length; l++) {
            double[] current = omega(java.util.Arrays.copyOf(layerMasses, l));
            d[l - 2] = SpectralErgodicity.symmetricKl(previous, current, shift);
            previous = current;
        }
        return d;
    }

    /** @return the limit masses of each law on the bins */
    public static double[][] binMasses(List<Spectrum> laws, Binning binning) {
        return laws.stream().map(law -> binMasses(law, binning)).toArray(double[][]::new);
    }

    /**
     * @return the total-variation distance ½ Σ_k |p_k − q_k| of two bin-mass vectors of equal length
     */
    public static double totalVariation(double[] p, double[] q) {
        if (p.length != q.length) {
            throw new IllegalArgumentException("bin-mass vectors must have equal lengths, but had " + p.length
                    + " and " + q.length);
        }
        double sum = 0;
        for (int k = 0; k < p.length; k++) {
            sum += Math.abs(p[k] - q[k]);
        }
        return sum / 2;
    }
}
