package io.github.freeprob.network;

import io.github.freeprob.convolution.FreeConvolution;
import io.github.freeprob.inversion.InversionOptions;
import io.github.freeprob.inversion.Spectrum;
import io.github.freeprob.inversion.StieltjesInversion;
import io.github.freeprob.measure.Atom;
import io.github.freeprob.measure.ChebyshevMeasure;
import io.github.freeprob.measure.Interval;
import io.github.freeprob.measure.Laws;
import io.github.freeprob.measure.Measure;
import io.github.freeprob.measure.Support;
import io.github.freeprob.precision.ChiSeries;
import io.github.freeprob.precision.MomentEngine;
import io.github.freeprob.precision.MomentSequence;
import io.github.freeprob.precision.Precision;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The limit spectrum of the one-input neural tangent kernel Θ_L of a {@link Network} in the NTK parameterisation
 * (Hayase and Karakida, "The spectrum of Fisher information of deep networks achieving dynamical isometry", AISTATS
 * 2021): μ₁ = δ_{q¹} and
 * <pre>
 *     μ_{ℓ+1} = (q^{ℓ+1} + σ_w²·)_*(ν_ℓ ⊠ μ_ℓ)              (orthogonal weights)
 *     μ_{ℓ+1} = (q^{ℓ+1} + σ_w²·)_*(mp(1) ⊠ ν_ℓ ⊠ μ_ℓ)      (Gaussian weights),
 * </pre>
 * the law of Θ_{ℓ+1} = q^{ℓ+1} I + W_{ℓ+1} D_ℓ Θ_ℓ D_ℓ W_{ℓ+1}ᵀ (see {@code docs/conventions.md}; the seed's
 * q_ℓ is our q^{ℓ+1}).
 *
 * <p><b>Cost linear in depth.</b> Nesting the subordination L times would cost exponentially in L. Instead every
 * layer's law is compacted by Stieltjes inversion into a {@link ChebyshevMeasure} (atoms plus Chebyshev densities on
 * its support, with a closed-form Cauchy transform), and the next layer is one binary free product of that with the
 * (compacted) layer factor (σ_w²·)_*ν_ℓ [⊠ mp(1)]. Only the current layer's law is kept, plus one {@link NtkLayer}
 * summary per layer, so memory grows with L only by those summaries.
 *
 * <p><b>Stated accuracy.</b> The exact moment engine runs the same recursion on moment sequences in arbitrary
 * precision alongside; every layer's summary reports the largest relative error of the first
 * {@value #CHECKED_MOMENTS} moments of the numerical law against it ({@link NtkLayer#momentError()}).
 */
public final class NtkSpectrum {

    /** Moments checked against the exact engine in every layer. */
    public static final int CHECKED_MOMENTS = 8;
    /**
     * Inversion settings of the layers: a coarser scan than the default (513 points over the bounds; the laws of the
     * recursion are single intervals with atoms that the theory reports, so the scan only has to find their edges),
     * the default tolerances.
     */
    static final InversionOptions LAYER_INVERSION = InversionOptions.DEFAULT.withScanPoints(513);
    /** Working precision of the engine's check (decimal digits). */
    static final int CHECK_DIGITS = 40;

    private final Network network;
    private final Spectrum spectrum;
    private final List<NtkLayer> layers;

    private NtkSpectrum(Network network, Spectrum spectrum, List<NtkLayer> layers) {
        this.network = network;
        this.spectrum = spectrum;
        this.layers = List.copyOf(layers);
    }

    /**
     * Runs the recursion through all L layers.
     *
     * @param network the network (depth L ≥ 1)
     * @return the NTK spectrum of its last layer, with every layer's summary
     * @throws IllegalArgumentException if the network has no fixed point to start from
     * @throws io.github.freeprob.numerics.ConvergenceException if a layer's inversion fails
     */
    public static NtkSpectrum of(Network network) {
        double[] q = network.variances();
        Precision precision = Precision.ofDigits(CHECK_DIGITS);
        Map<Double, Measure> factors = new HashMap<>();
        Map<Double, MomentSequence> factorMoments = new HashMap<>();
        List<NtkLayer> layers = new ArrayList<>(q.length);

        MomentSequence exact = Laws.dirac(q[0]).exactMoments(CHECKED_MOMENTS, precision);
        Spectrum spectrum = StieltjesInversion.invert(Laws.dirac(q[0]));
        layers.add(summary(1, q[0], spectrum, exact));
        for (int l = 1; l < q.length; l++) {
            double previous = q[l - 1];
            Measure factor = factors.computeIfAbsent(previous, v -> compact(network.layerFactor(v)));
            MomentSequence factorExact = factorMoments.computeIfAbsent(previous,
                    v -> network.exactLayerFactorMoments(v, CHECKED_MOMENTS, precision));
            // The product is inverted before the shift by q^{ℓ+1}: next to the edge q^{ℓ+1} double precision cannot
            // tell x − q below about 1e-17, where the product's density reaching its edge over many decades (smooth
            // activations with Gaussian weights) still holds mass of order 1e-8.
            Measure product = FreeConvolution.multiplicative(factor, spectrum.compact());
            exact = MomentEngine.affine(MomentEngine.multiplicative(factorExact, exact), q[l], 1);
            spectrum = StieltjesInversion.invert(product, LAYER_INVERSION).shift(q[l]);
            layers.add(summary(l + 1, q[l], spectrum, exact));
        }
        return new NtkSpectrum(network, spectrum, layers);
    }

    /** The factor (σ_w²·)_*ν [⊠ mp(1)], compacted when it is a free product itself (Gaussian weights). */
    static Measure compact(Measure factor) {
        if (factor.atoms().size() == 1 && factor.atoms().get(0).mass() == 1) {
            return factor;
        }
        return StieltjesInversion.invert(factor).compact();
    }

    private static NtkLayer summary(int layer, double q, Spectrum spectrum, MomentSequence exact) {
        ChebyshevMeasure compact = spectrum.compact();
        double[] moments = compact.moments(CHECKED_MOMENTS);
        double[] reference = exact.toDoubleArray();
        double error = 0;
        for (int k = 1; k <= CHECKED_MOMENTS; k++) {
            error = Math.max(error, Math.abs(moments[k] - reference[k]) / Math.abs(reference[k]));
        }
        double hi = Double.NEGATIVE_INFINITY;
        double lo = Double.POSITIVE_INFINITY;
        for (Interval interval : spectrum.support().intervals()) {
            hi = Math.max(hi, interval.hi());
            lo = Math.min(lo, interval.lo());
        }
        for (Atom atom : spectrum.atoms()) {
            hi = Math.max(hi, atom.location());
            lo = Math.min(lo, atom.location());
        }
        return new NtkLayer(layer, q, spectrum.support(), spectrum.atoms(), hi, lo, moments, error);
    }

    /** @return the network */
    public Network network() {
        return network;
    }

    /** @return the Stieltjes inversion of the last layer's law μ_L (density, atoms, support, CDF, quantiles) */
    public Spectrum spectrum() {
        return spectrum;
    }

    /** @return the limit law μ_L of the eigenvalues of Θ_L */
    public Measure law() {
        return spectrum.measure();
    }

    /** @return the summaries of layers 1 … L */
    public List<NtkLayer> layers() {
        return layers;
    }

    /**
     * @param layer ℓ in 1 … L
     * @return that layer's summary
     */
    public NtkLayer layer(int layer) {
        if (layer < 1 || layer > layers.size()) {
            throw new IllegalArgumentException("layer must be in 1.." + layers.size() + ", but was " + layer);
        }
        return layers.get(layer - 1);
    }

    /** @return the last layer's summary */
    public NtkLayer last() {
        return layers.get(layers.size() - 1);
    }

    /** @return λ_max of Θ_L */
    public double lambdaMax() {
        return last().lambdaMax();
    }

    /** @return 2/λ_max of Θ_L (see {@link NtkLayer#learningRateBound()} for the convention) */
    public double learningRateBound() {
        return last().learningRateBound();
    }

    /** @return λ_max of Θ_ℓ for ℓ = 1 … L: how the largest eigenvalue grows with depth */
    public double[] lambdaMaxByLayer() {
        return layers.stream().mapToDouble(NtkLayer::lambdaMax).toArray();
    }

    /** @return the support of μ_L */
    public Support support() {
        return spectrum.support();
    }

    /** @return the density of μ_L on a grid */
    public double[] density(double[] xs) {
        return spectrum.density(xs);
    }

    /**
     * The moments of μ_L by the exact engine, the recursion run on moment sequences in arbitrary precision.
     *
     * @param n         highest order
     * @param precision working precision
     * @return m_0 … m_n
     */
    public MomentSequence exactMoments(int n, Precision precision) {
        return exactMoments(network, n, precision);
    }

    /**
     * The moments of a network's μ_L by the exact engine alone, without the numerical recursion (cheap at any depth:
     * L products and shifts).
     *
     * <p>The recursion runs on χ-series ({@link ChiSeries}, χ = ψ^{-1}), where ν_ℓ ⊠ μ_ℓ is one series product and
     * the shift q^{ℓ+1} + · one Lagrange–Bürmann pass, about n³/6 fused multiply-adds per layer; each distinct layer
     * factor's χ is computed once (at the fixed point every layer has the same one), and moments are converted to
     * χ and back once per call. The same recursion on moment sequences ({@link MomentEngine#multiplicative} then
     * {@link MomentEngine#affine}, three series reversions per layer) is the reference it is tested against.
     *
     * @param network   the network
     * @param n         highest order
     * @param precision working precision
     * @return m_0 … m_n
     * @throws IllegalArgumentException if n &lt; 0, or a layer factor has mean 0 (ν = δ₀, which no built-in
     *                                  activation gives)
     */
    public static MomentSequence exactMoments(Network network, int n, Precision precision) {
        double[] q = network.variances();
        MomentSequence start = Laws.dirac(q[0]).exactMoments(n, precision);
        if (n == 0) {
            return start;
        }
        Map<Double, ChiSeries> factors = new HashMap<>();
        ChiSeries chi = ChiSeries.of(start);
        for (int l = 1; l < q.length; l++) {
            ChiSeries factor = factors.computeIfAbsent(q[l - 1],
                    v -> ChiSeries.of(network.exactLayerFactorMoments(v, n, precision)));
            chi = chi.multiplicative(factor).affine(q[l], 1);
        }
        return chi.moments();
    }
}
