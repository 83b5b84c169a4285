package io.github.freeprob.cli;

import io.github.freeprob.inversion.Spectrum;
import io.github.freeprob.inversion.StieltjesInversion;
import io.github.freeprob.measure.Measure;
import io.github.freeprob.numerics.Checks;
import io.github.freeprob.sampling.Ensembles;
import io.github.freeprob.sampling.SymmetricEigenvalues;
import io.github.freeprob.validation.Quantiles;
import java.util.random.RandomGenerator;

/**
 * The matrix realisation of a spectrum expression, for {@code freeprob validate}: how to draw one N×N symmetric matrix
 * whose eigenvalue distribution tends to the expression's law (docs/validation.md, protocol).
 *
 * <ul>
 *   <li>semicircle(v): the GOE scaled to variance v; mp(λ): the Wishart matrix X Xᵀ/m, m = round(N/λ);</li>
 *   <li>any other named law μ: O diag(x) Oᵀ with the midpoint quantiles x_i = Q_μ((i − ½)/N), whose eigenvalues are
 *       x exactly;</li>
 *   <li>A ⊞ B: A + O B Oᵀ with a fresh Haar O and independent A, B; by the orthogonal invariance of Haar measure its
 *       spectrum is that of diag(a) + O diag(b) Oᵀ, a and b the eigenvalues of A and B;</li>
 *   <li>A ⊠ B: √A O B Oᵀ √A with A the factor whose law lives on [0, ∞); it has the spectrum of
 *       diag(√a) O diag(b) Oᵀ diag(√a). Negative eigenvalues of A (rounding, or a finite-N overshoot of an edge at 0)
 *       are set to 0;</li>
 *   <li>scale(e, s), shift(e, c): s·A, A + c·I; pow_plus(e, t), pow_times(e, t) for integer t: the free sum or
 *       product of t independent copies. A non-integer free power has no matrix model here: {@link #obstacle()}.</li>
 * </ul>
 *
 * Only eigenvalues travel between the nodes, so every model costs a few Haar matrices and symmetric eigenvalue
 * problems per node. Immutable; the randomness is the caller's generator.
 */
final class MatrixModel {

    /** Largest integer free power realised as a free sum or product of copies. */
    static final int MAX_POWER = 64;

    /** Draws the eigenvalues of one N×N matrix of the model. */
    @FunctionalInterface
    private interface Sampler {
        double[] eigenvalues(int n, RandomGenerator random);
    }

    private final String description;
    private final Sampler sampler;
    private final String obstacle;

    private MatrixModel(String description, Sampler sampler, String obstacle) {
        this.description = description;
        this.sampler = sampler;
        this.obstacle = obstacle;
    }

    static MatrixModel goe(double variance) {
        return new MatrixModel("GOE(" + Checks.format(variance) + ")",
                (n, random) -> SymmetricEigenvalues.of(Ensembles.goe(n, variance, random)), null);
    }

    static MatrixModel wishart(double ratio) {
        return new MatrixModel("Wishart(" + Checks.format(ratio) + ")",
                (n, random) -> SymmetricEigenvalues.of(Ensembles.wishart(n, ratio, random)), null);
    }

    /** O diag(Q((i − ½)/N)) Oᵀ: its eigenvalues are the quantiles, so no matrix is formed. */
    static MatrixModel quantiles(Measure law) {
        Spectrum[] inverted = new Spectrum[1];
        return new MatrixModel("O diag(quantiles of " + law + ") O^T", (n, random) -> {
            synchronized (inverted) {
                if (inverted[0] == null) {
                    inverted[0] = StieltjesInversion.invert(law);
                }
            }
            return Quantiles.midpoints(inverted[0], n);
        }, null);
    }

    static MatrixModel freeSum(MatrixModel a, MatrixModel b) {
        return new MatrixModel(a.description + " + O [" + b.description + "] O^T", (n, random) -> {
            double[] x = a.sampler.eigenvalues(n, random);
            double[] y = b.sampler.eigenvalues(n, random);
            return SymmetricEigenvalues.of(Ensembles.freeSum(x, y, random));
        }, a.obstacle != null ? a.obstacle : b.obstacle);
    }

    /**
     * @param leftNonNegative whether a's law lives on [0, ∞) (then a is the outer factor, else b is: the parser has
     *                        checked that one of them does)
     */
    static MatrixModel freeProduct(MatrixModel a, MatrixModel b, boolean leftNonNegative) {
        MatrixModel outer = leftNonNegative ? a : b;
        MatrixModel inner = leftNonNegative ? b : a;
        return new MatrixModel("sqrt[" + outer.description + "] O [" + inner.description + "] O^T sqrt[...]",
                (n, random) -> {
                    double[] x = a.sampler.eigenvalues(n, random);
                    double[] y = b.sampler.eigenvalues(n, random);
                    return product(leftNonNegative ? x : y, leftNonNegative ? y : x, random);
                }, a.obstacle != null ? a.obstacle : b.obstacle);
    }

    private static double[] product(double[] outer, double[] inner, RandomGenerator random) {
        double[] clipped = new double[outer.length];
        for (int i = 0; i < outer.length; i++) {
            clipped[i] = Math.max(0, outer[i]);
        }
        return SymmetricEigenvalues.of(Ensembles.freeProduct(clipped, inner, random));
    }

    static MatrixModel affine(MatrixModel a, double scale, double shift) {
        String text = scale == 1 ? a.description + " + " + Checks.format(shift) + " I"
                : Checks.format(scale) + " [" + a.description + "]";
        return new MatrixModel(text, (n, random) -> {
            double[] x = a.sampler.eigenvalues(n, random);
            for (int i = 0; i < x.length; i++) {
                x[i] = scale * x[i] + shift;
            }
            return x;
        }, a.obstacle);
    }

    /** μ^{⊞t} for integer t: the free sum of t independent copies. */
    static MatrixModel additivePower(MatrixModel a, double t, String call) {
        String obstacle = integerPower(t, call, "pow_plus");
        return new MatrixModel("free sum of " + Checks.format(t) + " copies of [" + a.description + "]",
                (n, random) -> {
                    double[] x = a.sampler.eigenvalues(n, random);
                    for (int k = 1; k < (int) t; k++) {
                        x = SymmetricEigenvalues.of(Ensembles.freeSum(x, a.sampler.eigenvalues(n, random), random));
                    }
                    return x;
                }, obstacle != null ? obstacle : a.obstacle);
    }

    /** μ^{⊠t} for integer t (μ on [0, ∞), checked by the parser): the free product of t independent copies. */
    static MatrixModel multiplicativePower(MatrixModel a, double t, String call) {
        String obstacle = integerPower(t, call, "pow_times");
        return new MatrixModel("free product of " + Checks.format(t) + " copies of [" + a.description + "]",
                (n, random) -> {
                    double[] x = a.sampler.eigenvalues(n, random);
                    for (int k = 1; k < (int) t; k++) {
                        x = product(x, a.sampler.eigenvalues(n, random), random);
                    }
                    return x;
                }, obstacle != null ? obstacle : a.obstacle);
    }

    private static String integerPower(double t, String call, String name) {
        if (t == Math.rint(t) && t >= 1 && t <= MAX_POWER) {
            return null;
        }
        return call + ": " + name + " with t = " + Checks.format(t) + " has no matrix model (only an integer t in [1, "
                + MAX_POWER + "] is sampled, as the free convolution of t independent copies)";
    }

    /** @return how the matrix is built, e.g. {@code GOE(1) + O [Wishart(0.5)] O^T} */
    String description() {
        return description;
    }

    /** @return why the expression cannot be sampled, naming the construct; null when it can */
    String obstacle() {
        return obstacle;
    }

    /**
     * Draws the eigenvalues of one N×N matrix.
     *
     * @throws IllegalArgumentException with {@link #obstacle()} when the expression has no matrix model
     */
    double[] sampleEigenvalues(int n, RandomGenerator random) {
        if (obstacle != null) {
            throw new IllegalArgumentException("cannot sample " + obstacle);
        }
        return sampler.eigenvalues(n, random);
    }
}
