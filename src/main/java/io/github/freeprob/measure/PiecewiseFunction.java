package io.github.freeprob.measure;

import io.github.freeprob.numerics.Checks;
import io.github.freeprob.precision.HighPrecisionFunction;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

/**
 * A real function of h given piece by piece over the whole line: each piece is constant or smooth on its interval.
 * This is how the law of f(h) learns where f is constant (those pieces become atoms) and where it has kinks (the
 * breakpoints, where its panels start and end).
 *
 * <p>A smooth piece may carry an arbitrary-precision version of f; the exact moments of the law need it.
 */
public final class PiecewiseFunction {

    /** One piece on [lo, hi] (ends may be infinite). */
    public sealed interface Piece permits Constant, Smooth {
        /** @return the left end */
        double lo();

        /** @return the right end */
        double hi();
    }

    /**
     * f = value on [lo, hi].
     *
     * @param lo    left end
     * @param hi    right end
     * @param value the constant
     */
    public record Constant(double lo, double hi, double value) implements Piece {
        /** Validates the value. */
        public Constant {
            Checks.finite("constant value", value);
        }
    }

    /**
     * f smooth (analytic) on the open interval (lo, hi), with an optional arbitrary-precision version.
     *
     * @param lo    left end
     * @param hi    right end
     * @param f     the function in double precision
     * @param exact the function in arbitrary precision, or null where there is none
     */
    public record Smooth(double lo, double hi, DoubleUnaryOperator f, HighPrecisionFunction exact) implements Piece {
    }

    private final List<Piece> pieces;

    private PiecewiseFunction(List<Piece> pieces) {
        this.pieces = pieces;
    }

    /**
     * @param pieces contiguous pieces covering (−∞, ∞) from left to right
     * @return the function
     * @throws IllegalArgumentException if the pieces do not start at −∞, end at +∞ and meet end to end
     */
    public static PiecewiseFunction of(List<Piece> pieces) {
        if (pieces.isEmpty()) {
            throw new IllegalArgumentException("a piecewise function needs at least one piece, but got none");
        }
        if (pieces.get(0).lo() != Double.NEGATIVE_INFINITY
                || pieces.get(pieces.size() - 1).hi() != Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("the pieces must cover (-inf, inf), but they cover ["
                    + pieces.get(0).lo() + ", " + pieces.get(pieces.size() - 1).hi() + "]");
        }
        for (int i = 0; i < pieces.size(); i++) {
            Piece piece = pieces.get(i);
            if (!(piece.lo() < piece.hi())) {
                throw new IllegalArgumentException("piece " + i + " needs lo < hi, but was [" + piece.lo() + ", "
                        + piece.hi() + "]");
            }
            if (i > 0 && pieces.get(i - 1).hi() != piece.lo()) {
                throw new IllegalArgumentException("piece " + i + " must start where piece " + (i - 1)
                        + " ends (" + pieces.get(i - 1).hi() + "), but starts at " + piece.lo());
            }
        }
        return new PiecewiseFunction(List.copyOf(pieces));
    }

    /** @return the function f, smooth on the whole line, with an optional exact version */
    public static PiecewiseFunction smooth(DoubleUnaryOperator f, HighPrecisionFunction exact) {
        return new PiecewiseFunction(
                List.of(new Smooth(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, f, exact)));
    }

    /**
     * Finds the constant pieces of a black-box f numerically: runs of exactly equal values on a grid of
     * {@code samples} points over [lo, hi], with their ends refined by bisection to a relative width of 1e-15.
     * Everything else becomes smooth pieces (kinks inside them are found later, by adaptive splitting).
     *
     * @param f       the function
     * @param lo      left end of the window examined
     * @param hi      right end of the window examined
     * @param samples grid size, at least 3
     * @return the function as pieces, outside the window continued by the outer pieces
     */
    public static PiecewiseFunction detect(DoubleUnaryOperator f, double lo, double hi, int samples) {
        Checks.ordered("detection window left end", lo, "detection window right end", hi);
        Checks.atLeast("detection samples", samples, 3);
        double[] h = new double[samples];
        double[] v = new double[samples];
        for (int i = 0; i < samples; i++) {
            h[i] = lo + (hi - lo) * i / (samples - 1);
            v[i] = f.applyAsDouble(h[i]);
            Checks.finite("f(" + h[i] + ")", v[i]);
        }
        List<double[]> runs = new ArrayList<>();
        int i = 0;
        while (i < samples - 1) {
            if (v[i + 1] == v[i]) {
                int j = i + 1;
                while (j + 1 < samples && v[j + 1] == v[i]) {
                    j++;
                }
                double left = i == 0 ? Double.NEGATIVE_INFINITY : refine(f, v[i], h[i], h[i - 1]);
                double right = j == samples - 1 ? Double.POSITIVE_INFINITY : refine(f, v[i], h[j], h[j + 1]);
                runs.add(new double[] {left, right, v[i]});
                i = j + 1;
            } else {
                i++;
            }
        }
        List<Piece> pieces = new ArrayList<>();
        double cursor = Double.NEGATIVE_INFINITY;
        for (double[] run : runs) {
            if (run[0] > cursor) {
                pieces.add(new Smooth(cursor, run[0], f, null));
            }
            pieces.add(new Constant(run[0], run[1], run[2]));
            cursor = run[1];
        }
        if (cursor < Double.POSITIVE_INFINITY) {
            pieces.add(new Smooth(cursor, Double.POSITIVE_INFINITY, f, null));
        }
        return of(pieces);
    }

    /** Bisection between {@code inside} (where f = value) and {@code outside} (where it differs). */
    private static double refine(DoubleUnaryOperator f, double value, double inside, double outside) {
        double a = inside;
        double b = outside;
        for (int k = 0; k < 200; k++) {
            double mid = 0.5 * (a + b);
            if (mid == a || mid == b || Math.abs(b - a) <= 1e-15 * Math.max(1, Math.abs(mid))) {
                break;
            }
            if (f.applyAsDouble(mid) == value) {
                a = mid;
            } else {
                b = mid;
            }
        }
        return 0.5 * (a + b);
    }

    /** @return the pieces, left to right */
    public List<Piece> pieces() {
        return pieces;
    }

    /** @return f(h) in double precision */
    public double value(double h) {
        for (Piece piece : pieces) {
            if (h <= piece.hi()) {
                return piece instanceof Constant c ? c.value() : ((Smooth) piece).f().applyAsDouble(h);
            }
        }
        Piece last = pieces.get(pieces.size() - 1);
        return last instanceof Constant c ? c.value() : ((Smooth) last).f().applyAsDouble(h);
    }

    /** @return whether every smooth piece has an arbitrary-precision version */
    public boolean hasExactVersion() {
        for (Piece piece : pieces) {
            if (piece instanceof Smooth s && s.exact() == null) {
                return false;
            }
        }
        return true;
    }
}
