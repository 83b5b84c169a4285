package io.github.freeprob.network;

import io.github.freeprob.measure.Laws;
import io.github.freeprob.measure.Measure;
import io.github.freeprob.measure.PiecewiseFunction;
import io.github.freeprob.numerics.Checks;
import io.github.freeprob.precision.BigFloat;
import io.github.freeprob.precision.Elementary;
import io.github.freeprob.precision.HighPrecisionFunction;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleUnaryOperator;
import org.hipparchus.special.Erf;

/**
 * An activation function φ with its derivative φ', and the piecewise description of φ'(h)² from which the law ν of
 * the squared derivative is built ({@link #derivativeSquaredLaw(double)}).
 *
 * <p>Built-ins: {@code linear}, {@code relu}, {@code leaky_relu(α)}, {@code hard_tanh}, {@code tanh},
 * {@code erf} (φ(h) = erf(h), so φ'(0) = 2/√π; the form of Williams' closed-form kernel), {@code sigmoid}
 * (1/(1 + e^{−h})), {@code gelu} (h Φ(h)) and {@code swish} (h/(1 + e^{−h}), also called SiLU). The piecewise-linear ones
 * give atoms (relu: ½δ₀ + ½δ₁); the smooth ones carry an arbitrary-precision φ'² for the exact moment engine.
 */
public final class Activation {

    private final String name;
    private final DoubleUnaryOperator phi;
    private final DoubleUnaryOperator derivative;
    private final PiecewiseFunction derivativeSquared;
    private final double[] kinks;
    private final boolean homogeneous;

    private Activation(String name, DoubleUnaryOperator phi, DoubleUnaryOperator derivative,
                       PiecewiseFunction derivativeSquared, boolean homogeneous, double... kinks) {
        this.name = name;
        this.phi = phi;
        this.derivative = derivative;
        this.derivativeSquared = derivativeSquared;
        this.homogeneous = homogeneous;
        this.kinks = kinks.clone();
    }

    /** @return φ(h) = h */
    public static Activation linear() {
        return new Activation("linear", h -> h, h -> 1, PiecewiseFunction.of(
                List.of(new PiecewiseFunction.Constant(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 1))), true);
    }

    /** @return φ(h) = max(0, h) */
    public static Activation relu() {
        return new Activation("relu", h -> Math.max(0, h), h -> h > 0 ? 1 : 0, PiecewiseFunction.of(List.of(
                new PiecewiseFunction.Constant(Double.NEGATIVE_INFINITY, 0, 0),
                new PiecewiseFunction.Constant(0, Double.POSITIVE_INFINITY, 1))), true, 0);
    }

    /**
     * @param slope α, the slope for h &lt; 0, finite (α = 1 is the linear activation)
     * @return φ(h) = h for h &gt; 0, αh otherwise
     */
    public static Activation leakyRelu(double slope) {
        Checks.finite("leaky_relu slope alpha", slope);
        return new Activation("leaky_relu(" + Checks.format(slope) + ")", h -> h > 0 ? h : slope * h,
                h -> h > 0 ? 1 : slope, PiecewiseFunction.of(List.of(
                        new PiecewiseFunction.Constant(Double.NEGATIVE_INFINITY, 0, slope * slope),
                        new PiecewiseFunction.Constant(0, Double.POSITIVE_INFINITY, 1))), true, 0);
    }

    /** @return φ(h) = max(−1, min(1, h)) */
    public static Activation hardTanh() {
        return new Activation("hard_tanh", h -> Math.max(-1, Math.min(1, h)), h -> Math.abs(h) < 1 ? 1 : 0,
                PiecewiseFunction.of(List.of(new PiecewiseFunction.Constant(Double.NEGATIVE_INFINITY, -1, 0),
                        new PiecewiseFunction.Constant(-1, 1, 1),
                        new PiecewiseFunction.Constant(1, Double.POSITIVE_INFINITY, 0))), false, -1, 1);
    }

    /** @return φ = tanh, φ' = sech², φ'² = sech⁴ */
    public static Activation tanh() {
        HighPrecisionFunction sech4 = (h, p) -> {
            BigFloat e = Elementary.exp(h.abs().negate(), p);
            BigFloat sech = e.scaleByPowerOfTwo(1).divide(p.one().add(e.multiply(e)));
            return sech.pow(4);
        };
        return smooth("tanh", Math::tanh, h -> {
            double s = 1 / Math.cosh(h);
            return s * s;
        }, sech4);
    }

    /** @return φ(h) = erf(h), φ'(h) = (2/√π) e^{−h²} */
    public static Activation erf() {
        double c = 2 / Math.sqrt(Math.PI);
        HighPrecisionFunction square = (h, p) -> Elementary.exp(h.multiply(h).multiply(-2L), p)
                .multiply(p.of(4)).divide(Elementary.pi(p));
        return smooth("erf", Erf::erf, h -> c * Math.exp(-h * h), square);
    }

    /** @return φ(h) = 1/(1 + e^{−h}), φ' = φ(1 − φ) */
    public static Activation sigmoid() {
        HighPrecisionFunction square = (h, p) -> {
            BigFloat e = Elementary.exp(h.abs().negate(), p);
            BigFloat d = e.divide(p.one().add(e).pow(2));
            return d.multiply(d);
        };
        return smooth("sigmoid", Activation::logistic, h -> {
            double s = logistic(h);
            return s * (1 - s);
        }, square);
    }

    /** @return φ(h) = h Φ(h), φ'(h) = Φ(h) + h φ(h) with Φ, φ the standard normal CDF and density */
    public static Activation gelu() {
        HighPrecisionFunction square = (h, p) -> {
            BigFloat cdf = Elementary.normalCdf(h, p);
            BigFloat pdf = Elementary.exp(h.multiply(h).scaleByPowerOfTwo(-1).negate(), p)
                    .divide(p.of(2).multiply(Elementary.pi(p)).sqrt());
            BigFloat d = cdf.add(h.multiply(pdf));
            return d.multiply(d);
        };
        return smooth("gelu", h -> h * normalCdf(h), h -> normalCdf(h) + h * normalPdf(h), square);
    }

    /** @return φ(h) = h s(h) with s the logistic function, φ' = s (1 + h(1 − s)) */
    public static Activation swish() {
        HighPrecisionFunction square = (h, p) -> {
            BigFloat e = Elementary.exp(h.negate(), p);
            BigFloat s = p.one().divide(p.one().add(e));
            BigFloat d = s.multiply(p.one().add(h.multiply(p.one().subtract(s))));
            return d.multiply(d);
        };
        return smooth("swish", h -> h * logistic(h), h -> {
            double s = logistic(h);
            return s * (1 + h * (1 - s));
        }, square);
    }

    /**
     * A user-supplied activation. Its ν is built from φ'² as a black box: constant pieces are detected numerically,
     * and there is no arbitrary-precision version (exact moments are unavailable).
     *
     * @param name       how it prints
     * @param phi        φ
     * @param derivative φ'
     * @return the activation
     */
    public static Activation of(String name, DoubleUnaryOperator phi, DoubleUnaryOperator derivative) {
        return new Activation(name, phi, derivative, null, false);
    }

    private static Activation smooth(String name, DoubleUnaryOperator phi, DoubleUnaryOperator derivative,
                                     HighPrecisionFunction exactDerivativeSquared) {
        DoubleUnaryOperator square = h -> {
            double d = derivative.applyAsDouble(h);
            return d * d;
        };
        return new Activation(name, phi, derivative, PiecewiseFunction.smooth(square, exactDerivativeSquared), false);
    }

    /**
     * @param text a name as the CLI takes it: linear, relu, leaky_relu(α), hard_tanh, tanh, erf, sigmoid, gelu, swish
     * @return the activation
     * @throws IllegalArgumentException for an unknown name
     */
    public static Activation named(String text) {
        String name = text.trim().toLowerCase(Locale.ROOT);
        if (name.startsWith("leaky_relu")) {
            String inside = name.substring("leaky_relu".length()).trim();
            double slope = 0.01;
            if (!inside.isEmpty()) {
                if (!inside.startsWith("(") || !inside.endsWith(")")) {
                    throw new IllegalArgumentException("leaky_relu takes its slope as leaky_relu(alpha), but was "
                            + text);
                }
                try {
                    slope = Double.parseDouble(inside.substring(1, inside.length() - 1).trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("leaky_relu slope alpha must be a number, but was " + inside);
                }
            }
            return leakyRelu(slope);
        }
        return switch (name) {
            case "linear" -> linear();
            case "relu" -> relu();
            case "hard_tanh", "hardtanh" -> hardTanh();
            case "tanh" -> tanh();
            case "erf" -> erf();
            case "sigmoid" -> sigmoid();
            case "gelu" -> gelu();
            case "swish", "silu" -> swish();
            default -> throw new IllegalArgumentException("unknown activation '" + text + "' (known: linear, relu, "
                    + "leaky_relu(alpha), hard_tanh, tanh, erf, sigmoid, gelu, swish)");
        };
    }

    /** @return all built-in activations (leaky_relu with α = 0.1) */
    public static List<Activation> builtIns() {
        return List.of(linear(), relu(), leakyRelu(0.1), hardTanh(), tanh(), erf(), sigmoid(), gelu(), swish());
    }

    /** @return φ(h) */
    public double value(double h) {
        return phi.applyAsDouble(h);
    }

    /** @return φ'(h) */
    public double derivative(double h) {
        return derivative.applyAsDouble(h);
    }

    /** @return the points where φ is not smooth (kinks), for quadratures to split at */
    public double[] kinks() {
        return kinks.clone();
    }

    /**
     * @return whether φ is positively homogeneous (linear, relu, leaky_relu): then φ' depends on the sign of h only,
     *         and ν is the same at every pre-activation variance
     */
    public boolean isHomogeneous() {
        return homogeneous;
    }

    /** @return the name, as the CLI takes it */
    public String name() {
        return name;
    }

    /** @return whether φ'² has an arbitrary-precision version (exact moments of ν are available) */
    public boolean hasExactDerivative() {
        return derivativeSquared != null && derivativeSquared.hasExactVersion();
    }

    /**
     * ν, the law of φ'(h)² for h ~ N(0, q): the limit spectral law of D² in a layer whose pre-activations have
     * variance q (for a homogeneous activation, the same at every q, including the limit q → 0).
     *
     * @param variance q ≥ 0
     * @return ν
     */
    public Measure derivativeSquaredLaw(double variance) {
        Checks.nonNegative("pre-activation variance q", variance);
        if (homogeneous && variance == 0) {
            // φ' depends on the sign of h only: ν is the same at every q > 0, and its limit as q → 0.
            return derivativeSquaredLaw(1);
        }
        String label = "nu_" + name + "(q=" + Checks.format(variance) + ")";
        if (derivativeSquared == null) {
            return Laws.lawOf(h -> {
                double d = derivative.applyAsDouble(h);
                return d * d;
            }, variance, label);
        }
        return Laws.lawOf(derivativeSquared, variance, label);
    }

    @Override
    public String toString() {
        return name;
    }

    static double logistic(double h) {
        return h >= 0 ? 1 / (1 + Math.exp(-h)) : Math.exp(h) / (1 + Math.exp(h));
    }

    static double normalCdf(double h) {
        return 0.5 * Erf.erfc(-h / Math.sqrt(2));
    }

    static double normalPdf(double h) {
        return Math.exp(-0.5 * h * h) / Math.sqrt(2 * Math.PI);
    }
}
