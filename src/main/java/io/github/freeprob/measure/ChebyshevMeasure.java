package io.github.freeprob.measure;

import io.github.freeprob.numerics.Checks;
import io.github.freeprob.precision.BigFloat;
import io.github.freeprob.precision.MomentEngine;
import io.github.freeprob.precision.MomentSequence;
import io.github.freeprob.precision.Precision;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.hipparchus.complex.Complex;

/**
 * A compact measure: atoms plus a density given piece by piece by Chebyshev series ({@link DensityPiece}), with its
 * Cauchy transform, CDF and moments in closed form.
 *
 * <ul>
 *   <li>{@link WeightedPiece}: ρ = g(t)/(π r √(1 − t²)) on a whole support interval with square-root or inverse
 *       square-root edges; G by powers of the inverse Joukowski map.</li>
 *   <li>{@link PolynomialPanel}: ρ a plain Chebyshev series on an interior panel.</li>
 *   <li>{@link EdgePanel}: the density in s = |x − e|^{1/k} next to an edge e (k = 2 for square roots, jumps and
 *       inverse square roots, k = 3 for the x^{−2/3} of Fuss–Catalan laws, …), and for edges resolved by splitting
 *       toward them (densities that vanish faster than any power).</li>
 *   <li>{@link LogPanel}: a density spread over decades next to an edge at 0, in the variable log x.</li>
 *   <li>{@link PowerTail}: the closing piece of a chain of log panels, ρ = mβx^{β−1}/x₀^β down to 0.</li>
 * </ul>
 * Far from a panel, a panel's Cauchy transform comes from a cached Gauss–Legendre rule ({@code FarField}).
 *
 * <p>freeprob uses it as the output of Stieltjes inversion and to hold the law of one layer of a deep network
 * cheaply: its Cauchy transform costs one pass over its coefficients.
 */
public final class ChebyshevMeasure implements Measure {

    private final List<Atom> atoms;
    private final List<DensityPiece> pieces;
    /**
     * The measure is (offset + ·)_* of the atoms and pieces as stored: a law whose edge q + x sits next to a shift q
     * keeps x in its own coordinates, where double precision resolves it down to the smallest normal numbers.
     */
    private final double offset;
    private final List<Atom> shiftedAtoms;
    /** Points where one piece ends and the next begins, with the half-width of the average taken there. */
    private final double[] junctions;
    private final double[] junctionSteps;

    private ChebyshevMeasure(List<Atom> atoms, List<DensityPiece> pieces, double offset) {
        this.atoms = atoms;
        this.pieces = pieces;
        this.offset = offset;
        List<Atom> moved = new ArrayList<>(atoms.size());
        for (Atom atom : atoms) {
            moved.add(offset == 0 ? atom : Atom.of(offset + atom.location(), atom.mass()));
        }
        this.shiftedAtoms = List.copyOf(moved);
        List<double[]> found = new ArrayList<>();
        for (int i = 0; i + 1 < pieces.size(); i++) {
            Interval a = pieces.get(i).interval();
            Interval b = pieces.get(i + 1).interval();
            if (Math.abs(b.lo() - a.hi()) <= 4 * Math.ulp(a.hi())) {
                // At least 8 ulps, so that x₀ ± δ are neither x₀ nor within its 4-ulp window (a piece can be that
                // narrow deep below the bulk).
                found.add(new double[] {a.hi(),
                        Math.max(JUNCTION_STEP * Math.min(a.width(), b.width()), 8 * Math.ulp(a.hi()))});
            }
        }
        this.junctions = new double[found.size()];
        this.junctionSteps = new double[found.size()];
        for (int i = 0; i < found.size(); i++) {
            junctions[i] = found.get(i)[0];
            junctionSteps[i] = found.get(i)[1];
        }
    }

    /** Relative half-width (of the narrower neighbour) of the average that replaces G on the axis at a junction. */
    static final double JUNCTION_STEP = 1e-8;

    /**
     * At a junction x₀ of two pieces each piece's boundary value has a logarithmic singularity, which cancels between
     * the two only away from x₀ itself; there G(x₀ + i0) is the average of G(x₀ ± δ) (G is smooth along the axis where
     * the density is, so the error is δ² G''/2, about 10⁻¹⁶ relative).
     *
     * @return the half-width δ when z is on the axis at a junction, else 0
     */
    private double junctionStep(Complex z) {
        if (z.getImaginary() != 0) {
            return 0;
        }
        double x = z.getReal();
        int i = junctionAt(x);
        if (i < 0) {
            return 0;
        }
        // Among pieces narrower than the step (an inversion's last halvings toward a singular point leave some a few
        // ulps wide), x₀ ± δ can fall on another junction, and the averages would recurse without end: δ doubles
        // until both points are clear of every junction.
        double step = junctionSteps[i];
        while (junctionAt(x - step) >= 0 || junctionAt(x + step) >= 0) {
            step *= 2;
        }
        return step;
    }

    /** The index of the junction within 4 ulps of x (junctions are sorted), or −1. */
    private int junctionAt(double x) {
        int index = java.util.Arrays.binarySearch(junctions, x);
        int insertion = index >= 0 ? index : -index - 1;
        for (int i = Math.max(0, insertion - 1); i <= Math.min(junctions.length - 1, insertion); i++) {
            if (Math.abs(x - junctions[i]) <= 4 * Math.ulp(junctions[i])) {
                return i;
            }
        }
        return -1;
    }

    /**
     * @param atoms     the atoms
     * @param pieces    the density pieces, with disjoint interiors
     * @param tolerance how far the total mass (atoms plus pieces) may be from 1
     * @return the measure
     * @throws IllegalArgumentException if the total mass is off by more than {@code tolerance}, pieces overlap, or
     *                                  there is nothing at all
     */
    public static ChebyshevMeasure of(List<Atom> atoms, List<? extends DensityPiece> pieces, double tolerance) {
        if (atoms.isEmpty() && pieces.isEmpty()) {
            throw new IllegalArgumentException("a measure needs atoms or density pieces, but got neither");
        }
        double total = 0;
        for (Atom atom : atoms) {
            total += atom.mass();
        }
        List<DensityPiece> sorted = new ArrayList<>(pieces);
        sorted.sort((p, q) -> Double.compare(p.interval().lo(), q.interval().lo()));
        for (int i = 0; i < sorted.size(); i++) {
            total += sorted.get(i).mass();
            double previousEnd = i > 0 ? sorted.get(i - 1).interval().hi() : 0;
            if (i > 0 && sorted.get(i).interval().lo() < previousEnd - 64 * Math.ulp(previousEnd)) {
                throw new IllegalArgumentException("density pieces overlap: " + sorted.get(i - 1).interval()
                        + " and " + sorted.get(i).interval());
            }
        }
        if (!(Math.abs(total - 1) <= tolerance)) {
            throw new IllegalArgumentException("total mass must be 1 within " + Checks.format(tolerance)
                    + ", but was " + Checks.format(total));
        }
        List<Atom> sortedAtoms = new ArrayList<>(atoms);
        sortedAtoms.sort(null);
        return new ChebyshevMeasure(List.copyOf(sortedAtoms), List.copyOf(sorted), 0);
    }

    /**
     * The law of q + X for X ~ this measure, with the pieces kept in X's coordinates: G(z) = G_X(z − q) and the
     * moments by the binomial transform, so that the mass X holds within an ulp of its edge (which q + X would round
     * away) still counts.
     *
     * @param q the shift, finite
     * @return (q + ·)_* of this measure, as a compact measure
     */
    public ChebyshevMeasure shift(double q) {
        Checks.finite("shift q", q);
        return q == 0 ? this : new ChebyshevMeasure(atoms, pieces, offset + q);
    }

    /** @return the shift q of this law from its stored pieces and atoms (0 unless made by {@link #shift}) */
    public double offset() {
        return offset;
    }

    private Complex local(Complex z) {
        return offset == 0 ? z : new Complex(z.getReal() - offset, z.getImaginary());
    }

    /** @return the density pieces, left to right, in the coordinates before the {@link #offset()} */
    public List<DensityPiece> pieces() {
        return pieces;
    }

    /** @return the total number of Chebyshev coefficients */
    public int coefficientCount() {
        int count = 0;
        for (DensityPiece piece : pieces) {
            count += piece.length();
        }
        return count;
    }

    /** @return the density of the continuous part at x */
    public double density(double x) {
        x -= offset;
        double sum = 0;
        for (DensityPiece piece : pieces) {
            if (piece.interval().contains(x)) {
                sum = Math.max(sum, piece.density(x));
            }
        }
        return sum;
    }

    /** @return F(x) = μ((−∞, x]), atoms included (right-continuous) */
    public double cdf(double x) {
        x -= offset;
        double sum = 0;
        for (Atom atom : atoms) {
            if (atom.location() <= x) {
                sum += atom.mass();
            }
        }
        for (DensityPiece piece : pieces) {
            sum += piece.cumulative(x);
        }
        return Math.min(1, Math.max(0, sum));
    }

    @Override
    public Complex cauchyUpper(Complex z) {
        return localCauchy(local(z));
    }

    /** H(z) = H_X(w) + q G_X(w) with w = z − q. */
    @Override
    public Complex cauchyReducedUpper(Complex z) {
        Complex w = local(z);
        Complex reduced = localReduced(w);
        return offset == 0 ? reduced : reduced.add(localCauchy(w).multiply(offset));
    }

    /** G, G' and H with each piece's G computed once (H of a near piece is z G − mass). */
    @Override
    public Complex[] cauchyTermsUpper(Complex z) {
        Complex[] terms = localTerms(local(z));
        if (offset != 0) {
            terms[2] = terms[2].add(terms[0].multiply(offset));
        }
        return terms;
    }

    @Override
    public Complex cauchyDerivativeUpper(Complex z) {
        return localDerivative(local(z));
    }

    private Complex localCauchy(Complex z) {
        double step = junctionStep(z);
        if (step > 0) {
            return localCauchy(new Complex(z.getReal() - step, 0)).add(localCauchy(new Complex(z.getReal() + step, 0)))
                    .multiply(0.5);
        }
        double zr = z.getReal();
        double zi = z.getImaginary();
        double re = 0;
        double im = 0;
        for (Atom atom : atoms) {
            double dr = zr - atom.location();
            if (dr == 0 && zi == 0) {
                return Complex.INF;
            }
            double norm = dr * dr + zi * zi;
            re += atom.mass() * dr / norm;
            im -= atom.mass() * zi / norm;
        }
        for (DensityPiece piece : pieces) {
            Complex value = piece.cauchy(z);
            re += value.getReal();
            im += value.getImaginary();
        }
        return new Complex(re, im);
    }

    private Complex localReduced(Complex z) {
        double step = junctionStep(z);
        if (step > 0) {
            return localReduced(new Complex(z.getReal() - step, 0))
                    .add(localReduced(new Complex(z.getReal() + step, 0))).multiply(0.5);
        }
        Complex sum = Complex.ZERO;
        for (Atom atom : atoms) {
            if (atom.location() != 0) {
                sum = sum.add(z.subtract(atom.location()).reciprocal().multiply(atom.mass() * atom.location()));
            }
        }
        for (DensityPiece piece : pieces) {
            sum = sum.add(piece.cauchyReduced(z));
        }
        return sum;
    }

    private Complex[] localTerms(Complex z) {
        if (junctionStep(z) > 0) {
            return new Complex[] {localCauchy(z), localDerivative(z), localReduced(z)};
        }
        Complex g = Complex.ZERO;
        Complex derivative = Complex.ZERO;
        Complex reduced = Complex.ZERO;
        for (Atom atom : atoms) {
            Complex d = z.subtract(atom.location());
            if (d.isZero()) {
                return new Complex[] {Complex.INF, Complex.INF, Complex.INF};
            }
            Complex inverse = d.reciprocal();
            g = g.add(inverse.multiply(atom.mass()));
            derivative = derivative.subtract(inverse.multiply(inverse).multiply(atom.mass()));
            if (atom.location() != 0) {
                reduced = reduced.add(inverse.multiply(atom.mass() * atom.location()));
            }
        }
        for (DensityPiece piece : pieces) {
            Complex[] terms = piece.cauchyTerms(z);
            g = g.add(terms[0]);
            derivative = derivative.add(terms[1]);
            reduced = reduced.add(terms[2]);
        }
        return new Complex[] {g, derivative, reduced};
    }

    private Complex localDerivative(Complex z) {
        double step = junctionStep(z);
        if (step > 0) {
            return localDerivative(new Complex(z.getReal() - step, 0))
                    .add(localDerivative(new Complex(z.getReal() + step, 0))).multiply(0.5);
        }
        Complex sum = Complex.ZERO;
        for (Atom atom : atoms) {
            Complex d = z.subtract(atom.location());
            sum = sum.subtract(d.multiply(d).reciprocal().multiply(atom.mass()));
        }
        for (DensityPiece piece : pieces) {
            sum = sum.add(piece.cauchyDerivative(z));
        }
        return sum;
    }

    @Override
    public double[] moments(int n) {
        Checks.atLeast("moment order n", n, 0);
        double[] m = new double[n + 1];
        for (Atom atom : atoms) {
            double power = atom.mass();
            for (int k = 0; k <= n; k++) {
                m[k] += power;
                power *= atom.location();
            }
        }
        for (DensityPiece piece : pieces) {
            double[] pm = piece.moments(n);
            for (int k = 0; k <= n; k++) {
                m[k] += pm[k];
            }
        }
        double total = m[0];
        for (int k = 1; k <= n; k++) {
            m[k] /= total;
        }
        m[0] = 1;
        return offset == 0 ? m : AffinePushforward.affineMoments(m, offset, 1);
    }

    /** Exact moments of this approximant (normalised by its total mass). */
    @Override
    public MomentSequence exactMoments(int n, Precision precision) {
        Checks.atLeast("moment order n", n, 0);
        BigFloat[] m = new BigFloat[n + 1];
        java.util.Arrays.fill(m, precision.zero());
        for (Atom atom : atoms) {
            BigFloat x = precision.of(atom.location());
            BigFloat power = precision.of(atom.mass());
            for (int k = 0; k <= n; k++) {
                m[k] = m[k].add(power);
                power = power.multiply(x);
            }
        }
        for (DensityPiece piece : pieces) {
            BigFloat[] pm = piece.exactMoments(n, precision);
            for (int k = 0; k <= n; k++) {
                m[k] = m[k].add(pm[k]);
            }
        }
        BigFloat total = m[0];
        for (int k = 1; k <= n; k++) {
            m[k] = m[k].divide(total);
        }
        m[0] = precision.one();
        MomentSequence local = MomentSequence.of(m, precision);
        return offset == 0 ? local : MomentEngine.affine(local, offset, 1);
    }

    /**
     * @param f a function smooth on each piece
     * @return ∫ f dμ: the atoms' f(a)·mass plus each piece's Gauss rule
     */
    public double expectation(DoubleUnaryOperator f) {
        if (offset != 0) {
            DoubleUnaryOperator unshifted = f;
            f = x -> unshifted.applyAsDouble(offset + x);
        }
        double sum = 0;
        for (Atom atom : atoms) {
            sum += atom.mass() * f.applyAsDouble(atom.location());
        }
        for (DensityPiece piece : pieces) {
            sum += piece.integrate(f);
        }
        return sum;
    }

    @Override
    public List<Atom> atoms() {
        return shiftedAtoms;
    }

    /**
     * The edges that its {@link EdgePanel}s and {@link LogPanel}s were fitted toward (where the inversion found the
     * density singular, or reaching an edge over many decades), each once, shifted by the offset: a second inversion
     * of this measure, or of an affine image of it, cuts its panels there again instead of rediscovering them by
     * halving.
     */
    @Override
    public List<Double> singularPoints() {
        java.util.TreeSet<Double> edges = new java.util.TreeSet<>();
        for (DensityPiece piece : pieces) {
            if (piece instanceof EdgePanel panel) {
                edges.add(offset + panel.edge());
            } else if (piece instanceof LogPanel panel) {
                edges.add(offset + panel.edge());
            }
        }
        return List.copyOf(edges);
    }

    @Override
    public Support support() {
        List<Interval> intervals = new ArrayList<>();
        for (DensityPiece piece : pieces) {
            intervals.add(piece.interval());
        }
        return Support.of(intervals).affine(offset, 1);
    }

    @Override
    public Interval bounds() {
        Interval hull = null;
        for (DensityPiece piece : pieces) {
            hull = hull == null ? piece.interval() : hull.span(piece.interval());
        }
        for (Atom atom : atoms) {
            hull = hull == null ? Interval.of(atom.location(), atom.location()) : hull.span(atom.location());
        }
        return offset == 0 ? hull : hull.affine(offset, 1);
    }

    @Override
    public String toString() {
        String law = "chebyshev(" + atoms.size() + " atoms, " + pieces.size() + " pieces, " + coefficientCount()
                + " coefficients)";
        return offset == 0 ? law : "shift(" + law + ", " + Checks.format(offset) + ")";
    }
}
