package io.github.freeprob.measure;

import io.github.freeprob.numerics.Checks;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

/**
 * Static factories for the measures of freeprob, named for the mathematics. Parameters follow the conventions
 * table ({@code docs/conventions.md}); every factory validates its arguments and names the bad one.
 */
public final class Laws {

    /** Grid size used to detect the constant pieces of a black-box function. */
    static final int DETECTION_SAMPLES = 4097;

    private Laws() {
    }

    /**
     * @param variance v &gt; 0
     * @return the semicircle law of mean 0 and variance v, on [−2√v, 2√v]
     */
    public static Measure semicircle(double variance) {
        return new Semicircle(variance);
    }

    /**
     * @param ratio λ &gt; 0
     * @return the Marchenko–Pastur law of ratio λ (mean 1, variance λ), with an atom 1 − 1/λ at 0 when λ &gt; 1
     */
    public static Measure marchenkoPastur(double ratio) {
        return new MarchenkoPastur(ratio);
    }

    /**
     * @param locations x_i
     * @param masses    p_i ≥ 0 summing to 1
     * @return Σ p_i δ_{x_i}
     */
    public static Measure atoms(double[] locations, double[] masses) {
        return DiscreteLaw.of(locations, masses);
    }

    /** @return Σ p_i δ_{x_i} for the given atoms */
    public static Measure atoms(List<Atom> atoms) {
        double[] x = new double[atoms.size()];
        double[] p = new double[atoms.size()];
        for (int i = 0; i < atoms.size(); i++) {
            x[i] = atoms.get(i).location();
            p[i] = atoms.get(i).mass();
        }
        return DiscreteLaw.of(x, p);
    }

    /** @return the point mass δ_x */
    public static Measure dirac(double x) {
        return DiscreteLaw.of(new double[] {x}, new double[] {1});
    }

    /** @return the uniform law on [a, b], a &lt; b */
    public static Measure uniform(double a, double b) {
        return new UniformLaw(a, b);
    }

    /** @return the arcsine law on [a, b], a &lt; b: density 1/(π√((x − a)(b − x))) */
    public static Measure arcsine(double a, double b) {
        return new ArcsineLaw(a, b);
    }

    /** @return the empirical law of the given samples (sample eigenvalues), each of mass 1/n */
    public static Measure empirical(double[] samples) {
        return new EmpiricalLaw(samples);
    }

    /**
     * @param measure μ
     * @param shift   q
     * @param scale   s ≠ 0
     * @return (q + s·)_*μ, the law of q + sX
     */
    public static Measure affine(Measure measure, double shift, double scale) {
        if (measure instanceof AffinePushforward inner) {
            return new AffinePushforward(inner.base(), shift + scale * inner.shift(), scale * inner.scale());
        }
        return new AffinePushforward(measure, shift, scale);
    }

    /** @return the law of sX */
    public static Measure scale(Measure measure, double scale) {
        return affine(measure, 0, scale);
    }

    /** @return the law of X + c */
    public static Measure shift(Measure measure, double shift) {
        return affine(measure, shift, 1);
    }

    /**
     * @param weights    w_i &gt; 0 summing to 1
     * @param components μ_i
     * @return Σ w_i μ_i
     */
    public static Measure mixture(double[] weights, List<Measure> components) {
        return new Mixture(weights, components);
    }

    /**
     * The law of f(h), h ~ N(0, q), for a black-box f: its constant pieces (which become atoms) are detected on a grid
     * of {@value #DETECTION_SAMPLES} points over ±{@value GaussianPushforward#TAIL_SIGMAS}√q. Exact moments are not
     * available for it (there is no arbitrary-precision f); use {@link #lawOf(PiecewiseFunction, double, String)}.
     *
     * @param f        the function, finite on the window
     * @param variance q ≥ 0 (q = 0 gives δ_{f(0)})
     * @param name     how the law prints
     * @return the law of f(h)
     */
    public static Measure lawOf(DoubleUnaryOperator f, double variance, String name) {
        Checks.nonNegative("Gaussian variance q", variance);
        if (variance == 0) {
            return dirac(f.applyAsDouble(0));
        }
        double window = GaussianPushforward.TAIL_SIGMAS * Math.sqrt(variance);
        return lawOf(PiecewiseFunction.detect(f, -window, window, DETECTION_SAMPLES), variance, name);
    }

    /**
     * The law of f(h), h ~ N(0, q), for f given piece by piece.
     *
     * @param f        the function
     * @param variance q ≥ 0 (q = 0 gives δ_{f(0)})
     * @param name     how the law prints
     * @return the law of f(h); exact moments are available when every smooth piece has an exact version
     */
    public static Measure lawOf(PiecewiseFunction f, double variance, String name) {
        Checks.nonNegative("Gaussian variance q", variance);
        if (variance == 0) {
            return dirac(f.value(0));
        }
        GaussianPushforward law = new GaussianPushforward(f, variance, name);
        if (law.support().isEmpty() && !law.atoms().isEmpty()) {
            return atoms(law.atoms());
        }
        return law;
    }
}
