package io.github.freeprob.network;

import io.github.freeprob.convolution.FreeConvolution;
import io.github.freeprob.inversion.Spectrum;
import io.github.freeprob.inversion.StieltjesInversion;
import io.github.freeprob.measure.Atom;
import io.github.freeprob.measure.Interval;
import io.github.freeprob.measure.Laws;
import io.github.freeprob.measure.Measure;
import io.github.freeprob.numerics.Checks;
import io.github.freeprob.precision.MomentEngine;
import io.github.freeprob.precision.MomentSequence;
import io.github.freeprob.precision.Precision;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The limit spectra of the conjugate kernels of a multi-input network at initialisation, layer by layer (Fan and Wang,
 * "Spectra of the conjugate kernel and neural tangent kernel for linear-width neural networks", NeurIPS 2020).
 *
 * <p><b>Model</b> ({@code docs/conjugate-kernel.md}). n inputs in dimension d₀ are the columns of X₀ ∈ ℝ^{d₀×n}, with
 * i.i.d. Gaussian entries and every column rescaled to norm √d₀. Layer ℓ = 1 … L has width d_ℓ, weights W_ℓ ∈
 * ℝ^{d_ℓ×d_{ℓ−1}} with i.i.d. N(0, 1) entries and features X_ℓ = φ̃(W_ℓ X_{ℓ−1}/√d_{ℓ−1}), where φ̃ is the activation
 * centred and normalised under N(0, 1) ({@link NormalizedActivation}). The conjugate kernel of layer ℓ is the n×n
 * matrix K_ℓ = X_ℓᵀX_ℓ/d_ℓ. As n, d₀, …, d_L → ∞ with n/d_ℓ → γ_ℓ, the eigenvalue law of K_ℓ tends to
 * <pre>
 *     μ₀ = mp(γ₀),     μ_ℓ = mp(γ_ℓ) ⊠ ((1 − b_φ) + b_φ·)_*μ_{ℓ−1},     b_φ = (E φ̃′(ξ))², ξ ~ N(0, 1),
 * </pre>
 * with mp(λ) the Marchenko–Pastur law of {@code docs/conventions.md} (mean 1, variance λ, an atom 1 − 1/λ at 0 when
 * λ &gt; 1: K_ℓ has rank at most d_ℓ). This is Fan and Wang's recursion in our notation: their X_ℓ is ours divided by
 * √d_ℓ, their kernel X_Lᵀ X_L is our K_L, and their ρ^MP_γ (the limit of XᵀX for X ∈ ℝ^{d×n} with N(0, 1/d) entries,
 * n/d → γ) is our mp(γ). Their theorem assumes approximately orthonormal inputs (unit column norms and off-diagonal
 * inner products up to ε_n with n ε_n⁴ → 0, and a bounded operator norm), which normalised Gaussian columns satisfy,
 * and a twice-differentiable φ with bounded φ′, φ″; for relu, hard tanh and leaky relu this library applies the same
 * formula and {@code docs/conjugate-kernel.md} reports how well samples follow it. The law says nothing about finitely
 * many eigenvalues outside the bulk: sampled relu kernels grow one such outlier with depth (same document, §4).
 *
 * <p>Moments: every μ_ℓ has mean 1 (the diagonal of K_ℓ tends to 1) and variance v_ℓ = γ_ℓ + b_φ² v_{ℓ−1}, v₀ = γ₀
 * ({@link #variance(int)}, from m₂(μ ⊠ ν) = m₂(μ) + m₂(ν) − 1 for means 1).
 *
 * <p><b>Algorithm.</b> Each layer is one binary free product by subordination ({@link FreeConvolution}) of mp(γ_ℓ) with
 * the affine image of the previous layer's law compacted by Stieltjes inversion into a Chebyshev measure, so the
 * cost is linear in L. The exact moment engine runs the same recursion on moment sequences in arbitrary precision,
 * with the same b_φ, and every layer reports the largest relative error of its first {@value #CHECKED_MOMENTS}
 * moments against it ({@link #momentError(int)}).
 */
public final class ConjugateKernel {

    /** Moments of every layer checked against the exact engine. */
    public static final int CHECKED_MOMENTS = 8;
    /** Largest depth accepted (the recursion is linear in L, but each layer costs an inversion). */
    public static final int MAX_DEPTH = 1000;
    /** Working precision of the engine's check (decimal digits). */
    static final int CHECK_DIGITS = 40;

    private final NormalizedActivation activation;
    private final double[] ratios;
    private final List<Spectrum> spectra;
    private final double[] momentErrors;

    private ConjugateKernel(NormalizedActivation activation, double[] ratios, List<Spectrum> spectra,
                            double[] momentErrors) {
        this.activation = activation;
        this.ratios = ratios;
        this.spectra = List.copyOf(spectra);
        this.momentErrors = momentErrors;
    }

    /**
     * Runs the recursion through all layers.
     *
     * @param activation  φ (centred and normalised here, see {@link NormalizedActivation})
     * @param inputRatio  γ₀ = n/d₀ &gt; 0
     * @param layerRatios γ₁ … γ_L, γ_ℓ = n/d_ℓ &gt; 0, 1 ≤ L ≤ {@value #MAX_DEPTH}
     * @return the conjugate-kernel spectra of layers 0 … L
     * @throws IllegalArgumentException for a ratio that is not a positive finite number, no layer, too many layers, or
     *                                  an activation that cannot be normalised
     * @throws io.github.freeprob.numerics.ConvergenceException if a layer's inversion fails
     */
    public static ConjugateKernel of(Activation activation, double inputRatio, double... layerRatios) {
        if (layerRatios.length < 1 || layerRatios.length > MAX_DEPTH) {
            throw new IllegalArgumentException("number of layers L must be in [1, " + MAX_DEPTH + "], but was "
                    + layerRatios.length);
        }
        double[] ratios = new double[layerRatios.length + 1];
        ratios[0] = checkRatio("input ratio gamma_0 = n/d_0", inputRatio);
        for (int l = 0; l < layerRatios.length; l++) {
            ratios[l + 1] = checkRatio("layer ratio gamma_" + (l + 1) + " = n/d_" + (l + 1), layerRatios[l]);
        }
        NormalizedActivation phi = NormalizedActivation.of(activation);
        double b = phi.b();
        Precision precision = Precision.ofDigits(CHECK_DIGITS);

        List<Spectrum> spectra = new ArrayList<>();
        double[] errors = new double[ratios.length];
        Measure law = Laws.marchenkoPastur(ratios[0]);
        MomentSequence exact = law.exactMoments(CHECKED_MOMENTS, precision);
        Spectrum spectrum = StieltjesInversion.invert(law);
        spectra.add(spectrum);
        errors[0] = momentError(spectrum, exact);
        for (int l = 1; l < ratios.length; l++) {
            Measure previous = l == 1 ? law : spectrum.compact();
            Measure mp = Laws.marchenkoPastur(ratios[l]);
            Measure mixed = b == 0 ? Laws.dirac(1) : Laws.affine(previous, 1 - b, b);
            law = FreeConvolution.multiplicative(mp, mixed);
            exact = MomentEngine.multiplicative(mp.exactMoments(CHECKED_MOMENTS, precision),
                    MomentEngine.affine(exact, 1 - b, b));
            spectrum = StieltjesInversion.invert(law);
            spectra.add(spectrum);
            errors[l] = momentError(spectrum, exact);
        }
        return new ConjugateKernel(phi, ratios, spectra, errors);
    }

    private static double checkRatio(String name, double ratio) {
        Checks.finite(name, ratio);
        return Checks.positive(name, ratio);
    }

    private static double momentError(Spectrum spectrum, MomentSequence exact) {
        double[] moments = spectrum.compact().moments(CHECKED_MOMENTS);
        double[] reference = exact.toDoubleArray();
        double error = 0;
        for (int k = 1; k <= CHECKED_MOMENTS; k++) {
            error = Math.max(error, Math.abs(moments[k] - reference[k]) / Math.abs(reference[k]));
        }
        return error;
    }

    /** @return φ̃, the centred and normalised activation, with b_φ */
    public NormalizedActivation activation() {
        return activation;
    }

    /** @return b_φ = (E φ̃′(ξ))² */
    public double b() {
        return activation.b();
    }

    /** @return L, the number of layers */
    public int depth() {
        return ratios.length - 1;
    }

    /** @return γ₀ = n/d₀ */
    public double inputRatio() {
        return ratios[0];
    }

    /**
     * @param layer ℓ in 0 … L
     * @return γ_ℓ = n/d_ℓ
     */
    public double ratio(int layer) {
        return ratios[index(layer)];
    }

    /** @return γ₀, γ₁, …, γ_L (a copy) */
    public double[] ratios() {
        return ratios.clone();
    }

    /** @return the Stieltjes inversion of μ_L, the last layer's law */
    public Spectrum spectrum() {
        return spectra.get(spectra.size() - 1);
    }

    /**
     * @param layer ℓ in 0 … L (0: the input Gram matrix X₀ᵀX₀/d₀)
     * @return the Stieltjes inversion of μ_ℓ
     */
    public Spectrum spectrum(int layer) {
        return spectra.get(index(layer));
    }

    /** @return μ_L */
    public Measure law() {
        return spectrum().measure();
    }

    /**
     * @param layer ℓ in 0 … L
     * @return the largest relative error of m₁ … m_{@value #CHECKED_MOMENTS} of the numerical μ_ℓ against the exact
     *         engine
     */
    public double momentError(int layer) {
        return momentErrors[index(layer)];
    }

    /**
     * @param layer ℓ in 0 … L
     * @return v_ℓ = γ_ℓ + b_φ² v_{ℓ−1}, v₀ = γ₀: the variance of μ_ℓ in closed form
     */
    public double variance(int layer) {
        double v = ratios[0];
        for (int l = 1; l <= index(layer); l++) {
            v = ratios[l] + b() * b() * v;
        }
        return v;
    }

    /**
     * @param layer ℓ in 0 … L
     * @return the largest point of the support of μ_ℓ (its upper edge or largest atom)
     */
    public double lambdaMax(int layer) {
        Spectrum s = spectrum(layer);
        double hi = Double.NEGATIVE_INFINITY;
        for (Interval interval : s.support().intervals()) {
            hi = Math.max(hi, interval.hi());
        }
        for (Atom atom : s.atoms()) {
            hi = Math.max(hi, atom.location());
        }
        return hi;
    }

    /**
     * The moments of μ_ℓ by the exact engine, the recursion run on moment sequences in arbitrary precision.
     *
     * @param layer     ℓ in 0 … L
     * @param n         highest order
     * @param precision working precision
     * @return m₀ … m_n
     */
    public MomentSequence exactMoments(int layer, int n, Precision precision) {
        double b = b();
        MomentSequence exact = Laws.marchenkoPastur(ratios[0]).exactMoments(n, precision);
        for (int l = 1; l <= index(layer); l++) {
            exact = MomentEngine.multiplicative(Laws.marchenkoPastur(ratios[l]).exactMoments(n, precision),
                    MomentEngine.affine(exact, 1 - b, b));
        }
        return exact;
    }

    private int index(int layer) {
        if (layer < 0 || layer >= ratios.length) {
            throw new IllegalArgumentException("layer must be in [0, " + depth() + "], but was " + layer);
        }
        return layer;
    }

    @Override
    public String toString() {
        return "conjugate kernel(" + activation.activation() + ", b_phi = " + Checks.format(b()) + ", gamma = "
                + Arrays.toString(ratios) + ")";
    }
}
