package io.github.freeprob.sampling;

import io.github.freeprob.numerics.Checks;
import java.util.Arrays;

/**
 * Spectral ergodicity of an ensemble of matrices (Süzen, Weber and Cerdà, "Spectral ergodicity in deep learning
 * architectures via surrogate random matrices", arXiv:1704.08303, 2017) and its cascading periodic form across the
 * layers of a network (Süzen, Cerdà and Weber, "Periodic spectral ergodicity: a complexity measure for deep neural
 * networks and neural architecture search", arXiv:1911.07831, 2019). The definitions, and every choice the sources
 * leave open, are in {@code docs/spectral-ergodicity.md}; in short:
 *
 * <ul>
 *   <li>a member's spectrum is its eigenvalue list; it is binned on a {@link Binning} common to every member (and to
 *       both ensembles of a distance) into the <b>fraction</b> p_{i,k} of its eigenvalues in bin k;</li>
 *   <li>the ergodicity measure of M members is the per-bin ensemble variance (Thirumalai and Mountain's metric)
 *       Ω_k = (1/M) Σ_i (p_{i,k} − p̄_k)², p̄_k = (1/M) Σ_i p_{i,k};</li>
 *   <li>the distance between two such vectors is the symmetric Kullback–Leibler sum, in bits, with a shift ε that
 *       keeps empty bins finite: D(a, b) = Σ_k (a_k − b_k) log₂((a_k + ε)/(b_k + ε)) (the vectors are not normalised);
 *   </li>
 *   <li>a shorter spectrum is made as long as the longest by periodic extension ({@link #periodic}).</li>
 * </ul>
 *
 * <p>These are statistics of samples: nothing here knows a limit law. The free-probability prediction of their
 * large-N limits is in {@code validation.ErgodicityLimit}.
 */
public final class SpectralErgodicity {

    /** The sources' shift ε of the logarithm's arguments (Süzen's bristol package, {@code kl_distance_symmetric}). */
    public static final double DEFAULT_SHIFT = 1e-9;
    /**
     * Spectra whose spread hi − lo is at most this fraction of max(|lo|, |hi|) are treated as one repeated value: the
     * eigensolver's rounding (about 1e-15 ‖A‖) must not be binned (W Wᵀ = σ_w² I for orthogonal weights).
     */
    public static final double ROUNDING_SPREAD = 1e-10;
    /** The sources' bin count (numpy's default histogram, as bristol uses it for real spectra). */
    public static final int DEFAULT_BINS = 10;

    private SpectralErgodicity() {
    }

    /**
     * Equal-width bins [e_k, e_{k+1}), k = 0 … B−1, e_k = lo + k (hi − lo)/B; the last bin is closed ([e_{B−1}, hi]).
     *
     * @param lo   the left end
     * @param hi   the right end, &gt; lo
     * @param bins B ≥ 1
     */
    public record Binning(double lo, double hi, int bins) {

        /** @throws IllegalArgumentException unless lo &lt; hi are finite and B ≥ 1 */
        public Binning {
            Checks.finite("binning lo", lo);
            Checks.finite("binning hi", hi);
            Checks.ordered("binning lo", lo, "binning hi", hi);
            Checks.atLeast("bins", bins, 1);
        }

        /**
         * The bins spanning every value of the given spectra, from the smallest to the largest (numpy's choice). When
         * all values are equal, or equal to within {@link #ROUNDING_SPREAD}, the bins span an interval of length 1 with
         * their midpoint at the centre of bin ⌊B/2⌋ (never on an edge, where rounding would split them).
         *
         * @throws IllegalArgumentException for no values or a value that is not finite
         */
        public static Binning spanning(int bins, double[]... spectra) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (double[] spectrum : spectra) {
                for (double v : spectrum) {
                    Checks.finite("eigenvalue", v);
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
            if (lo > hi) {
                throw new IllegalArgumentException("no eigenvalues to bin");
            }
            if (!(hi - lo > ROUNDING_SPREAD * Math.max(Math.abs(lo), Math.abs(hi)))) {
                double mid = 0.5 * (lo + hi);
                double start = mid - (bins / 2 + 0.5) / bins;
                return new Binning(start, start + 1, bins);
            }
            return new Binning(lo, hi, bins);
        }

        /** @return the B + 1 edges e_0 = lo … e_B = hi */
        public double[] edges() {
            double[] e = new double[bins + 1];
            for (int k = 0; k <= bins; k++) {
                e[k] = k == bins ? hi : lo + k * (hi - lo) / bins;
            }
            return e;
        }

        /**
         * @return the bin of x
         * @throws IllegalArgumentException if x is outside [lo, hi] or NaN
         */
        public int index(double x) {
            if (!(x >= lo && x <= hi)) {
                throw new IllegalArgumentException("eigenvalue " + Checks.format(x) + " is outside the bins ["
                        + Checks.format(lo) + ", " + Checks.format(hi) + "]");
            }
            return Math.min(bins - 1, (int) ((x - lo) / (hi - lo) * bins));
        }

        /**
         * @param eigenvalues one member's spectrum, not empty
         * @return the fraction of the eigenvalues in each bin (sums to 1)
         */
        public double[] fractions(double[] eigenvalues) {
            if (eigenvalues.length == 0) {
                throw new IllegalArgumentException("a member has no eigenvalues");
            }
            double[] p = new double[bins];
            for (double v : eigenvalues) {
                p[index(v)] += 1.0;
            }
            for (int k = 0; k < bins; k++) {
                p[k] /= eigenvalues.length;
            }
            return p;
        }
    }

    /**
     * The ergodicity measure of an ensemble.
     *
     * @param binning the bins
     * @param omega   Ω_k, the ensemble variance of the members' bin fractions
     * @param mean    p̄_k, the ensemble-averaged bin fractions (sums to 1)
     * @param members M
     */
    public record Ergodicity(Binning binning, double[] omega, double[] mean, int members) {

        /** Copies the arrays. */
        public Ergodicity {
            omega = omega.clone();
            mean = mean.clone();
        }

        @Override
        public double[] omega() {
            return omega.clone();
        }

        @Override
        public double[] mean() {
            return mean.clone();
        }

        /** @return Σ_k Ω_k: the scalar ergodicity measure (the summed per-bin variance) */
        public double total() {
            return Arrays.stream(omega).sum();
        }
    }

    /**
     * The ergodicity measure Ω of an ensemble: Ω_k = (1/M) Σ_i (p_{i,k} − p̄_k)² with p_{i,k} the fraction of member
     * i's eigenvalues in bin k. Zero exactly when every member has the same bin fractions.
     *
     * @param members the members' spectra (M ≥ 1; any lengths ≥ 1)
     * @param binning common bins holding every eigenvalue
     * @return Ω, p̄ and M
     * @throws IllegalArgumentException for no members, an empty member or an eigenvalue outside the bins
     */
    public static Ergodicity measure(double[][] members, Binning binning) {
        if (members.length == 0) {
            throw new IllegalArgumentException("an ensemble needs at least one member, but had 0");
        }
        int b = binning.bins();
        double[][] p = new double[members.length][];
        double[] mean = new double[b];
        for (int i = 0; i < members.length; i++) {
            p[i] = binning.fractions(members[i]);
            for (int k = 0; k < b; k++) {
                mean[k] += p[i][k] / members.length;
            }
        }
        double[] omega = new double[b];
        for (double[] pi : p) {
            for (int k = 0; k < b; k++) {
                double d = pi[k] - mean[k];
                omega[k] += d * d / members.length;
            }
        }
        return new Ergodicity(binning, omega, mean, members.length);
    }

    /**
     * The symmetric Kullback–Leibler sum of two non-negative vectors, in bits, with shift ε:
     * D(a, b) = Σ_k a_k log₂((a_k + ε)/(b_k + ε)) + b_k log₂((b_k + ε)/(a_k + ε)) = Σ_k (a_k − b_k)
     * log₂((a_k + ε)/(b_k + ε)). Every term is ≥ 0 and vanishes only where a_k = b_k, so D ≥ 0, D(a, b) = D(b, a) and
     * D(a, a) = 0. For probability vectors and ε = 0 it is Jeffreys' divergence KL(a‖b) + KL(b‖a).
     *
     * @param a     a_k ≥ 0
     * @param b     b_k ≥ 0, same length
     * @param shift ε ≥ 0; with ε = 0 a bin where exactly one of a_k, b_k is 0 makes D infinite
     * @return D(a, b)
     * @throws IllegalArgumentException for different lengths, a negative or non-finite entry or a negative shift
     */
    public static double symmetricKl(double[] a, double[] b, double shift) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("the vectors of a symmetric KL sum must have equal lengths, but had "
                    + a.length + " and " + b.length);
        }
        Checks.nonNegative("shift", shift);
        double sum = 0;
        for (int k = 0; k < a.length; k++) {
            Checks.nonNegative("entry " + k + " of the first vector", a[k]);
            Checks.nonNegative("entry " + k + " of the second vector", b[k]);
            if (a[k] == b[k]) {
                continue; // also 0 = 0 with ε = 0: the term's limit is 0
            }
            sum += (a[k] - b[k]) * Math.log((a[k] + shift) / (b[k] + shift));
        }
        return sum / Math.log(2);
    }

    /**
     * The spectral ergodicity distance of two ensembles, D(Ω^a, Ω^b) = {@link #symmetricKl}(Ω^a, Ω^b, ε).
     *
     * @throws IllegalArgumentException unless both were measured on the same bins
     */
    public static double distance(Ergodicity a, Ergodicity b, double shift) {
        if (!a.binning().equals(b.binning())) {
            throw new IllegalArgumentException("the two ensembles must be binned alike, but were " + a.binning()
                    + " and " + b.binning());
        }
        return symmetricKl(a.omega, b.omega, shift);
    }

    /**
     * Periodic extension of a spectrum of n eigenvalues to length n' = qn + r ≥ n (0 ≤ r &lt; n): q full copies, and
     * r more eigenvalues at evenly spaced ranks of the sorted spectrum, ranks ⌊(j + ½) n / r⌋, j = 0 … r−1. The sources
     * cycle through the eigenvalues in the order the solver returns them; taking the r extra ones at evenly spaced
     * ranks instead makes the extension independent of that order and keeps it from favouring one end of the
     * spectrum.
     *
     * @param eigenvalues n ≥ 1 eigenvalues
     * @param length      n' ≥ n
     * @return the extended spectrum, sorted
     * @throws IllegalArgumentException if the spectrum is empty or longer than n'
     */
    public static double[] periodic(double[] eigenvalues, int length) {
        int n = eigenvalues.length;
        if (n == 0) {
            throw new IllegalArgumentException("cannot extend an empty spectrum");
        }
        if (length < n) {
            throw new IllegalArgumentException("periodic length must be >= the spectrum's length " + n + ", but was "
                    + length);
        }
        double[] sorted = eigenvalues.clone();
        Arrays.sort(sorted);
        int copies = length / n;
        int rest = length - copies * n;
        double[] out = new double[length];
        for (int c = 0; c < copies; c++) {
            System.arraycopy(sorted, 0, out, c * n, n);
        }
        for (int j = 0; j < rest; j++) {
            out[copies * n + j] = sorted[(int) ((j + 0.5) * n / rest)];
        }
        Arrays.sort(out);
        return out;
    }

    /**
     * Every spectrum periodically extended to the length of the longest ({@link #periodic}).
     *
     * @throws IllegalArgumentException for no spectra or an empty one
     */
    public static double[][] periodic(double[][] spectra) {
        if (spectra.length == 0) {
            throw new IllegalArgumentException("no spectra to extend");
        }
        int longest = 0;
        for (double[] s : spectra) {
            longest = Math.max(longest, s.length);
        }
        double[][] out = new double[spectra.length][];
        for (int i = 0; i < spectra.length; i++) {
            out[i] = periodic(spectra[i], longest);
        }
        return out;
    }

    /**
     * Cascading periodic spectral ergodicity of a stack of L ≥ 2 layer spectra.
     *
     * @param binning the common bins
     * @param omegas  Ω^(ℓ), ℓ = 1 … L: the ergodicity measure of the first ℓ layers (Ω^(1) = 0)
     * @param d       d_ℓ = D(Ω^(ℓ−1), Ω^(ℓ)), ℓ = 2 … L (index ℓ − 2)
     */
    public record Cascade(Binning binning, double[][] omegas, double[] d) {

        /** Copies the arrays. */
        public Cascade {
            omegas = Arrays.stream(omegas).map(double[]::clone).toArray(double[][]::new);
            d = d.clone();
        }

        @Override
        public double[][] omegas() {
            return Arrays.stream(omegas).map(double[]::clone).toArray(double[][]::new);
        }

        @Override
        public double[] d() {
            return d.clone();
        }

        /**
         * @return cPSE = (1/(L−1)) Σ_ℓ log₁₀ d_ℓ, the sources' summary; −∞ when some d_ℓ = 0 (two consecutive
         *     ensembles with equal Ω, e.g. layers with identical spectra)
         */
        public double cpse() {
            double sum = 0;
            for (double x : d) {
                sum += Math.log10(x);
            }
            return sum / d.length;
        }
    }

    /**
     * Cascading periodic spectral ergodicity: the layer spectra are extended periodically to the longest, binned on
     * common bins spanning all of them, and for ℓ = 1 … L the first ℓ layers form an ensemble with measure Ω^(ℓ);
     * d_ℓ = D(Ω^(ℓ−1), Ω^(ℓ)) measures how much layer ℓ changes the ensemble.
     *
     * @param layers the spectra of the layer matrices in feed-forward order, L ≥ 2
     * @param bins   B ≥ 1
     * @param shift  ε ≥ 0
     * @return the cascade
     * @throws IllegalArgumentException for fewer than two layers, an empty spectrum, B &lt; 1 or ε &lt; 0
     */
    public static Cascade cascade(double[][] layers, int bins, double shift) {
        if (layers.length < 2) {
            throw new IllegalArgumentException("a cascade needs at least 2 layers, but had " + layers.length);
        }
        double[][] extended = periodic(layers);
        Binning binning = Binning.spanning(bins, extended);
        return cascade(extended, binning, shift);
    }

    /** The cascade on given bins, of spectra already of equal length or not (they are used as given). */
    public static Cascade cascade(double[][] layers, Binning binning, double shift) {
        if (layers.length < 2) {
            throw new IllegalArgumentException("a cascade needs at least 2 layers, but had " + layers.length);
        }
        Checks.nonNegative("shift", shift);
        double[][] omegas = new double[layers.length][];
        double[] d = new double[layers.length - 1];
        for (int l = 1; l <= layers.length; l++) {
            omegas[l - 1] = measure(Arrays.copyOf(layers, l), binning).omega;
            if (l >= 2) {
                d[l - 2] = symmetricKl(omegas[l - 2], omegas[l - 1], shift);
            }
        }
        return new Cascade(binning, omegas, d);
    }
}
