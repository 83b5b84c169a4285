package io.github.freeprob.inversion;

import io.github.freeprob.measure.Atom;
import io.github.freeprob.measure.ChebyshevMeasure;
import io.github.freeprob.measure.DensityPiece;
import io.github.freeprob.measure.EdgePanel;
import io.github.freeprob.measure.Interval;
import io.github.freeprob.measure.LogPanel;
import io.github.freeprob.measure.Measure;
import io.github.freeprob.measure.PolynomialPanel;
import io.github.freeprob.measure.PowerTail;
import io.github.freeprob.measure.Support;
import io.github.freeprob.measure.WeightedPiece;
import io.github.freeprob.numerics.Chebyshev;
import io.github.freeprob.numerics.ConvergenceException;
import io.github.freeprob.numerics.GaussLegendre;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;
import org.hipparchus.complex.Complex;

/**
 * Stieltjes inversion: from a measure's Cauchy transform G alone, its atoms, the support of its continuous part, its
 * density, CDF and quantiles.
 *
 * <p><b>Method.</b> (1) A scan of G(x + i0) over a grid covering {@link Measure#bounds()} with a 2% margin.
 * (2) Atoms: G has a pole at an atom a, so on the real axis it jumps from −∞ to +∞ there; each sign change of Re G
 * from − to + is bracketed and the pole located by bisection on the sign of Re(1/G); a grid point where G is
 * infinite is a candidate too, and so (optionally) is each atom the measure reports. A candidate's mass is the limit
 * μ({a}) = lim_{ε↓0} iε G(a + iε), evaluated for ε = s·10^{−k}, k = 4, 6, …, 30 (s the length scale of the bounds),
 * until two successive values agree to 1e-15; candidates whose mass is below 1e-12 are dropped. Where the measure
 * reports an atom at the location (the exact masses of the convolution theorems), that mass is used and the
 * extrapolated one kept as its check in the diagnostics. (3) Support: the grid
 * points where ρ(x) = −Im G(x + i0)/π exceeds the density threshold, grouped into intervals whose edges are then
 * refined by bisection on the same test to machine precision (bisections evaluate G through
 * {@link Measure#boundaryWalk()}, which lets a free convolution start each midpoint from the previous one's solution). (4) Density: on each interval [a, b],
 * g(t) = π r ρ(c + r t)√(1 − t²) is sampled at Chebyshev points of the first kind (which avoid the edges) and
 * expanded in Chebyshev polynomials, doubling the length up to {@value #WEIGHTED_MAX} until the tail is below the
 * tolerance ({@link WeightedPiece}); square-root and inverse-square-root edges give a smooth g and spectral
 * accuracy. Where that fails (a density that jumps at an edge, or vanishes faster than any power), the interval is
 * cut at the measure's {@link Measure#singularPoints()} inside it, and each piece into an {@link EdgePanel} at each
 * end, in the variable s = |x − e|^{1/k} (k chosen by trial fits as the power that makes the density in s smoothest:
 * k = 2 for square roots, jumps and inverse square roots, k = 3 for the x^{−2/3} of a Fuss–Catalan law), and a
 * {@link PolynomialPanel} between them; panels whose series is not resolved (its tail above the tolerance
 * relative to its largest coefficient, and the mass the tail could carry above {@value #PANEL_MASS_TOLERANCE}) are
 * halved, in their own variable, until they are, which grades them toward singular edges. This gives the {@link ChebyshevMeasure} behind the CDF and quantiles.
 *
 * <p><b>Accuracy and failure modes.</b> Edges are exact to rounding for jump and inverse-square-root edges, and to
 * about (threshold/c)² for a square-root edge ρ ≈ c√(x − a). An edge where the density vanishes faster than any
 * power (a flat tail) is reported where ρ crosses the threshold. Support intervals, gaps and atoms narrower than the
 * scan spacing can be missed. If the masses found do not add up to 1 within 1e-6, the inversion fails with a
 * {@link ConvergenceException} rather than returning a wrong law.
 */
public final class StieltjesInversion {

    /**
     * Bisections for edges and poles stop at this fraction of the scale: below it the location is rounding (a point
     * within it of 0 is not distinguished from 0, where bisection would otherwise halve its way down to 10⁻³⁰⁰).
     */
    static final double RESOLUTION = 1e-17;
    /** Distance (relative to the scale) from a bound at which the density is tested to accept the bound as an edge. */
    static final double BOUND_PROBE = 1e-14;
    /**
     * A subordination solve can stall right next to a square-root edge (within 10⁻⁹ of the scale, where the two
     * solutions that meet at the edge are too close for Newton's method); an edge bisection that meets such a stall
     * with its bracket already this narrow, relative to the scale, ends there.
     */
    static final double STALLED_EDGE_BRACKET = 1e-7;
    /** Decades between a grid point and a bound searched for a gap after a narrow piece at the bound. */
    static final int GAP_DECADES = 15;
    /** Smallest width, relative to the scale, of a piece at a bound that {@code pieceAtBound} reports. */
    static final double MIN_BOUND_PIECE = 1e-9;
    /** Largest mass defect tolerated before the inversion is declared failed. */
    static final double MASS_FAILURE = 1e-6;
    /** Relative rounding level of a computed Cauchy transform (about 64 ε). */
    static final double NOISE = 1.5e-14;
    /**
     * Where |G| exceeds {@value #SINGULAR_SIZE}/scale (next to an atom or an edge where the density blows up), a
     * solver's rounding in G grows with |G|² (measured: Im G/Re G reaches 10⁻¹⁰ at 10⁻¹⁴ outside an inverse square
     * root edge of a free compression), while inside such an edge Im G dominates Re G; the noise level there is
     * {@value #SINGULAR_NOISE} of |Re G|.
     */
    static final double SINGULAR_SIZE = 1e4;
    /** The rounding level of Im G relative to Re G where |G| is large; see {@link #SINGULAR_SIZE}. */
    static final double SINGULAR_NOISE = 1e-6;
    /** Atoms lighter than this are not reported. */
    static final double MIN_ATOM_MASS = 1e-12;
    /** Longest weighted Chebyshev series tried before an interval is cut into panels. */
    static final int WEIGHTED_MAX = 1024;
    /** Chebyshev points per panel. */
    static final int PANEL_POINTS = 33;
    /** Points of the first look at a new panel of a logarithmic chain (deep tails are often that smooth in s). */
    static final int COARSE_POINTS = 9;
    /** A panel is resolved when its Chebyshev tail bounds its mass error below this. */
    static final double PANEL_MASS_TOLERANCE = 1e-13;
    /** The highest coefficient level, relative to the largest, accepted as a noise plateau. */
    static final double NOISE_LEVEL = 1e-8;
    /** The largest power k tried for the edge variable s = |x − e|^{1/k}. */
    static final int MAX_EDGE_POWER = 6;
    /** The edge-variable code of the logarithmic variable s = log|x − e|. */
    static final int LOG = 0;
    /**
     * An edge power whose trial tail is below this resolves its edge (above the rounding noise of boundary values next
     * to an inverse-square-root edge, ~1e-12); above it the logarithmic variable is tried.
     */
    static final double POWER_RESOLVED = 1e-6;
    /** An edge within this fraction of the scale from 0 may take the logarithmic variable. */
    static final double NEAR_ZERO = 1e-6;
    /** Width in s of a logarithmic panel (the widest a {@link LogPanel} takes). */
    static final double LOG_TRIAL_WIDTH = 2 * LogPanel.MAX_HALF_WIDTH;
    /** A logarithmic chain stops where the mass per unit of log|x − e| falls below this. */
    static final double LOG_NEGLIGIBLE = 1e-17;
    /** A logarithmic panel whose x ρ(x) is a pure power of x to this (relative) ends its chain with a power tail. */
    static final double POWER_LAW_FIT = 1e-10;
    /** Power-law tails need an exponent above this (a tail mass u₀/β must stay moderate). */
    static final double MIN_TAIL_EXPONENT = 1e-4;
    /**
     * A density −Im G/π below this fraction of |G| (or below 0) is not read from G: it is rounding in the computed G
     * (where Re G dominates by 10¹² a solver's last digits decide the sign and size of Im G), or G is wrong there.
     */
    static final double UNREADABLE_DENSITY = 1e-12;
    /**
     * A tail measured in place of an unreadable or unresolved chain panel ({@code tailAboveUnreadableDensity},
     * {@code endsChainUnresolved}) must have mass × top at most this fraction of m₁: it then moves no moment by more
     * than that fraction (see {@code faithful}).
     */
    static final double FAITHFUL_TAIL = 1e-12;
    /** A logarithmic chain next to 0 ends at a panel still unresolved at this width in s = log x (below NEAR_ZERO). */
    static final double NARROW_LOG_PANEL = 1;
    /** Most panels per support interval. */
    static final int MAX_PANELS = 600;

    private StieltjesInversion() {
    }

    /** @return the inversion of μ with {@link InversionOptions#DEFAULT} */
    public static Spectrum invert(Measure measure) {
        return invert(measure, InversionOptions.DEFAULT);
    }

    /**
     * @param measure μ, known through its Cauchy transform and bounds
     * @param options settings
     * @return atoms, support, density, CDF, quantiles, compact form and diagnostics
     * @throws ConvergenceException if the masses found do not add up to 1 within 1e-6
     */
    public static Spectrum invert(Measure measure, InversionOptions options) {
        return new Run(measure, options).run();
    }

    /** The state of one inversion. */
    private static final class Run {

        private final Measure measure;
        private final InversionOptions options;
        private final double scale;
        private final double threshold;
        private int evaluations;
        private List<Double> singularPoints;
        private List<Atom> atoms = List.of();
        /** Points inside pieces of the support narrower than the scan's spacing, met while looking for atoms. */
        private final List<Double> narrowSeeds = new ArrayList<>();
        /** Narrow pieces found next to a bound by {@link #pieceAtBound}. */
        private final List<Interval> boundPieces = new ArrayList<>();

        Run(Measure measure, InversionOptions options) {
            this.measure = measure;
            this.options = options;
            Interval bounds = measure.bounds();
            this.scale = bounds.width() > 0 ? bounds.width() : 1e-3 * Math.max(1, Math.abs(bounds.center()));
            this.threshold = options.densityThreshold() / scale;
        }

        private Complex g(double x) {
            evaluations++;
            return measure.cauchyUpper(new Complex(x, 0.0));
        }

        /**
         * Whether ρ = −Im G/π exceeds the threshold, and −Im G exceeds the rounding noise of a computed G
         * ({@value #NOISE} |G|): next to an inverse-square-root edge G is large and a solver's rounding leaves an
         * imaginary part of that size outside the support.
         */
        private boolean inside(double x, Complex value) {
            double im = -value.getImaginary();
            double re = Math.abs(value.getReal());
            double noise = NOISE;
            if ((re + im) * scale > SINGULAR_SIZE) {
                // The poles of the atoms found are exact terms of G, not rounding: they are left out of the real part
                // that the noise is measured against.
                re = Math.abs(continuousReal(x, value));
                noise = (re + im) * scale > SINGULAR_SIZE ? SINGULAR_NOISE : NOISE;
            }
            return Double.isFinite(value.getReal()) && Double.isFinite(value.getImaginary())
                    && im / Math.PI > threshold && im > noise * re;
        }

        /** Re G at x without the poles of the atoms found (exact terms of G, real on the axis). */
        private double continuousReal(double x, Complex value) {
            double re = value.getReal();
            for (Atom atom : atoms) {
                re -= atom.mass() / (x - atom.location());
            }
            return re;
        }

        Spectrum run() {
            Interval bounds = measure.bounds();
            double lo = bounds.lo() - 0.02 * scale;
            double hi = bounds.hi() + 0.02 * scale;
            int n = options.scanPoints();
            double[] grid = new double[n];
            for (int i = 0; i < n; i++) {
                grid[i] = lo + (hi - lo) * i / (n - 1);
            }
            Complex[] values = measure.cauchyBoundary(grid);
            evaluations += n;

            List<Atom> atoms = findAtoms(grid, values);
            this.atoms = atoms;
            List<Double> massErrors = new ArrayList<>(lastMassErrors);
            List<Interval> intervals = findIntervals(grid, values);
            lowestEdge = intervals.isEmpty() ? Double.NaN : intervals.get(0).lo();

            List<DensityPiece> pieces = new ArrayList<>();
            List<Integer> lengths = new ArrayList<>();
            List<Double> tails = new ArrayList<>();
            boolean resolved = true;
            for (Interval interval : intervals) {
                double[] fit = fit(interval);
                int keep = (int) fit[fit.length - 2];
                double tail = fit[fit.length - 1];
                if (keep < fit.length - 2) {
                    pieces.add(new WeightedPiece(interval, java.util.Arrays.copyOf(fit, keep)));
                    lengths.add(keep);
                    tails.add(tail);
                    continue;
                }
                PanelFit panels = fitPanels(interval);
                pieces.addAll(panels.pieces);
                lengths.add(panels.coefficients);
                tails.add(panels.worstTail);
                resolved &= panels.resolved;
            }
            dropPiecesUnderTails(pieces);
            double total = 0;
            for (Atom atom : atoms) {
                total += atom.mass();
            }
            for (DensityPiece piece : pieces) {
                total += piece.mass();
            }
            if (!(Math.abs(total - 1) <= MASS_FAILURE)) {
                throw new ConvergenceException("Stieltjes inversion of " + measure + " (atoms " + atoms
                        + ", intervals " + intervals + ")", total, Math.abs(total - 1), MASS_FAILURE, evaluations);
            }
            normaliseFloorTail(pieces, total);
            ChebyshevMeasure compact = ChebyshevMeasure.of(atoms, pieces, MASS_FAILURE);
            InversionDiagnostics diagnostics = new InversionDiagnostics(evaluations, massErrors, lengths, tails,
                    resolved, total);
            return new Spectrum(measure, compact, Support.of(intervals), diagnostics);
        }

        private final List<Double> lastMassErrors = new ArrayList<>();
        /**
         * The highest point next to 0 where G could not be evaluated ({@link #withUnreachableEdgeCut}): a logarithmic
         * chain at 0 is not extended below it.
         */
        private double cutFloor = Double.NEGATIVE_INFINITY;
        /** The lowest point of the support found by the scan: a cut may apply at it (see {@link #nextToZero}). */
        private double lowestEdge = Double.NaN;
        /** m₁ of the measure, read on first use ({@link #faithful}). */
        private double mean = Double.NaN;
        /** Power tails extrapolated at the floor of double precision (their mass is a slope extrapolation). */
        private final List<PowerTail> floorTails = new ArrayList<>();

        /**
         * A power tail extrapolated at the floor of double precision carries the mass below ~10⁻²⁹⁰·scale, which no
         * evaluation of G can see: its exponent comes from the log-slope of the density there, and when the density
         * approaches its power law only slowly (free powers of mp(1) near 0, whose exponent −n/(n+1) is reached with
         * corrections in x^{1/(n+1)}) that mass is off by a part in 10⁵ or so. Everything else being resolved, the
         * total mass 1 then fixes it: the single floor tail takes the missing mass, provided the correction is
         * smaller than the tail itself. The diagnostics keep the total before this correction.
         */
        private void normaliseFloorTail(List<DensityPiece> pieces, double total) {
            if (floorTails.size() != 1) {
                return;
            }
            PowerTail tail = floorTails.get(0);
            double corrected = tail.mass() + (1 - total);
            int index = pieces.indexOf(tail);
            if (index >= 0 && corrected > 0.5 * tail.mass() && corrected < 2 * tail.mass()) {
                pieces.set(index, new PowerTail(tail.interval().hi(), corrected, tail.exponent()));
            }
        }

        private List<Atom> findAtoms(double[] grid, Complex[] values) {
            List<Double> candidates = new ArrayList<>();
            if (options.useAtomHints()) {
                for (Atom atom : measure.atoms()) {
                    candidates.add(refineHint(atom.location()));
                }
            }
            for (int i = 0; i < grid.length; i++) {
                if (!Double.isFinite(values[i].getReal()) || !Double.isFinite(values[i].getImaginary())) {
                    candidates.add(grid[i]);
                }
            }
            List<Double> hints = new ArrayList<>(candidates);
            for (int i = 0; i + 1 < grid.length; i++) {
                Complex left = values[i];
                Complex right = values[i + 1];
                if (Double.isFinite(left.getReal()) && Double.isFinite(right.getReal()) && left.getReal() < 0
                        && right.getReal() > 0 && !containsAny(hints, grid[i], grid[i + 1])) {
                    // At the lower bound of a law on [0, ∞) the sign change is that of the edge itself (G < 0 to its
                    // left); only 0 can be a pole there short of the next grid point.
                    boolean atZero = measure.bounds().lo() == 0 && grid[i] < 0 && grid[i + 1] > 0;
                    candidates.add(atZero ? 0 : locatePole(grid[i], grid[i + 1]));
                }
            }
            candidates.sort(null);
            List<Atom> atoms = new ArrayList<>();
            double previous = Double.NaN;
            for (double candidate : candidates) {
                if (Math.abs(candidate - previous) <= 1e-12 * scale) {
                    continue;
                }
                previous = candidate;
                double location = reported(candidate);
                double[] mass = mass(location);
                double theory = reportedMass(location);
                // An atom is where iε G(a + iε) tends to a positive limit; a singular density (ρ ~ |x − a|^α,
                // −1 < α < 0) makes it tend to 0 like ε^{1+α}, changing by a fixed fraction per step.
                if (Double.isNaN(theory) && options.useAtomHints() && mass[2] == 0) {
                    // The measure reports every atom it has, and none here; iε G(a + iε) still moves by the same
                    // amount per decade of ε at ε = 10⁻³⁰: a density ρ ~ |x − a|^{δ − 1} with δ near 0 (the deep
                    // Gaussian Jacobian at L = 10⁴ has δ ≈ 10⁻⁴ and 94 % of its mass below 10⁻²⁸⁶), whose mass next to
                    // a the support's edge treatment measures, not an atom.
                    continue;
                } else if (mass[0] > MIN_ATOM_MASS && mass[1] <= 1e-3 * mass[0]) {
                    if (Double.isNaN(theory)) {
                        atoms.add(Atom.of(location, Math.min(1, mass[0])));
                        lastMassErrors.add(mass[1]);
                    } else {
                        // The measure's own mass is exact (from the theory of its operation); the extrapolated
                        // one, slow where a singular density meets the atom, is kept as the check.
                        atoms.add(Atom.of(location, theory));
                        lastMassErrors.add(Math.abs(mass[0] - theory));
                    }
                } else if (!Double.isNaN(theory) && theory > MIN_ATOM_MASS) {
                    atoms.add(Atom.of(location, theory));
                    lastMassErrors.add(Math.abs(mass[0] - theory));
                } else if (inside(location, g(location))) {
                    // Not an atom but a density: a piece of the support narrower than the scan's spacing, whose
                    // Cauchy transform changes sign across it like a pole's. Its edges are found from here.
                    narrowSeeds.add(location);
                } else if (location == measure.bounds().lo()) {
                    // A narrow piece that starts at the lower bound (where G is singular): looked for decade by
                    // decade above it.
                    for (int k = 3; k <= 15; k++) {
                        double x = location + scale * Math.pow(10, -k);
                        if (inside(x, g(x))) {
                            narrowSeeds.add(x);
                            break;
                        }
                    }
                }
            }
            return atoms;
        }

        /** The mass the measure reports for an atom exactly at x (with hints enabled), or NaN. */
        private double reportedMass(double x) {
            if (options.useAtomHints()) {
                for (Atom atom : measure.atoms()) {
                    if (atom.location() == x) {
                        return atom.mass();
                    }
                }
            }
            return Double.NaN;
        }

        /**
         * The location to report for a pole of G found at {@code pole}: the location the measure itself reports for
         * an atom there when the two agree to rounding (10^-14 of the scale), else the pole.
         */
        private double reported(double pole) {
            if (options.useAtomHints()) {
                for (Atom atom : measure.atoms()) {
                    if (Math.abs(atom.location() - pole) <= 1e-14 * scale) {
                        return atom.location();
                    }
                }
            }
            return pole;
        }

        /**
         * A reported atom location moved to the pole of G itself: rounding in G (or in the reported location) can
         * put them a few ulps apart, and the mass limit iε G(a + iε) needs ε below that distance.
         */
        private double refineHint(double a) {
            Complex at = g(a);
            if (!Double.isFinite(at.getReal()) || !Double.isFinite(at.getImaginary())) {
                return a;
            }
            double delta = 1e-9 * scale;
            Complex left = g(a - delta);
            Complex right = g(a + delta);
            double fl = left.reciprocal().getReal();
            double fr = right.reciprocal().getReal();
            return fl < 0 && fr > 0 ? locatePole(a - delta, a + delta) : a;
        }

        /** Whether one of the points lies in [a, b] (a bracket already explained by a reported atom). */
        private static boolean containsAny(List<Double> points, double a, double b) {
            for (double x : points) {
                if (x >= a && x <= b) {
                    return true;
                }
            }
            return false;
        }

        /**
         * G(x + i0) along a bisection: the midpoints close in on one point, so each may start from the previous one's
         * solution ({@link Measure#boundaryWalk()}; a cold subordination solve costs some 30 times a warm one).
         */
        private Complex g(DoubleFunction<Complex> walk, double x) {
            evaluations++;
            return walk.apply(x);
        }

        /** Bisection on the sign of Re(1/G), which crosses 0 from below at a pole. */
        private double locatePole(double a, double b) {
            DoubleFunction<Complex> walk = measure.boundaryWalk();
            for (int k = 0; k < 200; k++) {
                double mid = 0.5 * (a + b);
                if (mid <= a || mid >= b) {
                    break;
                }
                if (b - a <= RESOLUTION * scale && a <= 0 && b >= 0) {
                    // Bisection would halve its way down to 10⁻³⁰⁰ around 0: 0 is the pole to rounding.
                    return 0;
                }
                Complex value = g(walk, mid);
                if (!Double.isFinite(value.getReal())) {
                    return mid;
                }
                double f = value.reciprocal().getReal();
                if (f < 0) {
                    a = mid;
                } else {
                    b = mid;
                }
            }
            return 0.5 * (a + b);
        }

        /**
         * μ({a}) = lim iε G(a + iε) = lim −ε Im G(a + iε), from ε = s·10^{−k}, k = 4, 6, …, 30. Each value is
         * extrapolated linearly to ε = 0 from its predecessor (a continuous density at a makes p(ε) − μ({a}) ~ ε),
         * and the estimate whose extrapolation changes least, relative to itself, from the previous one is returned
         * with that change as its error. Very small ε is useless once it falls below the rounding of the location (then p(ε) collapses
         * toward 0) and the comparison discards it.
         *
         * <p>Whether p(ε) has settled is returned as well: next to an atom its steps shrink, by 100^{1+α} per step
         * (ρ ~ |x − a|^α), while a density with α near −1 moves it by about the same amount at every step, so that no
         * extrapolation from these ε can tell its limit. Unsettled: the last step is more than half the first and
         * above rounding.
         *
         * @return {mass, error estimate, 1 if settled else 0}
         */
        private double[] mass(double a) {
            double[] p = new double[14];
            double[] eps = new double[14];
            int count = 0;
            for (int k = 4; k <= 30; k += 2) {
                eps[count] = scale * Math.pow(10, -k);
                evaluations++;
                Complex value;
                try {
                    value = measure.cauchyUpper(new Complex(a, eps[count]));
                } catch (ConvergenceException e) {
                    // The limit cannot be followed further: use the values so far (a real atom whose mass is
                    // lost this way makes the final mass check fail).
                    break;
                }
                double v = -eps[count] * value.getImaginary();
                if (!Double.isFinite(v)) {
                    break;
                }
                p[count++] = v;
            }
            if (count < 3) {
                return new double[] {count == 0 ? 0 : p[count - 1], Double.POSITIVE_INFINITY, 1};
            }
            double firstStep = Math.abs(p[1] - p[0]);
            double lastStep = Math.abs(p[count - 1] - p[count - 2]);
            boolean settled = lastStep <= 0.5 * firstStep || lastStep <= 1e-12 * Math.abs(p[count - 1]);
            double[] extrapolated = new double[count];
            for (int i = 1; i < count; i++) {
                extrapolated[i] = p[i] + (p[i] - p[i - 1]) * eps[i] / (eps[i - 1] - eps[i]);
            }
            double best = Double.NaN;
            double error = Double.POSITIVE_INFINITY;
            double relative = Double.POSITIVE_INFINITY;
            for (int i = 2; i < count; i++) {
                double change = Math.abs(extrapolated[i] - extrapolated[i - 1]);
                double ratio = change / Math.max(Math.abs(extrapolated[i]), Double.MIN_NORMAL);
                if (ratio < relative) {
                    relative = ratio;
                    error = change;
                    best = extrapolated[i];
                }
            }
            return new double[] {best, error, settled ? 1 : 0};
        }

        private List<Interval> findIntervals(double[] grid, Complex[] values) {
            int n = grid.length;
            boolean[] in = new boolean[n];
            for (int i = 0; i < n; i++) {
                in[i] = inside(grid[i], values[i]);
            }
            for (int i = 1; i + 1 < n; i++) {
                boolean atom = !Double.isFinite(values[i].getReal()) || !Double.isFinite(values[i].getImaginary());
                if (atom) {
                    in[i] = in[i - 1] && inside(grid[i + 1], values[i + 1]);
                }
            }
            List<Interval> intervals = new ArrayList<>();
            boundPieces.clear();
            int i = 0;
            while (i < n) {
                if (!in[i]) {
                    i++;
                    continue;
                }
                int j = i;
                while (j + 1 < n && in[j + 1]) {
                    j++;
                }
                // The support lies within the bounds: an edge found beyond them is rounding in G (near a singular
                // edge at a bound, such as 0 for a product of positive laws) and is clamped back.
                // Within 10⁻¹² of the scale of a bound, the edge is the bound (0 for a product of positive laws).
                Interval bounds = measure.bounds();
                double left = i == 0 ? grid[0] : snap(Math.max(bounds.lo(), boundEdge(grid[i - 1], grid[i],
                        bounds.lo())), bounds.lo());
                double right = j == n - 1 ? grid[n - 1]
                        : snap(Math.min(bounds.hi(), boundEdge(grid[j + 1], grid[j], bounds.hi())), bounds.hi());
                if (right > left) {
                    intervals.add(Interval.of(left, right));
                }
                i = j + 1;
            }
            for (double seed : narrowSeeds) {
                int k = 0;
                while (k + 2 < n && grid[k + 1] < seed) {
                    k++;
                }
                boolean covered = in[k] || in[k + 1];
                for (Interval interval : intervals) {
                    covered |= interval.contains(seed);
                }
                if (!covered && grid[k] < seed && seed < grid[k + 1]) {
                    double resolution = RESOLUTION * Math.abs(seed);
                    Interval bounds = measure.bounds();
                    double left = Math.max(bounds.lo(), edge(grid[k], seed, resolution));
                    double right = Math.min(bounds.hi(), edge(grid[k + 1], seed, resolution));
                    intervals.add(Interval.of(left, right));
                }
            }
            for (Interval piece : boundPieces) {
                boolean overlaps = false;
                for (Interval interval : intervals) {
                    overlaps |= piece.lo() < interval.hi() && interval.lo() < piece.hi();
                }
                if (!overlaps) {
                    intervals.add(piece);
                }
            }
            intervals.sort((a, b) -> Double.compare(a.lo(), b.lo()));
            return intervals;
        }

        /**
         * The edge between an outside and an inside grid point; when a bound of the measure (often an exact edge, such
         * as 0 for a product of positive laws or the critical value of a free power) lies between them and the density
         * is above the threshold right next to it, the bound itself, without bisection.
         */
        private double boundEdge(double outside, double inside, double bound) {
            List<Double> candidates = new ArrayList<>();
            candidates.add(bound);
            candidates.addAll(singularPoints());
            for (double candidate : candidates) {
                if (candidate > Math.min(outside, inside) && candidate < Math.max(outside, inside)) {
                    double step = BOUND_PROBE * scale * Math.signum(inside - outside);
                    boolean edge;
                    try {
                        edge = !inside(candidate - step, g(candidate - step))
                                && inside(candidate + step, g(candidate + step));
                    } catch (ConvergenceException e) {
                        if (candidate == 0 && step > 0 && measure.isNonNegative()) {
                            // A law on [0, ∞) whose solves stall right above 0 (deep below its bulk): its support
                            // starts at 0 at the earliest, and 0 is taken as the edge (the fit handles the stall).
                            return candidate;
                        }
                        throw e;
                    }
                    if (edge) {
                        return pieceAtBound(candidate, outside, inside);
                    }
                }
            }
            double edge = edge(outside, inside);
            return inside > outside && startsAtZero(edge) ? 0 : edge;
        }

        /**
         * Whether a left edge found by bisection just above 0, for a law on [0, ∞), is where its density falls below
         * the rounding of G rather than where its support starts: true when the contour integral of G at the edge
         * finds more than {@value #MIN_ATOM_MASS} of continuous mass below it, by either of its two rules (so close to
         * 0 they can disagree by parts in 10³: tanh's 19th transient product had its edge at 1.3·10⁻¹¹ with 4.5·10⁻⁹
         * of mass below; a false 0 only costs a chain that reads zeros down to the true edge). A density that falls
         * toward 0 faster than any power while E[1/x] stays moderate has πρ below 10⁻¹⁴ |Re G| there: tanh's transient products off
         * the fixed point put their edges between 10⁻¹¹ and 10⁻⁹ (depending on the rounding at 10⁻¹⁴ of the scale),
         * and the chain in log(x − e) that then ended at e dropped the mass of (0, e], up to 10⁻⁹. With the edge at 0,
         * the chain in log x ends where the density becomes unreadable, with that mass measured
         * ({@link #tailAboveUnreadableDensity}).
         */
        private boolean startsAtZero(double edge) {
            if (!(measure.isNonNegative() && edge > 0 && edge <= NEAR_ZERO * scale)) {
                return false;
            }
            double[] estimates = contourEstimates(edge);
            return Math.max(estimates[0], estimates[1]) > MIN_ATOM_MASS;
        }

        /**
         * An edge at a bound (or singular point) accepted from the density right next to it, checked for a gap between
         * it and the inside grid point: a piece much narrower than the scan's spacing can start at the bound and end
         * before the piece that the grid saw (an NTK layer of leaky relu with Gaussian weights carries half its mass
         * within 10⁻⁶ of the scale above 0, then a gap). The gap is looked for decade by decade from the grid point
         * toward the bound; where one is found, the narrow piece becomes an interval of its own and the grid's
         * interval starts at the gap's far edge. Not next to an atom at the bound (relu's and hard tanh's products
         * have one at 0), where the pole's rounding can pass for density.
         *
         * @return the edge of the grid's interval
         */
        private double pieceAtBound(double bound, double outside, double inside) {
            for (Atom atom : atoms) {
                if (Math.abs(atom.location() - bound) <= 1e-12 * scale) {
                    // Next to an atom the pole's rounding in Im G can pass the inside test: no search there.
                    return bound;
                }
            }
            double span = inside - bound;
            double gap = Double.NaN;
            for (int k = 1; k <= GAP_DECADES; k++) {
                double x = bound + span * Math.pow(10, -k);
                if (x == bound) {
                    break;
                }
                boolean in;
                try {
                    in = inside(x, g(x));
                } catch (ConvergenceException e) {
                    // Deep below the grid a solve can stall: the search is a check, and ends without a piece.
                    return bound;
                }
                if (!in && Double.isNaN(gap)) {
                    gap = x;
                } else if (in && !Double.isNaN(gap)) {
                    // Inside again nearer the bound: [bound, narrow end] is a piece of its own.
                    double previous = bound + span * Math.pow(10, -(k - 1));
                    double end = edge(previous, x, RESOLUTION * Math.abs(x - bound));
                    if (!(Math.abs(end - bound) >= MIN_BOUND_PIECE * scale)) {
                        // Deep in a density that reaches the bound over many decades the inside test can flicker
                        // where the density falls below its threshold: no piece, the bound is the edge.
                        return bound;
                    }
                    boundPieces.add(span > 0 ? Interval.of(bound, end) : Interval.of(end, bound));
                    return edge(gap, inside);
                }
            }
            return bound;
        }

        /**
         * The measure's singular points (the edges of a mixture's components, for one): exact edges where the support
         * starts at one of them, accepted like a bound.
         */
        private List<Double> singularPoints() {
            if (singularPoints == null) {
                singularPoints = measure.singularPoints();
            }
            return singularPoints;
        }

        private double snap(double edge, double bound) {
            return Math.abs(edge - bound) <= 1e-12 * scale ? bound : edge;
        }

        /** Bisection between a point outside the support and one inside it; returns the last inside point. */
        private double edge(double outside, double inside) {
            return edge(outside, inside, RESOLUTION * scale);
        }

        /** Bisection to the given resolution (a narrow piece's edges need one relative to its own size). */
        private double edge(double outside, double inside, double resolution) {
            double out = outside;
            double in = inside;
            DoubleFunction<Complex> walk = measure.boundaryWalk();
            for (int k = 0; k < 200; k++) {
                double mid = 0.5 * (out + in);
                if (mid == out || mid == in || Math.abs(in - out) <= 4 * Math.ulp(Math.abs(mid) + 1e-300)
                        || Math.abs(in - out) <= resolution) {
                    break;
                }
                boolean isInside;
                try {
                    isInside = inside(mid, g(walk, mid));
                } catch (ConvergenceException e) {
                    if (Math.abs(in - out) > STALLED_EDGE_BRACKET * scale) {
                        throw e;
                    }
                    break;
                }
                if (isInside) {
                    in = mid;
                } else {
                    out = mid;
                }
            }
            return 0.5 * (out + in);
        }

        /**
         * Chebyshev coefficients of g on the interval, doubling the length; the last two entries of the returned
         * array hold the number kept and the relative tail.
         */
        private double[] fit(Interval interval) {
            double center = interval.center();
            double r = 0.5 * interval.width();
            int n = 32;
            while (true) {
                double[] t = Chebyshev.points(n);
                double[] xs = new double[n];
                for (int j = 0; j < n; j++) {
                    xs[j] = center + r * t[n - 1 - j];
                }
                Complex[] g;
                try {
                    g = measure.cauchyBoundary(xs);
                    evaluations += n;
                } catch (ConvergenceException e) {
                    g = pointByPoint(xs, e);
                }
                double[] values = new double[n];
                for (int j = 0; j < n; j++) {
                    double tj = t[j];
                    Complex value = g[n - 1 - j];
                    if (!Double.isFinite(value.getImaginary()) || !Double.isFinite(value.getReal())) {
                        value = g(xs[n - 1 - j] + 1e-13 * r);
                    }
                    values[j] = -r * value.getImaginary() * Math.sqrt((1 - tj) * (1 + tj));
                }
                double[] c = Chebyshev.coefficients(values);
                int keep = Chebyshev.resolvedLength(c, options.chebyshevTolerance());
                double max = 0;
                for (double v : c) {
                    max = Math.max(max, Math.abs(v));
                }
                double tail = 0;
                for (int k = n - Math.max(2, n / 8); k < n; k++) {
                    tail = Math.max(tail, Math.abs(c[k]));
                }
                tail = max == 0 ? 0 : tail / max;
                if (keep < n || 2 * n > Math.min(options.maxCoefficients(), WEIGHTED_MAX)) {
                    double[] out = java.util.Arrays.copyOf(c, n + 2);
                    out[n] = keep;
                    out[n + 1] = tail;
                    return out;
                }
                n *= 2;
            }
        }

        /**
         * Whether the coefficients have stopped decaying at a level far below the largest: the samples' rounding
         * noise (for instance where the density is ill-conditioned next to an inverse-square-root edge), which
         * splitting cannot reduce.
         */
        private static boolean noisePlateau(double[] c, double largest) {
            int n = c.length;
            double last = 0;
            double before = 0;
            for (int k = n / 2; k < 3 * n / 4; k++) {
                before = Math.max(before, Math.abs(c[k]));
            }
            for (int k = 3 * n / 4; k < n; k++) {
                last = Math.max(last, Math.abs(c[k]));
            }
            return last <= NOISE_LEVEL * largest && last >= 0.1 * before;
        }

        /** The panels of one interval and what they achieved. */
        private record PanelFit(List<DensityPiece> pieces, int coefficients, double worstTail, boolean resolved) {
        }

        /**
         * A panel awaiting its fit: in x (edge = NaN), in s = |x − e|^{1/power} next to an edge, or in s = log|x − e|
         * (power = {@value #LOG}); {@code bottom} marks the innermost panel of a logarithmic chain, below which the
         * chain may be extended toward the edge.
         */
        private record Pending(double lo, double hi, double edge, boolean left, int power, boolean bottom,
                               int points) {

            Pending(double lo, double hi, double edge, boolean left, int power) {
                this(lo, hi, edge, left, power, false, PANEL_POINTS);
            }

            Pending(double lo, double hi, double edge, boolean left, int power, boolean bottom) {
                this(lo, hi, edge, left, power, bottom, PANEL_POINTS);
            }

            boolean isEdge() {
                return !Double.isNaN(edge);
            }

            boolean isLog() {
                return isEdge() && power == LOG;
            }

            /** The x of the panel variable v (v = x for a plain panel, v = s for an edge panel). */
            double x(double v) {
                if (!isEdge()) {
                    return v;
                }
                double offset = isLog() ? Math.exp(v) : Math.pow(v, power);
                return left ? edge + offset : edge - offset;
            }

            /** The density in the panel variable, from ρ at the (rounded) x of a sample. */
            double weight(double x, double rho) {
                if (!isEdge()) {
                    return rho;
                }
                double offset = Math.abs(x - edge);
                if (isLog()) {
                    return offset * rho;
                }
                // Near an edge x = e ± s^k is rounded; u = k s^{k−1} ρ(x) uses the s of the rounded x, so that the
                // factor matches the density actually sampled (ρ ~ 1/s at an inverse-root edge).
                double sampled = Math.pow(offset, 1.0 / power);
                return power * Math.pow(sampled, power - 1) * rho;
            }
        }

        /**
         * The variable of an edge panel: the power k of s = |x − e|^{1/k}, among 1..{@value #MAX_EDGE_POWER}, for which
         * the density in s on a trial panel, u(s) = k s^{k−1} ρ(e ± s^k), has the smallest Chebyshev tail relative to
         * its size (a density like (x − e)^α gives u ~ s^{k(1+α)−1}, smooth when that power is an integer; ties within
         * a factor 10 go to k = 2, then to the smaller k); or {@value #LOG}, the logarithmic variable s = log|x − e|, at
         * an edge at (or within {@value #NEAR_ZERO} of the scale from) 0 where no power resolves the density (tail above {@value #POWER_RESOLVED}) and u(s) = x ρ(x) is at
         * least 100 times smoother on a trial panel {@value #LOG_TRIAL_WIDTH} wide in s: a density spread over many
         * decades above 0, as products of many free positive laws have (scale invariance makes 0 the only edge where
         * this happens).
         */
        private int edgePower(double edge, boolean left, double width) {
            double[] t = Chebyshev.points(PANEL_POINTS);
            int best = 2;
            double bestTail = Double.POSITIVE_INFINITY;
            double tailOfTwo = Double.POSITIVE_INFINITY;
            for (int k = 1; k <= MAX_EDGE_POWER; k++) {
                Pending panel = new Pending(0, Math.pow(width / 8, 1.0 / k), edge, left, k);
                double tail = trialTail(panel, t);
                if (k == 2) {
                    tailOfTwo = tail;
                }
                if (tail < bestTail) {
                    bestTail = tail;
                    best = k;
                }
            }
            int power = tailOfTwo <= 10 * bestTail ? 2 : best;
            double powerTail = Math.min(bestTail, tailOfTwo);
            if (Math.abs(edge) <= NEAR_ZERO * scale && powerTail > POWER_RESOLVED) {
                double top = Math.log(width / 8);
                double logTail = trialTail(new Pending(top - LOG_TRIAL_WIDTH, top, edge, left, LOG), t);
                if (logTail < 0.01 * powerTail) {
                    return LOG;
                }
            }
            return power;
        }

        /** The relative Chebyshev tail of u on a trial edge panel. */
        private double trialTail(Pending panel, double[] t) {
            int n = t.length;
            double mid = 0.5 * (panel.lo + panel.hi);
            double half = 0.5 * (panel.hi - panel.lo);
            double[] xs = new double[n];
            for (int j = 0; j < n; j++) {
                xs[j] = panel.x(mid + half * t[j]);
            }
            double[] sorted = xs.clone();
            java.util.Arrays.sort(sorted);
            Complex[] g;
            try {
                g = measure.cauchyBoundary(sorted);
            } catch (ConvergenceException e) {
                // A high power k puts samples within 10⁻⁹ of the edge, where a subordination solve can stall: this
                // variable cannot be sampled, so it is not chosen.
                return Double.POSITIVE_INFINITY;
            }
            evaluations += n;
            double[] values = new double[n];
            for (int j = 0; j < n; j++) {
                int index = java.util.Arrays.binarySearch(sorted, xs[j]);
                double rho = Math.max(0, -g[index].getImaginary() / Math.PI);
                if (!Double.isFinite(rho)) {
                    return Double.POSITIVE_INFINITY;
                }
                values[j] = panel.weight(xs[j], rho);
            }
            double[] c = Chebyshev.coefficients(values);
            double largest = 0;
            double tail = 0;
            for (int k = 0; k < n; k++) {
                largest = Math.max(largest, Math.abs(c[k]));
                if (k >= n - 4) {
                    tail = Math.max(tail, Math.abs(c[k]));
                }
            }
            return largest == 0 ? Double.POSITIVE_INFINITY : tail / largest;
        }

        /** The first panel next to an edge, {@code width} wide in x, in the variable chosen for it. */
        private Pending edgePanel(double edge, boolean left, double width, int power) {
            if (power == LOG) {
                double top = Math.log(width);
                return new Pending(top - LOG_TRIAL_WIDTH, top, edge, left, LOG, true);
            }
            return new Pending(0, Math.pow(width, 1.0 / power), edge, left, power);
        }

        /**
         * Whether a logarithmic chain goes on below its innermost panel: while the density in s at the panel's inner
         * end, u = |x − e| ρ (mass per unit of log|x − e|), is above {@value #LOG_NEGLIGIBLE}, and the next panel stays
         * resolvable in double precision (|x − e| above 10⁻²⁹⁰ of the scale, above 10⁻³⁰⁰ and above 10⁻¹³ |e|).
         */
        private boolean extendLogChain(Pending panel, double[] c) {
            double inner = Math.abs(Chebyshev.evaluate(c, -1));
            // Normal doubles only (a law whose scale is itself tiny must not chase its density into the subnormals).
            double floor = Math.max(Math.max(1e-290 * scale, 1e-300), 1e-13 * Math.abs(panel.edge));
            if (!(inner > LOG_NEGLIGIBLE && Math.exp(panel.lo - LOG_TRIAL_WIDTH) > floor)) {
                return false;
            }
            if (panel.left && atLowestEdge(panel) && !(panel.x(panel.lo - LOG_TRIAL_WIDTH) > cutFloor)) {
                // A cut below which G could not be evaluated: the chain ends here, with its floor tail.
                return false;
            }
            // Deep below the bulk a solver can fail to reach the axis, at some points and not their neighbours: probe
            // the next panel at the points of both of its rules first.
            double lo = panel.lo - LOG_TRIAL_WIDTH;
            double[] coarse = Chebyshev.points(COARSE_POINTS);
            double[] full = Chebyshev.points(PANEL_POINTS);
            double[] xs = new double[coarse.length + full.length];
            for (int j = 0; j < xs.length; j++) {
                double t = j < coarse.length ? coarse[j] : full[j - coarse.length];
                xs[j] = panel.x(0.5 * (lo + panel.lo) + 0.5 * LOG_TRIAL_WIDTH * t);
            }
            java.util.Arrays.sort(xs);
            try {
                Complex[] probe = measure.cauchyBoundary(xs);
                evaluations += xs.length;
                for (Complex value : probe) {
                    if (!Double.isFinite(value.getImaginary())) {
                        return false;
                    }
                }
                return true;
            } catch (ConvergenceException e) {
                return false;
            }
        }

        /**
         * The mass of the continuous part of μ in (0, a], a &gt; 0 tiny, from G off the axis: G minus the poles of the
         * atoms found, G_c, is analytic in the upper half-plane and integrable at 0, so the integral of −Im G_c/π over
         * (−a, a) may be moved onto the half-circle z = a e^{iθ}, which gives (1/π) ∫₀^π Re(z G_c(z)) dθ. Where the
         * density below a is a slowly converging power law (free powers of laws with an atom at 0 have ρ ~ x^{1/L − 1},
         * so 0.5 % of the mass of a depth-128 relu Jacobian lies below 10⁻²⁹⁰), this is the mass itself rather than an
         * extrapolation of the density's log-slope, which was off by parts in 10³. The integrand is smooth in θ (the
         * circle stays a away from the branch point 0); a 48-point Gauss–Legendre rule is checked against a 32-point
         * one. Requires the support to have nothing in (−a, 0) but atoms; NaN when the two rules disagree by more than
         * 10⁻¹¹ of the mass, or G cannot be evaluated there.
         */
        private double contourMass(double a) {
            double[] estimates = contourEstimates(a);
            double mass = estimates[1];
            if (!(Math.abs(estimates[1] - estimates[0]) <= 1e-11 * Math.abs(mass)) || !Double.isFinite(mass)) {
                return Double.NaN;
            }
            return mass;
        }

        /** The 32- and 48-point estimates of {@link #contourMass}; NaN where G cannot be evaluated on the circle. */
        private double[] contourEstimates(double a) {
            double[] estimates = new double[2];
            int[] sizes = {32, 48};
            try {
                for (int r = 0; r < 2; r++) {
                    GaussLegendre rule = GaussLegendre.of(sizes[r]);
                    double[] nodes = rule.nodes();
                    double[] weights = rule.weights();
                    double sum = 0;
                    for (int j = 0; j < nodes.length; j++) {
                        double theta = 0.5 * Math.PI * (nodes[j] + 1);
                        Complex z = new Complex(a * Math.cos(theta), a * Math.sin(theta));
                        Complex gc = measure.cauchy(z);
                        evaluations++;
                        for (Atom atom : atoms) {
                            gc = gc.subtract(z.subtract(atom.location()).reciprocal().multiply(atom.mass()));
                        }
                        sum += weights[j] * z.multiply(gc).getReal();
                    }
                    estimates[r] = 0.5 * sum; // dθ = (π/2) dt, times 1/π
                }
            } catch (ConvergenceException | ArithmeticException e) {
                return new double[] {Double.NaN, Double.NaN};
            }
            return estimates;
        }

        /**
         * The power-law tail below the innermost panel of a logarithmic chain at a left edge at 0, when the panel shows
         * that regime: u(s) = x ρ(x) equal to u₀ e^{β(s − s₀)} (β = u'/u at the panel's inner end) to
         * {@value #POWER_LAW_FIT} across the panel; or, when the chain cannot go on ({@code atFloor}), the tail that
         * extrapolates the density's log-slope there. Null otherwise (the chain goes on, or ends where u is
         * negligible).
         */
        private PowerTail powerTail(Pending panel, double[] c, boolean atFloor) {
            if (panel.edge != 0 || !panel.left) {
                return null;
            }
            double h = 0.5 * (panel.hi - panel.lo);
            double u0 = Chebyshev.evaluate(c, -1);
            double beta = Chebyshev.evaluate(Chebyshev.derivative(c), -1) / h / u0;
            if (atFloor && u0 > LOG_NEGLIGIBLE && beta > 0) {
                return new PowerTail(Math.exp(panel.lo), u0 / beta, beta);
            }
            if (!(u0 > LOG_NEGLIGIBLE) || !(beta > MIN_TAIL_EXPONENT)) {
                return null;
            }
            for (int i = 1; i <= 8; i++) {
                double t = -1 + 2.0 * i / 8;
                double u = Chebyshev.evaluate(c, t);
                double model = u0 * Math.exp(beta * h * (t + 1));
                if (!(Math.abs(u - model) <= POWER_LAW_FIT * u)) {
                    return null;
                }
            }
            return new PowerTail(Math.exp(panel.lo), u0 / beta, beta);
        }

        /**
         * The pending panels after a batch whose boundary values could not all be computed. Deep below the bulk, next to
         * a left edge at 0 of a law on [0, ∞) (a product of free laws whose densities reach 0 there over many decades,
         * or whose Gaussian-pushforward factors end where their h-windows do), a subordination solve can stall short of
         * the axis. The panels next to 0 (a power panel starting at the edge or cut before, or the pending panels of a
         * logarithmic chain) have their samples solved one by one; above the highest sample that still fails, they are
         * kept (the one holding it restarted at its lowest sample above it), below it dropped, and the lowest kept
         * becomes the bottom: the mass below it is carried by a power tail measured by a contour integral of G ({@link
         * #cutTail}, or a chain's floor tail), and a chain is not extended below it again ({@link #cutFloor}).
         *
         * @return the pending panels after the cut, or null when no sample of those panels fails on its own
         */
        private List<Pending> withUnreachableEdgeCut(List<Pending> pending) {
            double highest = Double.NEGATIVE_INFINITY;
            for (Pending panel : pending) {
                if (nextToZero(panel)) {
                    for (double v : samples(panel)) {
                        double x = panel.x(v);
                        if (x > highest && !reachable(x)) {
                            highest = x;
                        }
                    }
                }
            }
            if (highest == Double.NEGATIVE_INFINITY) {
                return null;
            }
            cutFloor = Math.max(cutFloor, highest);
            List<Pending> next = new ArrayList<>();
            int bottom = -1;
            for (Pending panel : pending) {
                if (!nextToZero(panel)) {
                    next.add(panel);
                    continue;
                }
                if (!(panel.x(panel.hi) > highest)) {
                    continue;
                }
                double lowest = panel.lo;
                if (!(panel.x(panel.lo) > highest)) {
                    // Its lowest sample above the highest that stalls (there is one: its top lies above).
                    for (double v : samples(panel)) {
                        if (panel.x(v) > highest) {
                            lowest = v;
                            break;
                        }
                    }
                    if (!(lowest > panel.lo && lowest < panel.hi)) {
                        continue;
                    }
                }
                next.add(new Pending(lowest, panel.hi, panel.edge, panel.left, panel.power, false, panel.points));
                int added = next.size() - 1;
                if (bottom < 0 || next.get(added).lo < next.get(bottom).lo) {
                    bottom = added;
                }
            }
            if (bottom < 0) {
                return null;
            }
            Pending lowestPanel = next.get(bottom);
            next.set(bottom, new Pending(lowestPanel.lo, lowestPanel.hi, lowestPanel.edge, lowestPanel.left,
                    lowestPanel.power, true, lowestPanel.points));
            return next;
        }

        /**
         * A tail on (0, x₀] carries all the continuous mass of (0, x₀], measured there by the contour integral: pieces
         * fitted inside that range before a cut (the lower part of a split edge panel resolved before the batch above it
         * stalled, or a narrow piece the scan found below a cut at the support's lowest edge) are in that mass already,
         * and are dropped. tanh's transient products off the fixed point had such a piece under a cut tail at an edge
         * e &gt; 0 (the compact law refused them as overlapping).
         */
        private static void dropPiecesUnderTails(List<DensityPiece> pieces) {
            for (DensityPiece tail : List.copyOf(pieces)) {
                if (tail instanceof PowerTail) {
                    double top = tail.interval().hi();
                    pieces.removeIf(piece -> piece != tail && piece.interval().hi() <= top);
                }
            }
        }

        /**
         * Whether the panel lies next to a left edge at 0 of a law on [0, ∞) where a cut may apply: a power panel
         * starting at the edge or cut before, or a panel of a logarithmic chain. The edge is 0, or the lowest point of
         * the support that the scan found (a density reaching 0 over many decades can fall below the support threshold
         * at some e &gt; 0: tanh's seventh transient product off the fixed point had its edge at 2.8·10⁻¹¹, and its
         * chain there stalled at 2.7·10⁻¹⁰); the contour integral measures all the mass of (0, x] either way.
         */
        private boolean nextToZero(Pending panel) {
            return measure.isNonNegative() && panel.isEdge() && panel.left && atLowestEdge(panel)
                    && (panel.isLog() || panel.lo == 0 || panel.bottom);
        }

        private boolean atLowestEdge(Pending panel) {
            return panel.edge == 0 || panel.edge == lowestEdge;
        }

        /**
         * A tail on (0, top] whose mass is the contour integral of G at top and whose exponent continues the density
         * ρ there (β = top ρ/m); null where the integral fails or ρ ≤ 0.
         */
        private PowerTail measuredTail(double top, double density) {
            double mass = density > 0 ? contourMass(top) : Double.NaN;
            double beta = top * density / mass;
            return mass > 0 && beta > 0 ? new PowerTail(top, mass, beta) : null;
        }

        /** The panel variable at the panel's sample points, in increasing order. */
        private static double[] samples(Pending panel) {
            double[] t = Chebyshev.points(panel.points);
            double mid = 0.5 * (panel.lo + panel.hi);
            double half = 0.5 * (panel.hi - panel.lo);
            double[] v = new double[t.length];
            for (int j = 0; j < t.length; j++) {
                v[j] = mid + half * t[j];
            }
            java.util.Arrays.sort(v);
            return v;
        }

        /** Whether G(x + i0) can be computed at x on its own (a cold solve). */
        private boolean reachable(double x) {
            try {
                g(x);
                return true;
            } catch (ConvergenceException e) {
                return false;
            }
        }

        /**
         * G on the axis point by point, each a cold solve: after a batch that stalled (a walk carried from one point to
         * the next can go astray where a cold solve does not), in the weighted fit, or in the panels' fit where no cut
         * applies.
         *
         * @throws ConvergenceException the batch's failure, when a point fails on its own too
         */
        private Complex[] pointByPoint(double[] xs, ConvergenceException failure) {
            Complex[] values = new Complex[xs.length];
            for (int i = 0; i < xs.length; i++) {
                try {
                    values[i] = g(xs[i]);
                } catch (ConvergenceException e) {
                    throw failure;
                }
            }
            return values;
        }

        /**
         * The power tail below a panel whose lower part was cut off at x₀ = its lower end ({@link
         * #withUnreachableEdgeCut}): its mass from the contour integral of G on |z| = x₀ ({@link #contourMass}), its
         * exponent the log-slope β = d ln(xρ)/d ln x of the fitted density at x₀ (in s = x^{1/k}, with u = k s^{k−1}ρ,
         * β = (s u'/u + 1)/k). Where the contour integral fails, the tail's mass x₀ρ(x₀)/β extrapolates the slope.
         *
         * @throws ConvergenceException when neither gives a positive mass and a positive exponent
         */
        private PowerTail cutTail(Pending panel, double[] c) {
            double top = panel.x(panel.lo);
            double h = 0.5 * (panel.hi - panel.lo);
            double u = Chebyshev.evaluate(c, -1);
            double slope = Chebyshev.evaluate(Chebyshev.derivative(c), -1) / h;
            double beta = (panel.lo * slope / u + 1) / panel.power;
            double mass = contourMass(top);
            if (!(mass > 0)) {
                mass = top * (u / (panel.power * Math.pow(panel.lo, panel.power - 1))) / beta;
            }
            if (!(mass > 0) || !(beta > MIN_TAIL_EXPONENT)) {
                throw new ConvergenceException("Stieltjes inversion of " + measure + ": the density below x = " + top
                        + ", where G cannot be evaluated, as a power tail (exponent " + beta + ")", mass, Double.NaN,
                        MASS_FAILURE, evaluations);
            }
            return new PowerTail(top, mass, beta);
        }

        /**
         * Whether −Im G/π at x cannot be read as a density: at or below {@value #UNREADABLE_DENSITY} of |G| without the
         * poles of the atoms found (exact terms, real on the axis, like in {@link #inside}); next to an atom at 0, only
         * below −{@value #UNREADABLE_DENSITY}|G|.
         */
        private boolean unreadable(double x, Complex value) {
            double re = continuousReal(x, value);
            boolean atomAtZero = false;
            for (Atom atom : atoms) {
                atomAtZero |= Math.abs(atom.location()) <= 1e-12 * scale;
            }
            double limit = UNREADABLE_DENSITY * Math.hypot(re, value.getImaginary());
            // Next to an atom at 0 the continuous part can start above 0, where Im G ≈ 0 is the truth (a product of
            // Marchenko–Pastur laws with atoms at 0 starts at 6.4·10⁻⁵, and a quadrature of the contour integral that
            // close to its edge cannot tell 10⁻¹⁰ from 0): there only a density clearly below 0 is unreadable.
            return atomAtZero ? value.getImaginary() > limit : !(-value.getImaginary() > limit);
        }

        /**
         * Whether the contour integral finds no continuous mass in (0, x]: both of its rules at most {@value
         * #MIN_ATOM_MASS} (with nothing there, their relative agreement is rounding). False where G cannot be evaluated
         * on the circle, or either rule finds more.
         */
        private boolean emptyBelow(double x) {
            double[] estimates = contourEstimates(x);
            return Math.abs(estimates[0]) <= MIN_ATOM_MASS && Math.abs(estimates[1]) <= MIN_ATOM_MASS;
        }

        /**
         * The tail that replaces the innermost panel of a logarithmic chain next to 0 ({@link #nextToZero}: at an edge
         * at 0, or at the support's lowest edge) where G gives a density that cannot be read ({@link #unreadable}).
         * Two ways to get there, both seen in compacted products: (1) G is wrong: a product of compacted laws reads
         * its factors next to their own edges at 0, where their densities are resolved only relative to their largest
         * values; erf with Gaussian weights off the fixed point,
         * at its third layer, gave xρ = −1.4·10⁻⁸ at 10⁻⁴² after 2.8·10⁻⁸ at 10⁻⁴⁰, and the panel clipped to 0 lost
         * 1.8·10⁻⁷ of the mass (inside the mass check, so that the compacted law came out rescaled). (2) G is right but
         * its imaginary part is rounding: a density that falls toward 0 faster than any power while E[1/x] stays
         * moderate has πρ far below |Re G|; tanh's transient products off the fixed point had Im G/Re G ≈ 10⁻¹⁴ at
         * 10⁻¹¹, where the chain split its panels into dozens of slivers of noise, some fitted as 0, and the 23rd lost
         * 9·10⁻⁸ of its mass. The tail starts at the panel's top, with the mass below measured by the contour integral
         * there (which reads Re z G, not Im G) and the exponent that continues the density u there (β = u/m): u from
         * the panel's highest sample, or, where that cannot be read either, from the panel above it. Null where neither
         * gives u &gt; 0, where the contour integral fails at the top, or where it finds no mass below the highest
         * unreadable sample ({@link #emptyBelow}): there the density is 0, not unread (a gap in the support, or its true
         * edge, below). Then the panel is fitted as before.
         */
        private PowerTail tailAboveUnreadableDensity(Pending panel, double[] values, boolean[] unreadable, int first,
                                                     List<DensityPiece> done) {
            if (!panel.isLog() || !panel.left || !(panel.edge == 0 || nextToZero(panel))) {
                return null;
            }
            // The samples run from the panel's top down (Chebyshev points t_j = cos((j + ½)π/n), decreasing).
            int highest = 0;
            while (highest < panel.points && !unreadable[first + highest]) {
                highest++;
            }
            if (highest == panel.points) {
                return null;
            }
            double top = panel.x(panel.hi);
            double u = unreadable[first] ? 0 : values[0];
            if (!(u > LOG_NEGLIGIBLE)) {
                u = (top - panel.edge) * densityAbove(top, done);
            }
            if (!(u > LOG_NEGLIGIBLE)) {
                return null;
            }
            // The contour integrals (80 evaluations of G each) only once the cheap conditions hold.
            double t = Chebyshev.points(panel.points)[highest];
            if (emptyBelow(panel.x(0.5 * (panel.lo + panel.hi) + 0.5 * (panel.hi - panel.lo) * t))) {
                // No mass below: the density there is 0 (a gap in the support below, or its true edge), not unread.
                return null;
            }
            PowerTail tail = measuredTail(top, u / (top - panel.edge));
            return faithful(tail) ? tail : null;
        }

        /**
         * Whether a measured tail on (0, top] can stand for the law there: its mass m times top at most {@value
         * #FAITHFUL_TAIL} of m₁, with top ≤ m₁. Whatever the law's shape below top, a tail of the same mass moves m_k by
         * at most m·top^k, and m_k ≥ m₁^k (Jensen), so no moment moves by more than that fraction. A larger mass is a
         * piece of the law, not what is left below its bulk: an NTK layer of leaky relu with Gaussian weights carries
         * half its mass in a piece 10⁻⁶ of the scale wide above 0, then a gap where Im G reads 0; at layer 11 (L = 32)
         * a tail of mass 0.52 up to 0.58 replaced both, and the moments came out 8.6·10⁻⁴ off. Refused, the chain
         * goes on through the gap and resolves the piece, as before the tails were measured.
         */
        private boolean faithful(PowerTail tail) {
            if (tail == null) {
                return false;
            }
            if (Double.isNaN(mean)) {
                mean = measure.mean();
            }
            double top = tail.interval().hi();
            return top <= mean && tail.mass() * top <= FAITHFUL_TAIL * mean;
        }

        /** The density at x of the fitted piece that starts there (the panel above a chain panel), or NaN. */
        private static double densityAbove(double x, List<DensityPiece> done) {
            for (DensityPiece piece : done) {
                if (piece.interval().lo() == x) {
                    return piece.density(x);
                }
            }
            return Double.NaN;
        }

        /**
         * Whether a logarithmic chain next to 0 ({@link #nextToZero}) ends at this panel, still unresolved at
         * {@value #NARROW_LOG_PANEL} wide in log x below {@value #NEAR_ZERO} of the scale: there a density in log x
         * that is not smooth at {@value #PANEL_POINTS} points is G going wrong next to the axis, not the law (tanh's
         * transient products off the fixed point, from the 22nd on, split such panels down to slivers 10⁻⁶ wide and
         * up to {@value #MAX_PANELS} panels, 30 to 100 s per product: spikes of 5·10⁻¹⁰ on slivers 10⁻¹⁸ wide, and
         * densities read as 0 where the contour integral finds 10⁻⁸ of mass; the 34th lost 10⁻⁸ of its mass). The
         * chain ends with a tail on (0, top] carrying the mass measured there by the contour integral ({@link
         * #measuredTail}, the exponent continuing the density at the panel's top: the panel fitted above it, or this
         * panel's highest sample); the panels below it are dropped. False (the panel is split as before) where that
         * integral fails at the top, or finds no mass below the panel ({@link #emptyBelow}): then the panel holds the
         * support's edge, which halving resolves.
         */
        private boolean endsChainUnresolved(Pending panel, double[] values, List<DensityPiece> done) {
            double top = panel.x(panel.hi);
            if (!panel.isLog() || !nextToZero(panel) || panel.hi - panel.lo > NARROW_LOG_PANEL
                    || top > NEAR_ZERO * scale) {
                return false;
            }
            double above = densityAbove(top, done);
            double density = above > 0 ? above : values[0] / (top - panel.edge);
            // Mass below the panel: not a support edge inside it (where halving the panel resolves the density).
            PowerTail tail = density > 0 && !emptyBelow(panel.x(panel.lo)) ? measuredTail(top, density) : null;
            if (!faithful(tail)) {
                return false;
            }
            done.add(tail);
            return true;
        }

        private PanelFit fitPanels(Interval interval) {
            List<Double> breaks = new ArrayList<>();
            breaks.add(interval.lo());
            for (double point : singularPoints()) {
                if (point > interval.lo() + 1e-12 * interval.width() && point < interval.hi() - 1e-12 * interval.width()) {
                    breaks.add(point);
                }
            }
            breaks.add(interval.hi());
            breaks.sort(null);
            List<Pending> pending = new ArrayList<>();
            for (int i = 0; i + 1 < breaks.size(); i++) {
                double a = breaks.get(i);
                double b = breaks.get(i + 1);
                if (!(b - a > 1e-12 * interval.width())) {
                    continue;
                }
                double edgeWidth = (b - a) / 8;
                Pending leftEdge = edgePanel(a, true, edgeWidth, edgePower(a, true, b - a));
                Pending rightEdge = edgePanel(b, false, edgeWidth, edgePower(b, false, b - a));
                pending.add(leftEdge);
                // The interior panel starts and ends exactly where the edge panels do (x(s) with its rounding).
                pending.add(new Pending(leftEdge.x(leftEdge.hi), rightEdge.x(rightEdge.hi), Double.NaN, true, 1));
                pending.add(rightEdge);
            }
            List<DensityPiece> done = new ArrayList<>();
            double chainEnd = Double.NEGATIVE_INFINITY;
            int coefficients = 0;
            double worstTail = 0;
            boolean resolved = true;
            while (!pending.isEmpty()) {
                int[] start = new int[pending.size() + 1];
                for (int i = 0; i < pending.size(); i++) {
                    start[i + 1] = start[i] + pending.get(i).points;
                }
                int count = start[pending.size()];
                double[] xs = new double[count];
                Integer[] order = new Integer[count];
                for (int i = 0; i < pending.size(); i++) {
                    Pending panel = pending.get(i);
                    double[] t = Chebyshev.points(panel.points);
                    double mid = 0.5 * (panel.lo + panel.hi);
                    double half = 0.5 * (panel.hi - panel.lo);
                    for (int j = 0; j < panel.points; j++) {
                        xs[start[i] + j] = panel.x(mid + half * t[j]);
                        order[start[i] + j] = start[i] + j;
                    }
                }
                java.util.Arrays.sort(order, (p, q) -> Double.compare(xs[p], xs[q]));
                double[] sortedXs = new double[count];
                for (int k = 0; k < count; k++) {
                    sortedXs[k] = xs[order[k]];
                }
                Complex[] sortedG;
                try {
                    sortedG = measure.cauchyBoundary(sortedXs);
                    evaluations += count;
                } catch (ConvergenceException e) {
                    List<Pending> cut = withUnreachableEdgeCut(pending);
                    if (cut != null) {
                        pending = cut;
                        continue;
                    }
                    sortedG = pointByPoint(sortedXs, e);
                }
                double[] density = new double[count];
                boolean[] unreadable = new boolean[count];
                for (int k = 0; k < count; k++) {
                    Complex value = sortedG[k];
                    if (!Double.isFinite(value.getImaginary()) || !Double.isFinite(value.getReal())) {
                        value = g(sortedXs[k] + 1e-13 * interval.width());
                    }
                    density[order[k]] = Math.max(0, -value.getImaginary() / Math.PI);
                    unreadable[order[k]] = unreadable(sortedXs[k], value);
                }
                List<Pending> next = new ArrayList<>();
                for (int i = 0; i < pending.size(); i++) {
                    Pending panel = pending.get(i);
                    int points = panel.points;
                    double mid = 0.5 * (panel.lo + panel.hi);
                    double half = 0.5 * (panel.hi - panel.lo);
                    double[] values = new double[points];
                    for (int j = 0; j < points; j++) {
                        values[j] = panel.weight(xs[start[i] + j], density[start[i] + j]);
                    }
                    PowerTail below = panel.bottom
                            ? tailAboveUnreadableDensity(panel, values, unreadable, start[i], done) : null;
                    if (below != null) {
                        done.add(below);
                        continue;
                    }
                    double[] c = Chebyshev.coefficients(values);
                    double tail = 0;
                    double largest = 0;
                    for (int k = 0; k < points; k++) {
                        largest = Math.max(largest, Math.abs(c[k]));
                        if (k >= points - Math.max(3, points / 8)) {
                            tail = Math.max(tail, Math.abs(c[k]));
                        }
                    }
                    boolean ok = tail * half * points <= PANEL_MASS_TOLERANCE
                            || tail <= options.chebyshevTolerance() * largest
                            || noisePlateau(c, largest);
                    double xWidth = Math.abs(panel.x(panel.hi) - panel.x(panel.lo));
                    boolean tooSmall = xWidth <= 64 * Math.ulp(Math.max(Math.abs(panel.x(panel.lo)),
                            Math.abs(panel.x(panel.hi))))
                            || panel.hi - panel.lo <= 64 * Math.ulp(Math.max(Math.abs(panel.lo), Math.abs(panel.hi)))
                            || done.size() + next.size() + pending.size() > MAX_PANELS;
                    if (ok || tooSmall) {
                        resolved &= ok;
                        worstTail = Math.max(worstTail, tail * half);
                        int keep = Math.max(1, Chebyshev.resolvedLength(c, options.chebyshevTolerance()));
                        double[] kept = java.util.Arrays.copyOf(c, Math.min(keep, c.length));
                        coefficients += kept.length;
                        if (panel.isLog()) {
                            done.add(new LogPanel(panel.edge, panel.left, panel.lo, panel.hi, kept));
                            PowerTail powerTail = panel.bottom ? powerTail(panel, c, false) : null;
                            if (powerTail != null) {
                                done.add(powerTail);
                            } else if (panel.bottom && extendLogChain(panel, c)) {
                                next.add(new Pending(panel.lo - LOG_TRIAL_WIDTH, panel.lo, panel.edge, panel.left, LOG,
                                        true, COARSE_POINTS));
                            } else if (panel.bottom) {
                                // The chain stops at the floor of double precision (or where G can no longer be
                                // evaluated) with mass left below: that mass is carried by a power tail whose
                                // exponent is the density's log-slope there; its mass is measured by a contour
                                // integral of G where that converges, else extrapolated from the slope.
                                // An exponent below MIN_TAIL_EXPONENT (the deep Gaussian Jacobian at L = 10⁴,
                                // β ≈ 1/L) leaves most of the mass below the floor: kept only when measured.
                                PowerTail floor = powerTail(panel, c, true);
                                if (floor == null && panel.edge != 0 && panel.left && cutFloor > panel.edge
                                        && nextToZero(panel)) {
                                    // A chain at e > 0 cut above a stall: the tail covers (0, x] with measured mass.
                                    double top = panel.x(panel.lo);
                                    PowerTail cut = measuredTail(top, Chebyshev.evaluate(c, -1) / (top - panel.edge));
                                    if (cut != null) {
                                        done.add(cut);
                                    }
                                } else if (floor != null) {
                                    double mass = contourMass(floor.interval().hi());
                                    if (mass > 0) {
                                        done.add(new PowerTail(floor.interval().hi(), mass, floor.exponent()));
                                    } else if (floor.exponent() > MIN_TAIL_EXPONENT) {
                                        floorTails.add(floor);
                                        done.add(floor);
                                    }
                                }
                            }
                        } else {
                            done.add(panel.isEdge()
                                    ? new EdgePanel(panel.edge, panel.left, panel.power, panel.lo, panel.hi, kept)
                                    : new PolynomialPanel(Interval.of(panel.lo, panel.hi), kept));
                            if (panel.bottom) {
                                done.add(cutTail(panel, c));
                            }
                        }
                    } else if (points < PANEL_POINTS) {
                        // A coarse first look that did not resolve the panel: look again with the full rule.
                        next.add(new Pending(panel.lo, panel.hi, panel.edge, panel.left, panel.power, panel.bottom,
                                PANEL_POINTS));
                    } else if (endsChainUnresolved(panel, values, done)) {
                        chainEnd = Math.max(chainEnd, panel.x(panel.hi));
                    } else {
                        next.add(new Pending(panel.lo, mid, panel.edge, panel.left, panel.power, panel.bottom));
                        next.add(new Pending(mid, panel.hi, panel.edge, panel.left, panel.power, false));
                    }
                }
                double end = chainEnd;
                next.removeIf(panel -> nextToZero(panel) && panel.x(panel.hi) <= end);
                pending = next;
            }
            return new PanelFit(done, coefficients, worstTail, resolved);
        }
    }
}
