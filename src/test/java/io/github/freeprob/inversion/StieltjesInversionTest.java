package io.github.freeprob.inversion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import io.github.freeprob.measure.Atom;
import io.github.freeprob.measure.Interval;
import io.github.freeprob.measure.Laws;
import io.github.freeprob.measure.Measure;
import io.github.freeprob.measure.PiecewiseFunction;
import io.github.freeprob.measure.PowerTail;
import io.github.freeprob.measure.Support;
import io.github.freeprob.numerics.ConvergenceException;
import io.github.freeprob.precision.BigFloat;
import io.github.freeprob.precision.Elementary;
import io.github.freeprob.precision.MomentSequence;
import io.github.freeprob.precision.Precision;
import java.util.List;
import java.util.function.DoubleFunction;
import java.util.function.DoubleUnaryOperator;
import java.util.function.IntPredicate;
import java.util.stream.Stream;
import org.hipparchus.complex.Complex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Stieltjes inversion from G alone (atom hints off), against the closed forms of the named laws: density within
 * 1e-8 relative in the bulk, edges within 1e-8, atom masses within 1e-10, total mass within 1e-10, and moments of
 * the inverted law (∫ xᵏ ρ + atoms) against the exact moments within 1e-10 relative.
 */
class StieltjesInversionTest {

    /** A case: the law, its exact support edges and atoms, and its closed-form density (null for atoms only). */
    record Case(String name, Measure law, List<Interval> support, List<Atom> atoms, DoubleUnaryOperator density) {
        @Override
        public String toString() {
            return name;
        }
    }

    static double mpDensity(double lambda, double x) {
        double a = Math.pow(1 - Math.sqrt(lambda), 2);
        double b = Math.pow(1 + Math.sqrt(lambda), 2);
        return Math.sqrt((b - x) * (x - a)) / (2 * Math.PI * lambda * x);
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("semicircle(1)", Laws.semicircle(1), List.of(Interval.of(-2, 2)), List.of(),
                        x -> Math.sqrt(4 - x * x) / (2 * Math.PI)),
                new Case("mp(0.5)", Laws.marchenkoPastur(0.5),
                        List.of(Interval.of(Math.pow(1 - Math.sqrt(0.5), 2), Math.pow(1 + Math.sqrt(0.5), 2))),
                        List.of(), x -> mpDensity(0.5, x)),
                new Case("mp(3): atom beside the continuous part", Laws.marchenkoPastur(3),
                        List.of(Interval.of(Math.pow(1 - Math.sqrt(3), 2), Math.pow(1 + Math.sqrt(3), 2))),
                        List.of(Atom.of(0, 2.0 / 3)), x -> mpDensity(3, x)),
                new Case("mp(1): inverse square root at 0", Laws.marchenkoPastur(1), List.of(Interval.of(0, 4)),
                        List.of(), x -> mpDensity(1, x)),
                new Case("uniform(-1, 2): jumps", Laws.uniform(-1, 2), List.of(Interval.of(-1, 2)), List.of(),
                        x -> 1.0 / 3),
                new Case("arcsine(0, 3): inverse square roots", Laws.arcsine(0, 3), List.of(Interval.of(0, 3)),
                        List.of(), x -> 1 / (Math.PI * Math.sqrt(x * (3 - x)))),
                new Case("atoms", Laws.atoms(new double[] {-1, 0.25, 2}, new double[] {0.2, 0.3, 0.5}), List.of(),
                        List.of(Atom.of(-1, 0.2), Atom.of(0.25, 0.3), Atom.of(2, 0.5)), null),
                new Case("atom inside the continuous part",
                        Laws.mixture(new double[] {0.7, 0.3}, List.of(Laws.semicircle(1), Laws.dirac(0.5))),
                        List.of(Interval.of(-2, 2)), List.of(Atom.of(0.5, 0.3)),
                        x -> 0.7 * Math.sqrt(4 - x * x) / (2 * Math.PI)),
                new Case("two intervals and an atom between",
                        Laws.mixture(new double[] {0.3, 0.5, 0.2},
                                List.of(Laws.arcsine(-3, -1), Laws.semicircle(0.25), Laws.dirac(-0.5))),
                        List.of(Interval.of(-3, -1), Interval.of(-1, 1)), List.of(Atom.of(-0.5, 0.2)),
                        x -> x < -1 ? 0.3 / (Math.PI * Math.sqrt((x + 3) * (-1 - x)))
                                : 0.5 * Math.sqrt(1 - x * x) / (0.5 * Math.PI)),
                new Case("reflected mp(2)", Laws.affine(Laws.marchenkoPastur(2), 1, -2),
                        List.of(Interval.of(1 - 2 * Math.pow(1 + Math.sqrt(2), 2), 1 - 2 * Math.pow(1 - Math.sqrt(2), 2))),
                        List.of(Atom.of(1, 0.5)), x -> mpDensity(2, (1 - x) / 2) / 2));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void recoversAtomsEdgesAndMass(Case c) {
        Spectrum spectrum = StieltjesInversion.invert(c.law, InversionOptions.DEFAULT.withAtomHints(false));
        List<Atom> atoms = spectrum.atoms();
        assertThat(atoms).as("atoms of %s", c).hasSameSizeAs(c.atoms);
        for (int i = 0; i < atoms.size(); i++) {
            assertThat(atoms.get(i).location()).isCloseTo(c.atoms.get(i).location(), offset(1e-12));
            assertThat(atoms.get(i).mass()).as("mass of atom %d of %s", i, c).isCloseTo(c.atoms.get(i).mass(),
                    offset(1e-10));
        }
        List<Interval> support = spectrum.support().intervals();
        if (c.name.startsWith("two intervals")) {
            // The arcsine piece and the semicircle touch at −1: one interval of the support, two pieces of density.
            assertThat(support).hasSize(1);
            assertThat(support.get(0).lo()).isCloseTo(-3, offset(1e-8));
            assertThat(support.get(0).hi()).isCloseTo(1, offset(1e-8));
        } else {
            assertThat(support).as("support of %s", c).hasSameSizeAs(c.support);
            for (int i = 0; i < support.size(); i++) {
                assertThat(support.get(i).lo()).as("left edge of %s", c).isCloseTo(c.support.get(i).lo(),
                        offset(1e-8));
                assertThat(support.get(i).hi()).as("right edge of %s", c).isCloseTo(c.support.get(i).hi(),
                        offset(1e-8));
            }
        }
        assertThat(spectrum.diagnostics().totalMass()).as("mass of %s", c).isCloseTo(1, offset(1e-10));
    }

    /** The density away from the edges (the central 96% of each interval) within 1e-8 relative of the closed form. */
    @ParameterizedTest
    @MethodSource("cases")
    void densityInTheBulk(Case c) {
        if (c.density == null) {
            return;
        }
        Spectrum spectrum = StieltjesInversion.invert(c.law, InversionOptions.DEFAULT.withAtomHints(false));
        for (Interval interval : c.support) {
            double[] xs = new double[200];
            for (int i = 0; i < xs.length; i++) {
                xs[i] = interval.lo() + interval.width() * (0.02 + 0.96 * i / (xs.length - 1));
            }
            double[] rho = spectrum.density(xs);
            for (int i = 0; i < xs.length; i++) {
                double exact = c.density.applyAsDouble(xs[i]);
                assertThat(Math.abs(rho[i] - exact) / exact).as("%s at %s", c, xs[i]).isLessThan(1e-8);
                // The compact (Chebyshev) form reproduces it too.
                assertThat(Math.abs(spectrum.compact().density(xs[i]) - exact) / exact).as("compact %s at %s", c,
                        xs[i]).isLessThan(1e-8);
            }
        }
    }

    /** ∫ xᵏ ρ + Σ atoms of the inverted law against the exact moments (40 digits), k ≤ 8, to 1e-10 relative. */
    @ParameterizedTest
    @MethodSource("cases")
    void momentsOfTheInvertedLaw(Case c) {
        Spectrum spectrum = StieltjesInversion.invert(c.law, InversionOptions.DEFAULT.withAtomHints(false));
        double[] m = spectrum.moments(8);
        MomentSequence exact = c.law.exactMoments(8, Precision.ofDigits(40));
        for (int k = 1; k <= 8; k++) {
            double e = exact.get(k).doubleValue();
            assertThat(Math.abs(m[k] - e)).as("m_%d of %s", k, c).isLessThanOrEqualTo(1e-10 * Math.max(1, Math.abs(e)));
        }
    }

    /** The CDF is nondecreasing, right-continuous with jumps equal to the atoms, and quantiles invert it. */
    @ParameterizedTest
    @MethodSource("cases")
    void cdfAndQuantiles(Case c) {
        Spectrum spectrum = StieltjesInversion.invert(c.law, InversionOptions.DEFAULT.withAtomHints(false));
        Interval bounds = c.law.bounds();
        double previous = 0;
        for (int i = 0; i <= 1000; i++) {
            double x = bounds.lo() - 0.1 + (bounds.width() + 0.2) * i / 1000.0;
            double f = spectrum.cdf(x);
            assertThat(f).as("CDF of %s at %s", c, x).isGreaterThanOrEqualTo(previous - 1e-15);
            previous = f;
        }
        assertThat(spectrum.cdf(bounds.lo() - 1)).isZero();
        assertThat(spectrum.cdf(bounds.hi() + 1)).isCloseTo(1, offset(1e-10));
        for (Atom atom : spectrum.atoms()) {
            // The jump at the atom found (its location is checked against the exact one in recoversAtomsEdgesAndMass).
            double jump = spectrum.cdf(atom.location()) - spectrum.cdf(Math.nextDown(atom.location()));
            assertThat(jump).as("jump at %s of %s", atom, c).isCloseTo(atom.mass(), offset(1e-10));
        }
        for (double u : new double[] {0.1, 0.37, 0.5, 0.9}) {
            double x = spectrum.quantile(u);
            assertThat(spectrum.cdf(x)).as("F(Q(%s)) of %s", u, c).isGreaterThanOrEqualTo(u - 1e-12);
            assertThat(spectrum.cdf(Math.nextDown(x) - 1e-12 * (1 + Math.abs(x)))).isLessThanOrEqualTo(u + 1e-12);
        }
    }

    /** Atom hints change nothing when the scan already finds the atoms. */
    @Test
    void hintsAgreeWithTheScan() {
        Measure law = Laws.marchenkoPastur(2.5);
        Spectrum withHints = StieltjesInversion.invert(law);
        Spectrum without = StieltjesInversion.invert(law, InversionOptions.DEFAULT.withAtomHints(false));
        assertThat(withHints.atoms()).hasSize(1);
        assertThat(withHints.atoms().get(0).mass()).isCloseTo(without.atoms().get(0).mass(), offset(1e-12));
    }

    /**
     * tanh's ν (density vanishing faster than any power at its lower edge, inverse square root at 1): the inversion
     * splits panels toward the edges and recovers the mass and moments of the exact route to 1e-10.
     */
    @Test
    void activationLawWithAFlatEdge() {
        DoubleUnaryOperator sech4 = h -> Math.pow(1 / Math.cosh(h), 4);
        Measure nu = Laws.lawOf(PiecewiseFunction.smooth(sech4, (h, p) -> {
            BigFloat e = Elementary.exp(h, p);
            return p.of(2).divide(e.add(e.reciprocal())).pow(4);
        }), 1.0, "nu_tanh");
        Spectrum spectrum = StieltjesInversion.invert(nu);
        assertThat(spectrum.diagnostics().totalMass()).isCloseTo(1, offset(1e-10));
        assertThat(spectrum.support().hull().orElseThrow().hi()).isCloseTo(1, offset(1e-12));
        double[] m = spectrum.moments(6);
        MomentSequence exact = nu.exactMoments(6, Precision.ofDigits(30));
        for (int k = 1; k <= 6; k++) {
            assertThat(m[k]).as("m_%d", k).isCloseTo(exact.get(k).doubleValue(), offset(1e-10));
        }
        Complex z = new Complex(0.6, 0.05);
        assertThat(spectrum.compact().cauchy(z).subtract(nu.cauchy(z)).norm()).isLessThan(1e-9);
    }

    /**
     * A law whose boundary values cannot be computed at some depth below its bulk, as subordination solves of erf's
     * transient products stall: the law of e^{−2h²}, h ~ N(0, 0.6) (density ~ y^{−0.58}/√ln(1/y) at 0, which no edge
     * power resolves, so the edge panel at 0 reaches down to 10⁻²⁰; moments E e^{−2kh²} = 1/√(1 + 4kq)) with G(x + i0)
     * refused on a band (real stalls come at some depths). On [10⁻¹⁸, 10⁻¹⁶), which the trial panels that choose the
     * edge variable miss, the edge panel at 0 starts at its lowest sample above the refused ones and the mass below is a
     * power tail measured by the contour integral of G (which stays off the axis); on [10⁻¹⁴, 10⁻¹²) the probe that
     * accepts 0 as the edge is refused too (0 is then the edge of a law on [0, ∞)), and the logarithmic chain chosen
     * instead ends above the band with its floor tail. Expected: a power tail; the first 8 moments to 1e-10 (closed form;
     * the unrestricted inversion gets 3e-12); the CDF at 10⁻⁶ equal to the unrestricted inversion's to 1e-12 (the tails
     * hold 3e-7 and 3e-6 of mass, all below 10⁻¹¹, so their shape cannot move it). Without these rules the inversion
     * fails on the refused solves.
     */
    @ParameterizedTest(name = "refused on [{0}, {1})")
    @CsvSource({"1e-18, 1e-16", "1e-14, 1e-12"})
    void solvesThatCannotReachTheAxisNextToZeroLeaveAMeasuredTail(double lo, double hi) {
        double q = 0.6;
        Measure law = Laws.lawOf(h -> Math.exp(-2 * h * h), q, "exp(-2h^2)");
        Spectrum spectrum = StieltjesInversion.invert(new Unreachable(law, lo, hi, n -> true, true));
        assertMeasuredTail(spectrum, law, q, 1e-6);
    }

    /**
     * A power tail among the pieces, the first 8 moments of the law of e^{−2h²}, h ~ N(0, q), to 1e-10 of their closed
     * form 1/√(1 + 4kq), and the CDF at x equal to the unrestricted inversion's to 1e-12.
     */
    private static void assertMeasuredTail(Spectrum spectrum, Measure law, double q, double x) {
        assertThat(spectrum.compact().pieces()).anyMatch(piece -> piece instanceof PowerTail);
        double[] m = spectrum.moments(8);
        for (int k = 1; k <= 8; k++) {
            double exact = 1 / Math.sqrt(1 + 4 * k * q);
            assertThat(m[k]).as("m_%d", k).isCloseTo(exact, offset(1e-10 * exact));
        }
        Spectrum unrestricted = StieltjesInversion.invert(law);
        assertThat(spectrum.cdf(x)).isCloseTo(unrestricted.cdf(x), offset(1e-12));
    }

    /**
     * The law of e^{−2h²}, h ~ N(0, 1), reaches 0 over 60 decades (density ~ y^{−3/4}/√ln(1/y)) and is inverted there
     * by a logarithmic chain. Here G(x + i0) is refused on [10⁻⁴⁰, 10⁻³⁸) by single points and by every batch but the
     * chain's probe (the 42 points that decide whether the chain goes on): the probe passes and the batch of the next
     * panel stalls, as in sigmoid's transient products off the fixed point. The chain's pending panels are cut above
     * the refused samples and the chain ends there with a floor tail whose mass is the contour integral of G (off the
     * axis, which is not refused). Expected: the first 8 moments to 1e-10 (closed form 1/√(1 + 4k q); the unrestricted
     * inversion gets 3e-12), and the CDF at 10⁻²⁰ equal to the unrestricted inversion's to 1e-12 (the mass below the
     * band is 10⁻⁹·⁵ of the total, measured, not extrapolated). Before, a failure inside a logarithmic chain was rethrown.
     */
    @Test
    void aLogarithmicChainWhoseBatchStallsEndsAboveTheStall() {
        double q = 1;
        Measure law = Laws.lawOf(h -> Math.exp(-2 * h * h), q, "exp(-2h^2)");
        Spectrum spectrum = StieltjesInversion.invert(new Unreachable(law, 1e-40, 1e-38, n -> n != 42, true));
        assertMeasuredTail(spectrum, law, q, 1e-20);
    }

    /**
     * A batch of boundary values that stalls (a walk carried from point to point can go astray) where each point solved
     * on its own does not, away from any edge at 0: the batch is redone point by point, and the inversion is the
     * unrestricted one (G of this law has no walk, so the values are the same): moments to 1e-14. The scan (more than
     * 1000 points) is left alone. Before, the failure was rethrown.
     */
    @Test
    void aBatchThatStallsWhereSinglePointsDoNotIsSolvedPointByPoint() {
        Measure law = Laws.lawOf(h -> Math.exp(-2 * h * h), 1, "exp(-2h^2)");
        Spectrum spectrum = StieltjesInversion.invert(new Unreachable(law, 0.2, 0.4, n -> n < 1000, false));
        double[] m = spectrum.moments(8);
        double[] unrestricted = StieltjesInversion.invert(law).moments(8);
        for (int k = 1; k <= 8; k++) {
            assertThat(m[k]).as("m_%d", k).isCloseTo(unrestricted[k], offset(1e-14 * unrestricted[k]));
        }
    }

    /**
     * Boundary values that give a density below 0 next to 0, as a product of compacted laws can where it reads its
     * factors next to their edges (erf with Gaussian weights off the fixed point): here G(x + i0) of the law of e^{−2h²},
     * h ~ N(0, 1), is conjugated below 10⁻²⁴, where 1.5·10⁻⁷ of its mass lies. The chain's panel with such samples is
     * replaced by a floor tail whose mass is the contour integral of G (off the axis, which is left alone). Expected:
     * the first 8 moments to 1e-10 of their closed form, and the CDF at 10⁻²³ equal to the unrestricted inversion's to
     * 1e-12. Before, the panel was clipped to 0 and its mass lost, inside the inversion's 10⁻⁶ mass check.
     */
    @Test
    void aDensityBelowZeroNextToZeroEndsTheChainWithAMeasuredTail() {
        double q = 1;
        Measure law = Laws.lawOf(h -> Math.exp(-2 * h * h), q, "exp(-2h^2)");
        Spectrum spectrum = StieltjesInversion.invert(new Disturbed(law, 1e-24, x -> -1)); // G conjugated
        assertMeasuredTail(spectrum, law, q, 1e-23);
    }

    /**
     * Boundary values whose imaginary part is rounding next to 0, as a product's G has where its density falls toward 0
     * faster than any power while E[1/x] stays moderate (tanh's transient products off the fixed point: Im G/Re G ≈
     * 10⁻¹⁴ at 10⁻¹¹): here Im G of the law of e^{−2h²}, h ~ N(0, 1), is scaled by 10⁻¹⁴ below 10⁻¹⁰, where 3·10⁻³ of its
     * mass lies. The scan's bisection then finds an edge at 10⁻¹⁰, but the contour integral of G there finds that mass
     * below it, so the support starts at 0; the chain in log x ends at its first panel with such samples, with a tail
     * carrying the measured mass. Expected: the first 8 moments to 1e-10 of their closed form, and the CDF at 10⁻⁶
     * (above the tail) equal to the unrestricted inversion's to 1e-12. Before, the chain ran in log(x − 10⁻¹⁰) and the
     * mass of (0, 10⁻¹⁰] was lost: the inversion failed its mass check (7·10⁻⁴ missing).
     */
    @Test
    void aDensityBelowTheRoundingOfGNextToZeroIsMeasuredNotLost() {
        double q = 1;
        Measure law = Laws.lawOf(h -> Math.exp(-2 * h * h), q, "exp(-2h^2)");
        Spectrum spectrum = StieltjesInversion.invert(new Disturbed(law, 1e-10, x -> 1e-14));
        assertMeasuredTail(spectrum, law, q, 1e-6);
    }

    /**
     * Boundary values that read as a positive density next to 0 but are not the law's (a compacted product read next to
     * its factors' floor tails: tanh's 34th transient product off the fixed point had spikes of 5·10⁻¹⁰ on slivers
     * 10⁻¹⁸ wide below 10⁻¹³): here Im G of the law of e^{−2h²}, h ~ N(0, 1), is multiplied by 1 + ½ sin(10⁴ ln x)
     * below 10⁻¹², which no panel resolves. The chain's panel there, still unresolved one unit of log x wide, ends the
     * chain with a tail carrying the mass measured by the contour integral. Expected: the inversion reports itself
     * resolved; the first 8 moments to 1e-10 of their closed form; the CDF at 10⁻⁹ equal to the unrestricted
     * inversion's to 1e-12. Before, the chain split its panels down to slivers (45 000 evaluations of G) and lost
     * 2·10⁻⁶ of the mass: the inversion failed its mass check.
     */
    @Test
    void aChainPanelThatDoesNotResolveNextToZeroEndsWithAMeasuredTail() {
        double q = 1;
        Measure law = Laws.lawOf(h -> Math.exp(-2 * h * h), q, "exp(-2h^2)");
        Spectrum spectrum = StieltjesInversion.invert(
                new Disturbed(law, 1e-12, x -> 1 + 0.5 * Math.sin(1e4 * Math.log(x))));
        assertThat(spectrum.diagnostics().resolved()).isTrue();
        assertMeasuredTail(spectrum, law, q, 1e-9);
    }

    /** A measure whose boundary values G(x + i0) have their imaginary part multiplied by factor(x) for 0 &lt; x &lt; cut. */
    private record Disturbed(Measure law, double cut, DoubleUnaryOperator factor) implements Wrapped {

        private Complex disturb(double x, Complex value) {
            return x > 0 && x < cut
                    ? new Complex(value.getReal(), value.getImaginary() * factor.applyAsDouble(x)) : value;
        }

        @Override
        public Complex cauchyUpper(Complex z) {
            Complex value = law.cauchyUpper(z);
            return z.getImaginary() == 0 ? disturb(z.getReal(), value) : value;
        }

        @Override
        public Complex[] cauchyBoundary(double[] xs) {
            Complex[] values = law.cauchyBoundary(xs);
            for (int i = 0; i < xs.length; i++) {
                values[i] = disturb(xs[i], values[i]);
            }
            return values;
        }

        @Override
        public DoubleFunction<Complex> boundaryWalk() {
            DoubleFunction<Complex> walk = law.boundaryWalk();
            return x -> disturb(x, walk.apply(x));
        }

    }

    /**
     * A measure whose boundary values G(x + i0) fail, as a stalled solve does, for lo ≤ x &lt; hi: in batches whose size
     * {@code batchRefused} accepts, and at single points when {@code singleRefused}.
     */
    private record Unreachable(Measure law, double lo, double hi, IntPredicate batchRefused, boolean singleRefused)
            implements Wrapped {

        private void check(double x) {
            if (x >= lo && x < hi) {
                throw new ConvergenceException("boundary value at " + x, Double.NaN, Double.NaN, 0, 0);
            }
        }

        @Override
        public Complex cauchyUpper(Complex z) {
            if (z.getImaginary() == 0 && singleRefused) {
                check(z.getReal());
            }
            return law.cauchyUpper(z);
        }

        @Override
        public Complex[] cauchyBoundary(double[] xs) {
            if (batchRefused.test(xs.length)) {
                for (double x : xs) {
                    check(x);
                }
            }
            return law.cauchyBoundary(xs);
        }

        @Override
        public DoubleFunction<Complex> boundaryWalk() {
            DoubleFunction<Complex> walk = law.boundaryWalk();
            return x -> {
                if (singleRefused) {
                    check(x);
                }
                return walk.apply(x);
            };
        }

    }

    /** A measure that is {@link #law()} except for its boundary values: moments, atoms, support and bounds are the law's. */
    private interface Wrapped extends Measure {

        Measure law();

        @Override
        default double[] moments(int n) {
            return law().moments(n);
        }

        @Override
        default MomentSequence exactMoments(int n, Precision precision) {
            return law().exactMoments(n, precision);
        }

        @Override
        default List<Atom> atoms() {
            return law().atoms();
        }

        @Override
        default Support support() {
            return law().support();
        }

        @Override
        default Interval bounds() {
            return law().bounds();
        }
    }
}
