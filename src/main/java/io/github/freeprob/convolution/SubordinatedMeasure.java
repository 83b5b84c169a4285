package io.github.freeprob.convolution;

import io.github.freeprob.inversion.Spectrum;
import io.github.freeprob.inversion.StieltjesInversion;
import io.github.freeprob.measure.Atom;
import io.github.freeprob.measure.Interval;
import io.github.freeprob.measure.Measure;
import io.github.freeprob.measure.Support;
import io.github.freeprob.precision.MomentSequence;
import io.github.freeprob.precision.Precision;
import java.util.List;
import org.hipparchus.complex.Complex;

/**
 * A measure whose Cauchy transform comes from a subordination equation: the result of a free convolution or a free
 * power. G is solved at each point it is asked for (a cold solve), and on grids with solutions carried from point to
 * point; atoms come from the theory of the operation, moments from the exact engine, and the support from Stieltjes
 * inversion (computed once, on first use).
 */
abstract class SubordinatedMeasure implements Measure {

    /** Digits used when moments in double precision are taken from the exact engine. */
    static final Precision DOUBLE_MOMENTS = Precision.ofDigits(34);

    private final FixedPointEquation equation;
    private final Subordination solver;
    private volatile Spectrum spectrum;

    SubordinatedMeasure(FixedPointEquation equation) {
        this.equation = equation;
        this.solver = new Subordination(equation);
    }

    /** @return whether x is exactly one of the theoretical atoms */
    private boolean atAtom(double x) {
        for (Atom atom : atoms()) {
            if (atom.location() == x) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Complex cauchyUpper(Complex z) {
        if (z.getImaginary() == 0 && atAtom(z.getReal())) {
            return Complex.INF;
        }
        Complex point = regular(z);
        Subordination.Solution solution = solver.solve(point);
        return equation.cauchy(point, solution.w());
    }

    @Override
    public Complex cauchyDerivativeUpper(Complex z) {
        Complex point = regular(z);
        Subordination.Solution solution = solver.solve(point);
        return equation.cauchyDerivative(point, solution.w(), solution.derivative());
    }

    /** Moves a point where the equation itself is singular (z = 0 for multiplicative ones) by a rounding error. */
    Complex regular(Complex z) {
        return z;
    }

    @Override
    public Complex[] cauchyBoundary(double[] xs) {
        Complex[] out = new Complex[xs.length];
        int start = 0;
        for (int i = 0; i <= xs.length; i++) {
            if (i == xs.length || atAtom(xs[i]) || regular(new Complex(xs[i], 0)).getImaginary() != 0) {
                if (i > start) {
                    double[] run = java.util.Arrays.copyOfRange(xs, start, i);
                    Complex[] values = solver.boundary(run);
                    System.arraycopy(values, 0, out, start, values.length);
                }
                if (i < xs.length) {
                    out[i] = cauchyUpper(new Complex(xs[i], 0.0));
                }
                start = i + 1;
            }
        }
        return out;
    }

    @Override
    public double[] moments(int n) {
        return exactMoments(n, DOUBLE_MOMENTS).toDoubleArray();
    }

    @Override
    public abstract MomentSequence exactMoments(int n, Precision precision);

    /** @return the Stieltjes inversion of this measure, computed on first use */
    Spectrum spectrum() {
        Spectrum result = spectrum;
        if (result == null) {
            synchronized (this) {
                result = spectrum;
                if (result == null) {
                    result = StieltjesInversion.invert(this);
                    spectrum = result;
                }
            }
        }
        return result;
    }

    @Override
    public Support support() {
        return spectrum().support();
    }

    @Override
    public abstract List<Atom> atoms();

    @Override
    public abstract Interval bounds();
}
