package io.github.freeprob.network;

import io.github.freeprob.numerics.GaussianIntegrals;
import java.util.Locale;

/**
 * An activation centred and normalised under the standard Gaussian, as the conjugate-kernel theorem of Fan and Wang
 * (2020) requires: for ξ ~ N(0, 1),
 * <pre>
 *     φ̃(x) = (φ(x) − E φ(ξ)) / √Var φ(ξ),     so that  E φ̃(ξ) = 0,  E φ̃(ξ)² = 1,
 *     b_φ = (E φ̃′(ξ))² = (E[ξ φ(ξ)])² / Var φ(ξ)     (Stein's identity E φ′(ξ) = E[ξ φ(ξ)]).
 * </pre>
 * b_φ is the share of φ's variance carried by its linear Hermite component, so 0 ≤ b_φ ≤ 1; b_φ = 1 only for a linear
 * φ and b_φ = 0 for an even one. Stein's identity holds for every absolutely continuous φ, so kinks (relu, hard
 * tanh) need no derivative.
 *
 * <p>The library does the centring itself rather than rejecting an activation that is not centred: any built-in φ
 * becomes usable, and one that is already centred and normalised (E φ = 0, E φ² = 1) is returned unchanged up to the
 * rounding of the quadrature. The expectations are Gauss–Legendre quadratures split at the kinks of φ
 * ({@link GaussianIntegrals}), accurate to rounding for the built-ins.
 */
public final class NormalizedActivation {

    /** Smallest Var φ(ξ) accepted: below it φ is constant to rounding and cannot be normalised. */
    public static final double MIN_VARIANCE = 1e-12;
    /**
     * |E φ̃′(ξ)| below this is taken as exactly 0 (b_φ = 0): the quadrature leaves about 10⁻¹⁶ where the true value
     * is 0 (an even φ), and a b_φ below 10⁻²⁴ moves the laws by less than double precision, while a spurious
     * b_φ ≈ 10⁻³² would turn the point mass δ₁ into a law of width 10⁻³² that Stieltjes inversion cannot resolve.
     */
    public static final double ZERO_SLOPE = 1e-12;

    private final Activation activation;
    private final double mean;
    private final double standardDeviation;
    private final double linearCoefficient;

    private NormalizedActivation(Activation activation, double mean, double standardDeviation,
                                 double linearCoefficient) {
        this.activation = activation;
        this.mean = mean;
        this.standardDeviation = standardDeviation;
        this.linearCoefficient = linearCoefficient;
    }

    /**
     * @param activation φ
     * @return φ̃, centred and normalised under N(0, 1)
     * @throws IllegalArgumentException if Var φ(ξ) &lt; {@value #MIN_VARIANCE} (φ is constant on the Gaussian) or an
     *                                  expectation is not finite
     */
    public static NormalizedActivation of(Activation activation) {
        double[] kinks = activation.kinks();
        double mean = GaussianIntegrals.expectation(activation::value, 1, kinks);
        double second = GaussianIntegrals.expectation(h -> {
            double v = activation.value(h);
            return v * v;
        }, 1, kinks);
        double slope = GaussianIntegrals.expectation(h -> h * activation.value(h), 1, kinks);
        double variance = second - mean * mean;
        if (!Double.isFinite(mean) || !Double.isFinite(second) || !Double.isFinite(slope)) {
            throw new IllegalArgumentException("activation " + activation + " has no finite Gaussian moments: E phi = "
                    + mean + ", E phi^2 = " + second + ", E[xi phi] = " + slope);
        }
        if (!(variance >= MIN_VARIANCE)) {
            throw new IllegalArgumentException("activation " + activation + " cannot be normalised: Var phi(xi) = "
                    + variance + " < " + MIN_VARIANCE + " for xi ~ N(0, 1)");
        }
        return new NormalizedActivation(activation, mean, Math.sqrt(variance), slope);
    }

    /** @return φ, as given */
    public Activation activation() {
        return activation;
    }

    /** @return E φ(ξ), what is subtracted */
    public double mean() {
        return mean;
    }

    /** @return √Var φ(ξ), what is divided by */
    public double standardDeviation() {
        return standardDeviation;
    }

    /** @return E φ̃′(ξ) = E[ξ φ(ξ)]/√Var φ(ξ) */
    public double derivativeMean() {
        return linearCoefficient / standardDeviation;
    }

    /** @return b_φ = (E φ̃′(ξ))², in [0, 1]; exactly 0 when |E φ̃′(ξ)| &lt; {@value #ZERO_SLOPE} */
    public double b() {
        double c = derivativeMean();
        return Math.abs(c) < ZERO_SLOPE ? 0 : Math.min(1, c * c);
    }

    /** @return φ̃(x) = (φ(x) − E φ(ξ))/√Var φ(ξ) */
    public double value(double x) {
        return (activation.value(x) - mean) / standardDeviation;
    }

    /** @return φ̃′(x) = φ′(x)/√Var φ(ξ) */
    public double derivative(double x) {
        return activation.derivative(x) / standardDeviation;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "(%s - %.6g)/%.6g", activation, mean, standardDeviation);
    }
}
