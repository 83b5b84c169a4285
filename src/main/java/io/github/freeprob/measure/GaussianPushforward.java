package io.github.freeprob.measure;

import io.github.freeprob.numerics.Checks;
import io.github.freeprob.numerics.Chebyshev;
import io.github.freeprob.precision.BigFloat;
import io.github.freeprob.precision.Elementary;
import io.github.freeprob.precision.GaussianExpectation;
import io.github.freeprob.precision.MomentSequence;
import io.github.freeprob.precision.Precision;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.DoubleUnaryOperator;
import org.hipparchus.analysis.integration.gauss.GaussIntegrator;
import org.hipparchus.analysis.integration.gauss.GaussIntegratorFactory;
import org.hipparchus.complex.Complex;
import org.hipparchus.special.Erf;
import org.hipparchus.util.MathArrays;

/**
 * The law of f(h) for h ~ N(0, q): ν(B) = P(f(h) ∈ B). An activation's ν, the law of φ'(h)², is built this way.
 *
 * <p><b>Representation.</b> Constant pieces of f become atoms with their exact Gaussian mass. The smooth pieces,
 * cut at ±{@value #TAIL_SIGMAS}σ (the Gaussian mass beyond is 1.5·10⁻²³), are split adaptively into panels on which
 * a Chebyshev interpolant f̃ of f is resolved to {@value #RESOLUTION} relative to the largest |f| on the panel and to
 * {@value #SMALLEST_RESOLUTION} relative to the smallest (kinks end up at panel ends); each panel carries
 * a {@value #GAUSS_POINTS}-point Gauss–Legendre rule in h, its critical points and its range. Where f tends to a
 * nonzero limit at an end of the window, the stretch on which it is within {@value #FLAT_TAIL} of that limit is a flat
 * tail ({@link FlatTail}): its mass is spread uniformly next to the limit, with the stretch's mean, instead of being
 * piled within ulps of the limit, where no Cauchy transform in double precision could show it.
 *
 * <p><b>Cauchy transform.</b> G(z) = ∫ φ_q(h) dh / (z − f(h)) summed over panels. A panel whose range is far from z
 * (distance ≥ {@value #FAR_FACTOR} · max|df̃/dt|) is summed by its Gauss rule. On a near panel, the integrand has poles
 * at the complex roots r of f̃(h) = z close to the panel, found by Newton's method from the real preimages of Re z,
 * from the critical points and from the panel ends. Each pole's quadrature error is corrected exactly:
 * G_panel = Σ_j W_j/(z − y_j) + Σ_r R_r (L(r) − Σ_j ω_j/(t_j − r)), with residue R_r = −w φ_q(h(r))/f̃'(r) and
 * L(r) = ∫_{−1}^{1} dt/(t − r) in closed form. This stays accurate as z reaches the real axis, where the correction
 * gives −iπ Σ φ_q/|f'| (the change-of-variables density) and the real part its principal value, and at an edge
 * where two roots meet at a critical point (for tanh, φ'(h)² = sech⁴(h) at 1), where G blows up like
 * (1 − z)^{-1/2}: both roots are corrected. At a critical value itself G is infinite.
 *
 * <p><b>Moments</b> in double precision come from the panels' Gauss rules (with f itself at the nodes) plus the atoms; in arbitrary precision
 * from {@link GaussianExpectation} on the pieces, which needs the exact version of each smooth piece.
 */
final class GaussianPushforward implements Measure {

    /** Half-width of the h-window, in standard deviations: 2Φ(−10) = 1.5e-23 of the mass lies outside. */
    static final double TAIL_SIGMAS = 10;
    /** Chebyshev samples per panel. */
    static final int CHEBYSHEV_POINTS = 33;
    /** Relative size of the Chebyshev tail below which a panel's interpolant counts as resolved. */
    static final double RESOLUTION = 1e-14;
    /** The same, relative to the smallest |f| on the panel (at its ends and centre). */
    static final double SMALLEST_RESOLUTION = 1e-13;
    /**
     * Below this, relative to the largest |f| on the piece, |f| is too small to resolve relative to itself: the floor
     * of the log chains that read ν there ({@code StieltjesInversion}'s 10⁻²⁹⁰ of the scale), above the subnormals.
     */
    static final double SMALLEST_RESOLVED = 1e-290;
    /** Gauss–Legendre points per panel. */
    static final int GAUSS_POINTS = 24;
    /** Panels no wider than this many standard deviations, so the Gaussian weight is resolved too. */
    static final double MAX_PANEL_SIGMAS = 2;
    /** Unresolved panels narrower than this many standard deviations are accepted (their mass is below 1e-11). */
    static final double MIN_PANEL_SIGMAS = 1e-11;
    /** A panel is far from z when dist(z, range) ≥ FAR_FACTOR · max |df̃/dt|. */
    static final double FAR_FACTOR = 1.5;
    /** Roots of f̃(t) = z are corrected when inside the Bernstein ellipse of this parameter. */
    static final double ELLIPSE = 4.0;
    /**
     * Roots of f̃' closer than this (panel units) to an end belong to that end: a cut puts the extremum at an end up
     * to bisection accuracy, and a panel whose end slope is below 1e-6 of its largest slope deflates at that end.
     */
    static final double CRITICAL_INTERIOR = 1e-6;
    /** A panel whose largest slope is within this factor of its derivative's noise has no critical point inside. */
    static final double FLAT_PANEL = 16;
    /** At most this many nested cuts at extrema (a smooth activation's φ'² has a handful of them). */
    static final int MAX_CRITICAL_CUTS = 16;
    /** Rounding of f̃, relative to |f|, that decides when two computed roots are one. */
    static final double ROOT_ROUNDING = 1e-13;
    /** Radius (panel units) around a critical end inside which f is evaluated in deflated form. */
    static final double DEFLATION_RADIUS = 0.25;

    private static final double[] GAUSS_NODES;
    private static final double[] GAUSS_WEIGHTS;

    static {
        GaussIntegrator rule = new GaussIntegratorFactory().legendre(GAUSS_POINTS);
        GAUSS_NODES = new double[GAUSS_POINTS];
        GAUSS_WEIGHTS = new double[GAUSS_POINTS];
        for (int j = 0; j < GAUSS_POINTS; j++) {
            GAUSS_NODES[j] = rule.getPoint(j);
            GAUSS_WEIGHTS[j] = rule.getWeight(j);
        }
    }

    private final PiecewiseFunction function;
    private final double variance;
    private final String description;
    private final List<Atom> atoms;
    private final List<Panel> panels;
    private final Support support;
    private final Interval bounds;
    /** A negative panel minimum this small relative to the maximum, of a function sampled ≥ 0, is rounding. */
    static final double RANGE_ROUNDING = 1e-20;
    private final List<Double> singularPoints;
    /**
     * A flat tail: f within this much of its value at an end of the window, relative to that value, over the stretch
     * of h next to the end. Its mass is then spread uniformly next to the limit ({@link FlatTail}), which moves no mass
     * by more than twice this relative amount.
     */
    static final double FLAT_TAIL = 1e-8;
    /** A flat tail lighter than this keeps its panels (the mass it would smooth is too small to matter). */
    static final double MIN_FLAT_TAIL_MASS = 1e-10;
    /**
     * Limits below this, relative to the largest |f| on the piece, have no flat tail: next to 0 the law is resolved in
     * relative terms (its log chains), not in absolute ones.
     */
    static final double FLAT_TAIL_LEVEL = 1e-3;
    /** Steps per standard deviation of the scan that finds where a flat tail starts. */
    private static final int FLAT_TAIL_STEPS = 16;

    /**
     * The law of f(h) over a flat tail, taken as uniform from the limit over twice the mean excess of f there (at most
     * 2·10⁻⁸ of the limit), with the stretch's exact Gaussian mass and mean. GELU's and swish's φ'² tend to 1 as h → ∞
     * so slowly, relative to the Gaussian weight, that at q = 5 or 50 a part in 10⁴ of the mass lies within an ulp of
     * 1 (and more within 10⁻¹³ of it, the finest structure a Cauchy transform evaluated in double precision can show):
     * no inversion of G can resolve that density, but a uniform law a few 10⁻⁹ wide is resolved, and with mass
     * and mean right it changes moment k only at second order, by about k²·(10⁻⁸)² times its mass, relatively.
     */
    private record FlatTail(UniformLaw law, double mass) {
    }

    private final List<FlatTail> flatTails;

    GaussianPushforward(PiecewiseFunction function, double variance, String description) {
        this.function = function;
        this.variance = Checks.positive("Gaussian variance q", variance);
        this.description = description;
        double sigma = Math.sqrt(variance);
        double window = TAIL_SIGMAS * sigma;
        TreeMap<Double, Double> atomMasses = new TreeMap<>();
        List<Panel> list = new ArrayList<>();
        List<Interval> ranges = new ArrayList<>();
        List<FlatTail> tails = new ArrayList<>();
        List<Double> cutValues = new ArrayList<>();
        for (PiecewiseFunction.Piece piece : function.pieces()) {
            if (piece instanceof PiecewiseFunction.Constant constant) {
                double mass = gaussianMass(piece.lo(), piece.hi(), sigma);
                if (mass > 0) {
                    atomMasses.merge(constant.value() == 0 ? 0.0 : constant.value(), mass, Double::sum);
                }
                continue;
            }
            DoubleUnaryOperator f = ((PiecewiseFunction.Smooth) piece).f();
            double lo = Math.max(piece.lo(), -window);
            double hi = Math.min(piece.hi(), window);
            if (lo < hi) {
                double scale = 0;
                for (int i = 0; i <= 256; i++) {
                    scale = Math.max(scale, Math.abs(f.applyAsDouble(lo + (hi - lo) * i / 256)));
                }
                // Where the piece reaches an end of the window, f may tend to a nonzero limit there (GELU's and
                // swish's φ'² → 1 as h → ∞): its flat tail is cut off and carried by a uniform law.
                double start = piece.lo() <= -window ? flatTail(f, lo, hi, piece.lo(), sigma, scale, tails) : lo;
                double end = piece.hi() >= window ? flatTail(f, hi, start, piece.hi(), sigma, scale, tails) : hi;
                if (start < end) {
                    // A cut at a flat tail is no critical point, however small f' is there relative to the panel; the
                    // density jumps at f there (where the panels' part of the law starts), a singular point.
                    double[] regular = {start == lo ? Double.NaN : start, end == hi ? Double.NaN : end};
                    for (double cut : regular) {
                        if (!Double.isNaN(cut)) {
                            cutValues.add(f.applyAsDouble(cut));
                        }
                    }
                    split(f, start, end, sigma, scale * SMALLEST_RESOLVED, regular, list);
                }
            }
            ranges.add(closureOfRange(f, piece, window, sigma));
        }
        for (Panel panel : list) {
            ranges.add(Interval.of(panel.fMin, panel.fMax));
        }
        for (FlatTail tail : tails) {
            ranges.add(tail.law.bounds());
        }
        clampRoundingBelowZero(ranges, list);
        List<Double> singular = new ArrayList<>();
        for (FlatTail tail : tails) {
            singular.add(tail.law.bounds().lo());
            singular.add(tail.law.bounds().hi());
        }
        singular.addAll(cutValues);
        for (Panel panel : list) {
            if (!Double.isNaN(panel.critical)) {
                singular.add(panel.reference);
            }
        }
        for (PiecewiseFunction.Piece piece : function.pieces()) {
            for (double end : new double[] {piece.lo(), piece.hi()}) {
                if (Double.isFinite(end)) {
                    singular.add(function.value(Math.nextDown(end)));
                    singular.add(function.value(Math.nextUp(end)));
                }
            }
        }
        this.singularPoints = List.copyOf(singular);
        this.flatTails = List.copyOf(tails);
        List<Atom> atomList = new ArrayList<>();
        atomMasses.forEach((x, p) -> atomList.add(Atom.of(x, Math.min(1, p))));
        this.atoms = List.copyOf(atomList);
        this.panels = List.copyOf(list);
        this.support = Support.of(ranges);
        Interval hull = null;
        for (Interval range : ranges) {
            hull = hull == null ? range : hull.span(range);
        }
        for (Atom atom : atoms) {
            hull = hull == null ? Interval.of(atom.location(), atom.location()) : hull.span(atom.location());
        }
        this.bounds = hull;
    }

    /**
     * When no range starts more than a rounding error ({@value #RANGE_ROUNDING} of the largest value) below 0, f is
     * taken as ≥ 0 (as φ'² is), and a range that starts that little below 0 (at a double zero of f, such as GELU's,
     * whose Taylor form gives −9·10⁻⁹¹) starts at 0.
     */
    private static void clampRoundingBelowZero(List<Interval> ranges, List<Panel> panels) {
        double top = 0;
        for (Interval range : ranges) {
            top = Math.max(top, Math.abs(range.hi()));
        }
        double rounding = RANGE_ROUNDING * Math.max(top, Double.MIN_NORMAL);
        boolean nonNegative = !panels.isEmpty();
        for (Interval range : ranges) {
            nonNegative &= range.lo() >= -rounding;
        }
        for (int i = 0; i < ranges.size(); i++) {
            Interval range = ranges.get(i);
            if (nonNegative && range.lo() < 0 && range.lo() >= -rounding) {
                ranges.set(i, Interval.of(0, Math.max(0, range.hi())));
            }
        }
    }

    /**
     * The flat tail of f at the window's end {@code end} (its piece extending to {@code beyond}): the stretch from
     * {@code end} inward on which |f − f(end)| ≤ {@value #FLAT_TAIL}·|f(end)|, found by a scan of
     * {@value #FLAT_TAIL_STEPS} steps per σ and a bisection. When that stretch, with the Gaussian mass beyond the window
     * on its side, carries at least {@value #MIN_FLAT_TAIL_MASS}, its law is added to {@code tails} (uniform, with the
     * stretch's mass and mean) and the inner end of the stretch returned; otherwise {@code end}, and nothing is added.
     *
     * @param inner the other end of the part of the piece still to be covered by panels
     */
    private static double flatTail(DoubleUnaryOperator f, double end, double inner, double beyond, double sigma,
                                   double scale, List<FlatTail> tails) {
        double limit = f.applyAsDouble(end);
        if (!(Math.abs(limit) >= FLAT_TAIL_LEVEL * scale) || inner == end) {
            return end;
        }
        double tolerance = FLAT_TAIL * Math.abs(limit);
        double step = Math.copySign(sigma / FLAT_TAIL_STEPS, inner - end);
        double flat = end;
        double steep = Double.NaN;
        for (int i = 1; Double.isNaN(steep); i++) {
            double h = end + i * step;
            boolean last = step > 0 ? h >= inner : h <= inner;
            h = last ? inner : h;
            double value = f.applyAsDouble(h);
            if (Math.abs(value - limit) > tolerance) {
                steep = h;
            } else {
                flat = h;
                if (last) {
                    break;
                }
            }
        }
        for (int k = 0; k < 100 && !Double.isNaN(steep) && Math.abs(steep - flat) > 1e-12 * sigma; k++) {
            double mid = 0.5 * (flat + steep);
            if (Math.abs(f.applyAsDouble(mid) - limit) > tolerance) {
                steep = mid;
            } else {
                flat = mid;
            }
        }
        double mass = gaussianMass(Math.min(flat, beyond), Math.max(flat, beyond), sigma);
        if (flat == end || !(mass >= MIN_FLAT_TAIL_MASS)) {
            return end;
        }
        // The uniform law with the stretch's mean: it starts at the limit and is twice the mean excess wide, so that
        // every moment is right to first order in the excess (a law on all of f's range there, whose mean is about
        // three times too far from the limit for GELU, moved moment k of a depth-64 product by 64k·10⁻⁸/3 of the mass).
        double excess = meanExcess(f, flat, end, limit, sigma * sigma) / mass;
        double other = limit + 2 * excess;
        if (!(other != limit) || !Double.isFinite(other)) {
            return end;
        }
        tails.add(new FlatTail(new UniformLaw(Math.min(limit, other), Math.max(limit, other)), mass));
        return flat;
    }

    /**
     * ∫ (f(h) − limit) φ_q(h) dh over the stretch [a, b] (either order), by 16 Gauss–Legendre panels: the integrand is
     * smooth and decays with the Gaussian weight; the mass beyond the window (10⁻²³) is left out.
     */
    private static double meanExcess(DoubleUnaryOperator f, double a, double b, double limit, double variance) {
        double lo = Math.min(a, b);
        double width = Math.abs(b - a) / 16;
        double sum = 0;
        for (int panel = 0; panel < 16; panel++) {
            double mid = lo + (panel + 0.5) * width;
            for (int j = 0; j < GAUSS_POINTS; j++) {
                double h = mid + 0.5 * width * GAUSS_NODES[j];
                sum += 0.5 * width * GAUSS_WEIGHTS[j] * (f.applyAsDouble(h) - limit) * Panel.gaussian(h, variance);
            }
        }
        return sum;
    }

    /** P(lo &lt; h &lt; hi) for h ~ N(0, σ²), with Hipparchus' two-argument erf (no cancellation in the tails). */
    private static double gaussianMass(double lo, double hi, double sigma) {
        double scale = 1 / (sigma * Math.sqrt(2));
        double a = lo == Double.NEGATIVE_INFINITY ? Double.NEGATIVE_INFINITY : lo * scale;
        double b = hi == Double.POSITIVE_INFINITY ? Double.POSITIVE_INFINITY : hi * scale;
        return 0.5 * Erf.erf(a, b);
    }

    /**
     * The closure of f over the piece's part outside the window (its tails), from f at the window's edge and at a far
     * point: f is continuous there, so it takes every value in between.
     */
    private static Interval closureOfRange(DoubleUnaryOperator f, PiecewiseFunction.Piece piece, double window,
                                           double sigma) {
        double far = 1e6 * Math.max(1, sigma);
        Interval range = null;
        if (piece.lo() < -window) {
            double inner = f.applyAsDouble(Math.min(-window, piece.hi()));
            double outer = f.applyAsDouble(Math.max(piece.lo(), -far));
            range = Interval.of(Math.min(inner, outer), Math.max(inner, outer));
        }
        if (piece.hi() > window) {
            double inner = f.applyAsDouble(Math.max(window, piece.lo()));
            double outer = f.applyAsDouble(Math.min(piece.hi(), far));
            Interval right = Interval.of(Math.min(inner, outer), Math.max(inner, outer));
            range = range == null ? right : range.span(right);
        }
        if (range == null) {
            double mid = f.applyAsDouble(0.5 * (piece.lo() + piece.hi()));
            range = Interval.of(mid, mid);
        }
        return range;
    }

    private void split(DoubleUnaryOperator f, double a, double b, double sigma, double floor, double[] regular,
                       List<Panel> out) {
        split(f, a, b, sigma, floor, regular, Double.POSITIVE_INFINITY, 0, out);
    }

    /**
     * Adaptive splitting; {@code parentTail} is the Chebyshev tail of the panel this one was halved from: a tail that
     * halving no longer reduces (by at least a factor 4) is the rounding noise of f's values, and the panel is kept.
     * A resolved panel with an extremum of f inside is cut there, so that every panel is monotone and each critical
     * point is a panel end; {@code cuts} counts the cuts above this panel, which bounds the recursion when rounding
     * puts a spurious root of f̃' next to an end that is already critical. Panel ends at a point of {@code regular} are
     * never taken for critical points.
     */
    private void split(DoubleUnaryOperator f, double a, double b, double sigma, double floor, double[] regular,
                       double parentTail, int cuts, List<Panel> out) {
        double center = 0.5 * (a + b);
        double half = 0.5 * (b - a);
        double[] c = Chebyshev.coefficients(t -> f.applyAsDouble(center + half * t), CHEBYSHEV_POINTS);
        double largest = 0;
        double tail = 0;
        for (int k = 0; k < c.length; k++) {
            largest = Math.max(largest, Math.abs(c[k]));
            if (k >= 3 * c.length / 4) {
                tail = Math.max(tail, Math.abs(c[k]));
            }
        }
        // Resolved relative to the smallest |f| on the panel (at its ends and centre) too, not only to its largest:
        // G at a small z ≈ f(h) is only as accurate, relative to its size, as f̃ is relative to z, and products of free
        // laws read ν that far below its bulk (an absolute 10⁻¹⁵ of max|f| left ν_erf's G at z ~ 10⁻⁸ with 10⁻⁷ of
        // noise).
        double smallest = Math.min(Math.abs(f.applyAsDouble(center)),
                Math.min(Math.abs(f.applyAsDouble(a)), Math.abs(f.applyAsDouble(b))));
        double target = Math.min(RESOLUTION * largest, SMALLEST_RESOLUTION * smallest);
        boolean resolved = tail <= Math.max(target, floor) || tail > 0.25 * parentTail;
        boolean narrow = b - a <= MAX_PANEL_SIGMAS * sigma;
        if ((resolved && narrow) || b - a < MIN_PANEL_SIGMAS * sigma) {
            double interior = cuts < MAX_CRITICAL_CUTS ? interiorCriticalPoint(c, tail) : Double.NaN;
            double cut = center + half * interior;
            if (!Double.isNaN(interior) && cut - a >= MIN_PANEL_SIGMAS * sigma && b - cut >= MIN_PANEL_SIGMAS * sigma) {
                split(f, a, cut, sigma, floor, regular, Double.POSITIVE_INFINITY, cuts + 1, out);
                split(f, cut, b, sigma, floor, regular, Double.POSITIVE_INFINITY, cuts + 1, out);
                return;
            }
            out.add(new Panel(center, half, c, variance, f, a == regular[0] || a == regular[1],
                    b == regular[0] || b == regular[1]));
            return;
        }
        split(f, a, center, sigma, floor, regular, tail, cuts, out);
        split(f, center, b, sigma, floor, regular, tail, cuts, out);
    }

    /**
     * A zero of f̃' inside the panel, at least {@link #CRITICAL_INTERIOR} (panel units) from its ends, or NaN. None where
     * the largest |f̃'| is within {@value #FLAT_PANEL} times the derivative's own noise, the Chebyshev tail of f̃ times
     * n² (differentiation multiplies coefficient k by up to k²): there the sign changes of f̃' are rounding noise.
     * GELU's φ'² = 1 + O(hφ(h)) for h &gt; 8 is 1 to a few bits, and cutting at that noise made 13 743 panels at q = 5.
     */
    private static double interiorCriticalPoint(double[] c, double tail) {
        double[] d = Chebyshev.derivative(c);
        int samples = 129;
        double previousT = -1;
        double previous = Chebyshev.evaluate(d, -1);
        double slope = Math.abs(previous);
        for (int i = 1; i < samples; i++) {
            slope = Math.max(slope, Math.abs(Chebyshev.evaluate(d, -1 + 2.0 * i / (samples - 1))));
        }
        if (!(slope > FLAT_PANEL * tail * c.length * c.length)) {
            return Double.NaN;
        }
        for (int i = 1; i < samples; i++) {
            double t = -1 + 2.0 * i / (samples - 1);
            double value = Chebyshev.evaluate(d, t);
            if (previous != 0 && value != 0 && Math.signum(value) != Math.signum(previous)) {
                double root = Panel.bisect(d, previousT, t);
                // A root next to an end is that end's critical point seen through rounding (the Panel deflates
                // there); a root where |f̃'| is tiny everywhere is noise.
                if (Math.abs(root) < 1 - CRITICAL_INTERIOR && slope > 0) {
                    return root;
                }
            }
            previousT = t;
            previous = value;
        }
        return Double.NaN;
    }

    /** @return the number of smooth panels (a cost: every evaluation of G visits each) */
    int panelCount() {
        return panels.size();
    }

    @Override
    public Complex cauchyUpper(Complex z) {
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
        for (FlatTail tail : flatTails) {
            Complex s = tail.law.cauchyUpper(z);
            if (!Double.isFinite(s.getReal()) || !Double.isFinite(s.getImaginary())) {
                return Complex.INF;
            }
            re += tail.mass * s.getReal();
            im += tail.mass * s.getImaginary();
        }
        for (Panel panel : panels) {
            double distance = panel.distance(zr, zi);
            if (distance >= FAR_FACTOR * panel.slopeMax) {
                double[] s = panel.farSum(zr, zi);
                re += s[0];
                im += s[1];
            } else {
                Complex s = panel.nearSum(z);
                if (!Double.isFinite(s.getReal()) || !Double.isFinite(s.getImaginary())) {
                    return Complex.INF;
                }
                re += s.getReal();
                im += s.getImaginary();
            }
        }
        return new Complex(re, im);
    }

    /**
     * G'(z) = −∫ φ_q(h) dh/(z − f(h))²: far panels by their Gauss sums, near panels with each double pole corrected
     * (see {@link Panel#nearDerivative}).
     */
    @Override
    public Complex cauchyDerivativeUpper(Complex z) {
        double zr = z.getReal();
        double zi = z.getImaginary();
        Complex sum = Complex.ZERO;
        for (Atom atom : atoms) {
            Complex d = z.subtract(atom.location());
            sum = sum.subtract(d.multiply(d).reciprocal().multiply(atom.mass()));
        }
        for (FlatTail tail : flatTails) {
            sum = sum.add(tail.law.cauchyDerivativeUpper(z).multiply(tail.mass));
        }
        for (Panel panel : panels) {
            if (panel.distance(zr, zi) >= FAR_FACTOR * panel.slopeMax) {
                sum = sum.add(panel.farDerivative(zr, zi));
            } else {
                Complex near = panel.nearDerivative(z);
                if (!Double.isFinite(near.getReal()) || !Double.isFinite(near.getImaginary())) {
                    return Complex.INF;
                }
                sum = sum.add(near);
            }
        }
        return sum;
    }

    /** G, G' and H together: each near panel's roots are found once for all three. */
    @Override
    public Complex[] cauchyTermsUpper(Complex z) {
        double zr = z.getReal();
        double zi = z.getImaginary();
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
        for (FlatTail tail : flatTails) {
            // The uniform law's H = z G_u − 1, times the tail's mass, is its part of ∫ t dν(t)/(z − t).
            Complex[] terms = tail.law.cauchyTermsUpper(z);
            if (!Double.isFinite(terms[0].getReal()) || !Double.isFinite(terms[0].getImaginary())) {
                return new Complex[] {Complex.INF, Complex.INF, Complex.INF};
            }
            g = g.add(terms[0].multiply(tail.mass));
            derivative = derivative.add(terms[1].multiply(tail.mass));
            reduced = reduced.add(terms[2].multiply(tail.mass));
        }
        for (Panel panel : panels) {
            if (panel.distance(zr, zi) >= FAR_FACTOR * panel.slopeMax) {
                double[] s = panel.farSum(zr, zi);
                g = g.add(new Complex(s[0], s[1]));
                derivative = derivative.add(panel.farDerivative(zr, zi));
                reduced = reduced.add(panel.farReduced(zr, zi));
            } else {
                List<Complex> roots = panel.roots(new Complex(zr - panel.reference, zi));
                Complex s = panel.nearSum(z, roots);
                Complex d = panel.nearDerivative(z, roots);
                if (!Double.isFinite(s.getReal()) || !Double.isFinite(s.getImaginary())) {
                    return new Complex[] {Complex.INF, Complex.INF, Complex.INF};
                }
                g = g.add(s);
                derivative = derivative.add(d);
                reduced = reduced.add(z.multiply(s).subtract(panel.mass));
            }
        }
        return new Complex[] {g, derivative, reduced};
    }

    /** H = Σ p x/(z − x) + Σ_panels: far, Σ W_j y_j/(z − y_j); near, z G_panel − mass_panel. */
    @Override
    public Complex cauchyReducedUpper(Complex z) {
        Complex sum = Complex.ZERO;
        for (Atom atom : atoms) {
            if (atom.location() != 0) {
                sum = sum.add(z.subtract(atom.location()).reciprocal().multiply(atom.mass() * atom.location()));
            }
        }
        for (FlatTail tail : flatTails) {
            sum = sum.add(tail.law.cauchyReducedUpper(z).multiply(tail.mass));
        }
        double zr = z.getReal();
        double zi = z.getImaginary();
        for (Panel panel : panels) {
            if (panel.distance(zr, zi) >= FAR_FACTOR * panel.slopeMax) {
                sum = sum.add(panel.farReduced(zr, zi));
            } else {
                sum = sum.add(z.multiply(panel.nearSum(z)).subtract(panel.mass));
            }
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
        for (FlatTail tail : flatTails) {
            double[] u = tail.law.moments(n);
            for (int k = 0; k <= n; k++) {
                m[k] += tail.mass * u[k];
            }
        }
        for (Panel panel : panels) {
            for (int j = 0; j < GAUSS_POINTS; j++) {
                double power = panel.weights[j];
                for (int k = 0; k <= n; k++) {
                    m[k] += power;
                    power *= panel.exactValues[j];
                }
            }
        }
        double total = m[0];
        for (int k = 1; k <= n; k++) {
            m[k] /= total;
        }
        m[0] = 1;
        return m;
    }

    /**
     * @throws UnsupportedOperationException if a smooth piece of f has no arbitrary-precision version
     */
    @Override
    public MomentSequence exactMoments(int n, Precision precision) {
        Checks.atLeast("moment order n", n, 0);
        if (!function.hasExactVersion()) {
            throw new UnsupportedOperationException("exact moments of " + this
                    + " need an arbitrary-precision version of f on every smooth piece; this f has none");
        }
        BigFloat[] m = new BigFloat[n + 1];
        java.util.Arrays.fill(m, precision.zero());
        for (PiecewiseFunction.Piece piece : function.pieces()) {
            if (piece instanceof PiecewiseFunction.Constant constant) {
                BigFloat mass = Elementary.gaussianMass(piece.lo(), piece.hi(), variance, precision);
                BigFloat value = precision.of(constant.value());
                BigFloat power = mass;
                for (int k = 0; k <= n; k++) {
                    m[k] = m[k].add(power);
                    power = power.multiply(value);
                }
            } else {
                BigFloat[] integrals = GaussianExpectation.powerIntegrals(piece.lo(), piece.hi(),
                        ((PiecewiseFunction.Smooth) piece).exact(), variance, n, precision);
                for (int k = 0; k <= n; k++) {
                    m[k] = m[k].add(integrals[k]);
                }
            }
        }
        BigFloat total = m[0];
        for (int k = 1; k <= n; k++) {
            m[k] = m[k].divide(total);
        }
        m[0] = precision.one();
        return MomentSequence.of(m, precision);
    }

    @Override
    public List<Atom> atoms() {
        return atoms;
    }

    @Override
    public Support support() {
        return support;
    }

    @Override
    public Interval bounds() {
        return bounds;
    }

    /** The critical values of f (inverse-square-root points of the density) and its values at piece ends. */
    @Override
    public List<Double> singularPoints() {
        return singularPoints;
    }

    /** @return q */
    double gaussianVariance() {
        return variance;
    }

    @Override
    public String toString() {
        return description;
    }

    /**
     * One panel [center − half, center + half] of a smooth piece, on which f is monotone. Values are kept as offsets
     * from a reference: where an end of the panel is a critical point t_c of f (as h = 0 is for tanh's sech⁴), the
     * reference is f there and, within {@value #DEFLATION_RADIUS} of t_c, the offset is evaluated in deflated form
     * f − f(t_c) = (t − t_c)² q(t − t_c) with q from the Taylor coefficients of f̃ at t_c. Near a critical value z, the
     * roots of f̃(t) = z are then computed from z − f(t_c) with full relative accuracy, instead of from a difference of
     * two nearly equal numbers.
     */
    private static final class Panel {

        final double center;
        final double half;
        final double variance;
        final double[] coefficients;
        final double[] derivative;
        final double[] secondDerivative;
        final double reference;
        final double critical;
        final double[] taylor;
        final double[] offsets;
        final double[] values;
        final double[] exactValues;
        final double[] weights;
        final double fMin;
        final double fMax;
        final double slopeMax;
        /** Σ W_j, the panel's Gaussian mass. */
        final double mass;

        /**
         * @param leftRegular  the left end is known not to be a critical point of f
         * @param rightRegular the same for the right end
         */
        Panel(double center, double half, double[] fullCoefficients, double variance, DoubleUnaryOperator f,
              boolean leftRegular, boolean rightRegular) {
            this.center = center;
            this.half = half;
            this.variance = variance;
            int keep = Math.max(2, Chebyshev.resolvedLength(fullCoefficients, 1e-17));
            this.coefficients = java.util.Arrays.copyOf(fullCoefficients, Math.min(keep, fullCoefficients.length));
            this.derivative = Chebyshev.derivative(coefficients);
            this.secondDerivative = Chebyshev.derivative(derivative);
            double maxSlope = 0;
            int samples = 129;
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < samples; i++) {
                double t = -1 + 2.0 * i / (samples - 1);
                maxSlope = Math.max(maxSlope, Math.abs(Chebyshev.evaluate(derivative, t)));
            }
            this.slopeMax = 1.1 * maxSlope;
            double threshold = 1e-6 * maxSlope;
            double left = leftRegular ? Double.POSITIVE_INFINITY : Math.abs(Chebyshev.evaluate(derivative, -1));
            double right = rightRegular ? Double.POSITIVE_INFINITY : Math.abs(Chebyshev.evaluate(derivative, 1));
            if (left <= threshold || right <= threshold) {
                this.critical = left <= right ? -1 : 1;
                this.reference = f.applyAsDouble(center + half * critical);
                this.taylor = taylor(coefficients, critical);
            } else {
                this.critical = Double.NaN;
                this.reference = 0;
                this.taylor = new double[0];
            }
            this.offsets = new double[GAUSS_POINTS];
            this.values = new double[GAUSS_POINTS];
            this.exactValues = new double[GAUSS_POINTS];
            this.weights = new double[GAUSS_POINTS];
            for (int j = 0; j < GAUSS_POINTS; j++) {
                double t = GAUSS_NODES[j];
                offsets[j] = offset(t);
                values[j] = reference + offsets[j];
                exactValues[j] = f.applyAsDouble(center + half * t);
                weights[j] = GAUSS_WEIGHTS[j] * half * gaussian(center + half * t, variance);
            }
            double total = 0;
            for (double w : weights) {
                total += w;
            }
            this.mass = total;
            double exactLo = Double.POSITIVE_INFINITY;
            double exactHi = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < samples; i++) {
                double t = -1 + 2.0 * i / (samples - 1);
                double v = reference + offset(t);
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
                double exact = f.applyAsDouble(center + half * t);
                exactLo = Math.min(exactLo, exact);
                exactHi = Math.max(exactHi, exact);
            }
            if (!Double.isNaN(critical)) {
                // At a critical point that is the panel's minimum (maximum), the Taylor form can dip a rounding
                // error past f there (φ'² of GELU: −7·10⁻⁴¹ at its double zero); the range ends at f itself.
                if (exactLo >= reference) {
                    lo = Math.max(lo, reference);
                }
                if (exactHi <= reference) {
                    hi = Math.min(hi, reference);
                }
            }
            if (lo < 0 && exactLo >= 0 && lo >= -RANGE_ROUNDING * Math.max(Math.abs(hi), Double.MIN_NORMAL)) {
                // A function that is ≥ 0 on the panel (φ'² in its saturated tails) whose polynomial form dips a
                // rounding error below 0 there: its range starts at 0.
                lo = 0;
            }
            this.fMin = lo;
            this.fMax = hi;
        }

        /** Taylor coefficients a_2, a_3, … of f̃ at t_c, so that f̃(t_c + u) − f̃(t_c) ≈ u² Σ a_{j+2} u^j. */
        private static double[] taylor(double[] c, double tc) {
            double[] out = new double[Math.max(1, c.length - 2)];
            double[] d = c;
            double factorial = 1;
            for (int k = 1; k < c.length; k++) {
                d = Chebyshev.derivative(d);
                factorial *= k;
                if (k >= 2) {
                    out[k - 2] = Chebyshev.evaluate(d, tc) / factorial;
                }
            }
            return out;
        }

        private boolean deflated(double tr, double ti) {
            double dr = tr - critical;
            return !Double.isNaN(critical) && dr * dr + ti * ti <= DEFLATION_RADIUS * DEFLATION_RADIUS;
        }

        /** f̃(t) − reference, real t. */
        double offset(double t) {
            if (deflated(t, 0)) {
                double u = t - critical;
                double q = 0;
                for (int j = taylor.length - 1; j >= 0; j--) {
                    q = q * u + taylor[j];
                }
                return u * u * q;
            }
            return Chebyshev.evaluate(coefficients, t) - reference;
        }

        /** {f̃(t) − reference, f̃'(t)} at complex t, as {re, im, re', im'}. */
        double[] offsetAndSlope(double tr, double ti) {
            if (deflated(tr, ti)) {
                double ur = tr - critical;
                double ui = ti;
                double qr = 0;
                double qi = 0;
                double pr = 0;
                double pi = 0;
                for (int j = taylor.length - 1; j >= 0; j--) {
                    // q' by Horner alongside q.
                    double npr = pr * ur - pi * ui + qr;
                    double npi = pr * ui + pi * ur + qi;
                    pr = npr;
                    pi = npi;
                    double nqr = qr * ur - qi * ui + taylor[j];
                    double nqi = qr * ui + qi * ur;
                    qr = nqr;
                    qi = nqi;
                }
                double u2r = ur * ur - ui * ui;
                double u2i = 2 * ur * ui;
                double valueRe = u2r * qr - u2i * qi;
                double valueIm = u2r * qi + u2i * qr;
                // (u² q)' = 2u q + u² q'
                double slopeRe = 2 * (ur * qr - ui * qi) + (u2r * pr - u2i * pi);
                double slopeIm = 2 * (ur * qi + ui * qr) + (u2r * pi + u2i * pr);
                return new double[] {valueRe, valueIm, slopeRe, slopeIm};
            }
            // Clenshaw for f̃ and f̃' in one loop (each series' operations in the same order as a separate pass)
            double[] c = coefficients;
            double[] d = derivative;
            double b1r = 0;
            double b1i = 0;
            double b2r = 0;
            double b2i = 0;
            double e1r = 0;
            double e1i = 0;
            double e2r = 0;
            double e2i = 0;
            double twoR = 2 * tr;
            double twoI = 2 * ti;
            for (int k = c.length - 1; k >= 1; k--) {
                double b0r = (twoR * b1r - twoI * b1i) - b2r + c[k];
                double b0i = (twoR * b1i + twoI * b1r) - b2i;
                b2r = b1r;
                b2i = b1i;
                b1r = b0r;
                b1i = b0i;
                if (k < d.length) {
                    double e0r = (twoR * e1r - twoI * e1i) - e2r + d[k];
                    double e0i = (twoR * e1i + twoI * e1r) - e2i;
                    e2r = e1r;
                    e2i = e1i;
                    e1r = e0r;
                    e1i = e0i;
                }
            }
            return new double[] {tr * b1r - ti * b1i - b2r + c[0] - reference, tr * b1i + ti * b1r - b2i,
                tr * e1r - ti * e1i - e2r + d[0], tr * e1i + ti * e1r - e2i};
        }

        static double bisect(double[] d, double a, double b) {
            double fa = Chebyshev.evaluate(d, a);
            for (int k = 0; k < 100; k++) {
                double mid = 0.5 * (a + b);
                if (mid == a || mid == b) {
                    break;
                }
                double fm = Chebyshev.evaluate(d, mid);
                if (Math.signum(fm) == Math.signum(fa)) {
                    a = mid;
                    fa = fm;
                } else {
                    b = mid;
                }
            }
            return 0.5 * (a + b);
        }

        static double gaussian(double h, double variance) {
            return Math.exp(-h * h / (2 * variance)) / Math.sqrt(2 * Math.PI * variance);
        }

        static Complex gaussian(Complex h, double variance) {
            return h.multiply(h).divide(-2 * variance).exp().divide(Math.sqrt(2 * Math.PI * variance));
        }

        double distance(double zr, double zi) {
            double dx = zr < fMin ? fMin - zr : (zr > fMax ? zr - fMax : 0);
            // a plain root, ten times cheaper than hypot: overflow gives +inf (far, as it is) and underflow 0 (near: the
            // corrected sum, exact anywhere, only slower)
            return Math.sqrt(dx * dx + zi * zi);
        }

        /** Σ W_j / (δ − d_j) with δ = z − reference. */
        double[] farSum(double zr, double zi) {
            double dr0 = zr - reference;
            double re = 0;
            double im = 0;
            double zi2 = zi * zi;
            for (int j = 0; j < GAUSS_POINTS; j++) {
                double dr = dr0 - offsets[j];
                double norm = dr * dr + zi2;
                re += weights[j] * dr / norm;
                im -= weights[j] * zi / norm;
            }
            return new double[] {re, im};
        }

        Complex nearSum(Complex z) {
            return nearSum(z, roots(new Complex(z.getReal() - reference, z.getImaginary())));
        }

        /** Whether a root sits on a quadrature node (a measure-zero event, handled by stepping off the axis). */
        static boolean onNode(List<Complex> roots) {
            for (Complex r : roots) {
                for (double t : GAUSS_NODES) {
                    if (Math.abs(t - r.getReal()) < 1e-12 && Math.abs(r.getImaginary()) < 1e-12) {
                        return true;
                    }
                }
            }
            return false;
        }

        /** A point moved off the axis by a hair. */
        static Complex nudged(Complex z) {
            return new Complex(z.getReal(), z.getImaginary() + 1e-13 * (1 + z.norm()));
        }

        /**
         * The Gauss rule's sums Σ w_j/(t_j − r) and, when asked, Σ w_j/(t_j − r)², in primitive doubles (r is off the
         * nodes: {@link #onNode} moves z first).
         *
         * @return {Re, Im} of the first sum, then of the second (zeros unless {@code squares})
         */
        static double[] nodeSums(double rr, double ri, boolean squares) {
            // The operations of Hipparchus' Complex (Smith's reciprocal, linearCombination products) in the same order,
            // without the objects: the sums are bit-identical to the former Complex loop, which matters because
            // compacted laws downstream (ν ⊠ mp(1), inverted) are sensitive to rounding-level changes near 0.
            double s1r = 0;
            double s1i = 0;
            double s2r = 0;
            double s2i = 0;
            for (int j = 0; j < GAUSS_POINTS; j++) {
                double a = GAUSS_NODES[j] - rr;
                double b = 0.0 - ri;
                double ir;
                double ii;
                if (Math.abs(a) < Math.abs(b)) {
                    double q = a / b;
                    double scale = 1. / (a * q + b);
                    ir = scale * q;
                    ii = -scale;
                } else {
                    double q = b / a;
                    double scale = 1. / (b * q + a);
                    ir = scale;
                    ii = -scale * q;
                }
                double w = GAUSS_WEIGHTS[j];
                s1r += ir * w;
                s1i += ii * w;
                if (squares) {
                    s2r += MathArrays.linearCombination(ir, ir, -ii, ii) * w;
                    s2i += MathArrays.linearCombination(ir, ii, ii, ir) * w;
                }
            }
            return new double[] {s1r, s1i, s2r, s2i};
        }

        Complex nearSum(Complex z, List<Complex> roots) {
            if (onNode(roots)) {
                return nearSum(nudged(z));
            }
            double[] far = farSum(z.getReal(), z.getImaginary());
            Complex sum = new Complex(far[0], far[1]);
            boolean boundary = z.getImaginary() == 0;
            for (Complex r : roots) {
                double[] os = offsetAndSlope(r.getReal(), r.getImaginary());
                Complex slope = new Complex(os[2], os[3]);
                if (slope.norm() <= 1e-300) {
                    return Complex.INF;
                }
                Complex residue = gaussian(r.multiply(half).add(center), variance).multiply(half).divide(slope)
                        .negate();
                double[] sums = nodeSums(r.getReal(), r.getImaginary(), false);
                Complex quadrature = new Complex(sums[0], sums[1]);
                Complex exact = logIntegral(r, boundary ? Math.signum(slope.getReal()) : 0);
                sum = sum.add(residue.multiply(exact.subtract(quadrature)));
            }
            return sum;
        }

        /** Σ W_j y_j/(z − y_j), the panel's share of H far from it. */
        Complex farReduced(double zr, double zi) {
            double re = 0;
            double im = 0;
            for (int j = 0; j < GAUSS_POINTS; j++) {
                double dr = zr - values[j];
                double norm = dr * dr + zi * zi;
                double wy = weights[j] * values[j];
                re += wy * dr / norm;
                im -= wy * zi / norm;
            }
            return new Complex(re, im);
        }

        /** −Σ W_j/(z − y_j)². */
        Complex farDerivative(double zr, double zi) {
            double dr0 = zr - reference;
            double re = 0;
            double im = 0;
            for (int j = 0; j < GAUSS_POINTS; j++) {
                double dr = dr0 - offsets[j];
                // 1/(dr + i zi)² = (dr − i zi)²/(dr² + zi²)²
                double norm = dr * dr + zi * zi;
                double norm2 = norm * norm;
                re -= weights[j] * (dr * dr - zi * zi) / norm2;
                im -= weights[j] * (-2 * dr * zi) / norm2;
            }
            return new Complex(re, im);
        }

        /**
         * G' on a near panel: with ψ(t) = w φ_q(h(t)), near a simple root r of f̃(t) = z,
         * ψ/(z − f̃)² = A/(t − r)² + B/(t − r) + smooth with A = ψ(r)/f̃'(r)² and
         * B = ψ'(r)/f̃'(r)² − ψ(r) f̃''(r)/f̃'(r)³; each pole's quadrature error is corrected with
         * ∫ dt/(t − r)² = −1/(1 − r) − 1/(1 + r) and ∫ dt/(t − r) as in {@link #nearSum}.
         */
        Complex nearDerivative(Complex z) {
            return nearDerivative(z, roots(new Complex(z.getReal() - reference, z.getImaginary())));
        }

        Complex nearDerivative(Complex z, List<Complex> roots) {
            if (onNode(roots)) {
                return nearDerivative(nudged(z));
            }
            Complex sum = farDerivative(z.getReal(), z.getImaginary());
            boolean boundary = z.getImaginary() == 0;
            for (Complex r : roots) {
                double[] os = offsetAndSlope(r.getReal(), r.getImaginary());
                Complex slope = new Complex(os[2], os[3]);
                if (slope.norm() <= 1e-300) {
                    return Complex.INF;
                }
                double[] curvatureParts = Chebyshev.evaluate(secondDerivative, r.getReal(), r.getImaginary());
                Complex curvature = new Complex(curvatureParts[0], curvatureParts[1]);
                Complex h = r.multiply(half).add(center);
                Complex psi = gaussian(h, variance).multiply(half);
                Complex psiPrime = psi.multiply(h).multiply(-half / variance);
                Complex slope2 = slope.multiply(slope);
                Complex a = psi.divide(slope2);
                Complex b = psiPrime.divide(slope2).subtract(psi.multiply(curvature).divide(slope2.multiply(slope)));
                double[] sums = nodeSums(r.getReal(), r.getImaginary(), true);
                Complex quadrature1 = new Complex(sums[0], sums[1]);
                Complex quadrature2 = new Complex(sums[2], sums[3]);
                Complex exact1 = logIntegral(r, boundary ? Math.signum(slope.getReal()) : 0);
                Complex exact2 = Complex.ONE.subtract(r).reciprocal().add(Complex.ONE.add(r).reciprocal()).negate();
                // G' = −∫ψ/(z − f̃)²: the corrections enter with the same sign as the far sum's terms.
                sum = sum.subtract(a.multiply(exact2.subtract(quadrature2)))
                        .subtract(b.multiply(exact1.subtract(quadrature1)));
            }
            return sum;
        }

        /**
         * ∫_{−1}^{1} dt/(t − r). For Im r ≠ 0, log(1 − r) − log(−1 − r) with principal branches (t − r never crosses
         * the negative real axis). For real r inside (−1, 1) it is the limit from the side {@code side} (+1 from
         * above: principal value + iπ). For real r outside, a real logarithm.
         */
        static Complex logIntegral(Complex r, double side) {
            double x = r.getReal();
            if (r.getImaginary() == 0) {
                if (Math.abs(x) < 1) {
                    return new Complex(Math.log((1 - x) / (1 + x)), Math.PI * (side >= 0 ? 1 : -1));
                }
                return new Complex(Math.log((x - 1) / (x + 1)), 0);
            }
            return Complex.ONE.subtract(r).log().subtract(Complex.valueOf(-1).subtract(r).log());
        }

        /**
         * Roots of f̃(t) = reference + δ inside the Bernstein ellipse of parameter {@link #ELLIPSE}. Newton starts: the
         * real preimage of Re δ (the panel is monotone), the square-root approximation of the two roots next to a
         * critical end, and the linear approximation next to a regular end (the last two only where the root they
         * predict lies within a half-width or a width of that end).
         */
        List<Complex> roots(Complex delta) {
            List<Complex> starts = new ArrayList<>(4);
            double x = delta.getReal();
            double fa = offset(-1) - x;
            double fb = offset(1) - x;
            if (fa == 0) {
                starts.add(Complex.valueOf(-1));
            } else if (fb == 0) {
                starts.add(Complex.valueOf(1));
            } else if (fa * fb < 0) {
                starts.add(Complex.valueOf(realRoot(-1, 1, x, fa)));
            }
            for (double end : new double[] {-1, 1}) {
                if (end == critical && taylor[0] != 0) {
                    Complex step = delta.divide(taylor[0]).sqrt();
                    if (step.getReal() * step.getReal() + step.getImaginary() * step.getImaginary() <= 0.25) {
                        starts.add(step.add(end));
                        starts.add(step.negate().add(end));
                    }
                } else {
                    double[] os = offsetAndSlope(end, 0);
                    if (os[2] != 0) {
                        Complex step = delta.subtract(os[0]).divide(os[2]);
                        if (step.getReal() * step.getReal() + step.getImaginary() * step.getImaginary() <= 1) {
                            starts.add(step.add(end));
                        }
                    }
                }
            }
            List<Complex> roots = new ArrayList<>(starts.size());
            double focalSum = ELLIPSE + 1 / ELLIPSE;
            for (Complex start : starts) {
                Complex root = newton(start, delta);
                if (root == null) {
                    continue;
                }
                double sum = root.subtract(1).norm() + root.add(1).norm();
                if (sum > focalSum) {
                    continue;
                }
                boolean duplicate = false;
                double tolerance = roots.isEmpty() ? 0 : duplicateTolerance(root, x + reference);
                for (Complex known : roots) {
                    if (known.subtract(root).norm() < tolerance) {
                        duplicate = true;
                        break;
                    }
                }
                if (!duplicate) {
                    roots.add(root);
                }
            }
            return roots;
        }

        /**
         * How close two roots found from different starts must be to count as one: 10⁻⁹, or, outside the deflated
         * neighbourhood of a critical end, the root's own uncertainty where f̃ is flat: {@value #ROOT_ROUNDING} of
         * |f| there (the rounding of f̃, a panel being resolved relative to its smallest values too) over |f̃'| at the
         * root (Newton's iterates wander that far on rounding). Next to a flat tail's cut, where |f̃'| is 10⁻⁷ in panel
         * units and f ≈ 1, two copies of one root 10⁻⁸ apart were both corrected and the density came out doubled.
         *
         * @param value Re z, the value of f at the root
         */
        private double duplicateTolerance(Complex root, double value) {
            if (deflated(root.getReal(), root.getImaginary())) {
                return 1e-9;
            }
            double[] os = offsetAndSlope(root.getReal(), root.getImaginary());
            double slope = Math.hypot(os[2], os[3]);
            return Math.max(1e-9, ROOT_ROUNDING * Math.abs(value) / slope);
        }

        /** The root of offset(t) = x in the monotone bracket [a, b], by Newton safeguarded by bisection. */
        private double realRoot(double a, double b, double x, double fa) {
            double t = 0.5 * (a + b);
            for (int k = 0; k < 100; k++) {
                double[] os = offsetAndSlope(t, 0);
                double value = os[0] - x;
                if (value == 0) {
                    return t;
                }
                if ((value < 0) == (fa < 0)) {
                    a = t;
                } else {
                    b = t;
                }
                double next = os[2] != 0 ? t - value / os[2] : Double.NaN;
                if (!(next > a && next < b)) {
                    next = 0.5 * (a + b);
                }
                if (Math.abs(next - t) <= 1e-16 * (1 + Math.abs(t)) || next == a || next == b) {
                    return next;
                }
                t = next;
            }
            return t;
        }

        /**
         * Newton's method for offset(t) = δ from {@code start}, in primitive complex arithmetic; null when it leaves
         * three times the correction ellipse or does not settle within 30 steps.
         */
        private Complex newton(Complex start, Complex delta) {
            double tr = start.getReal();
            double ti = start.getImaginary();
            double zr = delta.getReal();
            double zi = delta.getImaginary();
            double escape = 3 * (ELLIPSE + 1 / ELLIPSE);
            double scale = Math.abs(zr) + Math.abs(zi) + Double.MIN_NORMAL;
            double previous = Double.POSITIVE_INFINITY;
            for (int iteration = 0; iteration < 30; iteration++) {
                double[] os = offsetAndSlope(tr, ti);
                double vr = os[0] - zr;
                double vi = os[1] - zi;
                double norm = os[2] * os[2] + os[3] * os[3];
                if (norm == 0) {
                    return vr * vr + vi * vi <= 1e-30 * scale * scale ? new Complex(tr, ti) : null;
                }
                double sr = (vr * os[2] + vi * os[3]) / norm;
                double si = (vi * os[2] - vr * os[3]) / norm;
                double size = sr * sr + si * si;
                if (size > 100) {
                    double shrink = 10 / Math.sqrt(size);
                    sr *= shrink;
                    si *= shrink;
                    size = 100;
                }
                tr -= sr;
                ti -= si;
                // |t − 1| + |t + 1|; t is bounded by the escape test itself, so plain roots cannot overflow
                double focal = Math.sqrt((tr - 1) * (tr - 1) + ti * ti) + Math.sqrt((tr + 1) * (tr + 1) + ti * ti);
                if (focal > escape) {
                    return null;
                }
                if (size <= 1e-32 * (1 + tr * tr + ti * ti)) {
                    return new Complex(tr, ti);
                }
                if (size <= 1e-24 * (1 + tr * tr + ti * ti) && size > 0.25 * previous) {
                    // Steps below 10⁻¹² that no longer halve: rounding in f̃ moves the iterate, not convergence
                    // (a third of the runs on ν_gelu's panels next to 0 went on to the 30th step this way).
                    break;
                }
                previous = size;
            }
            double[] os = offsetAndSlope(tr, ti);
            double vr = os[0] - zr;
            double vi = os[1] - zi;
            // Relative to |z| alone: an absolute floor (it was 10⁻³⁰, squared) accepted any point of a panel whose values
            // are below 10⁻²⁸, and ν_gelu's G at x ~ 10⁻³¹ picked up unconverged iterates as roots (errors of 10 %).
            return vr * vr + vi * vi <= 1e-26 * Math.max(scale * scale, Double.MIN_NORMAL) ? new Complex(tr, ti) : null;
        }
    }
}
