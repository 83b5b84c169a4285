package io.github.freeprob.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.freeprob.numerics.Complexes;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Stream;
import org.hipparchus.complex.Complex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The primitive-double kernels of the closed-form laws ({@link ClosedFormLaw}) against a reference written here with
 * Hipparchus {@link Complex} arithmetic: the formulas the laws used before the kernels (principal square roots
 * multiplied, principal logarithms subtracted), and, for the uniform law far from its support, its moment series.
 *
 * <p>Tolerances: both sides evaluate the same closed form in a handful of correctly rounded operations, so they agree
 * to a few ulps of the size of the terms that make up the result. The bound is {@value #ULPS} ε times that size, the
 * size being |value| for a quotient such as G = 2/(z + s) (no cancellation: z and s point the same way), and the
 * sum of the magnitudes of the terms where a formula adds terms that can cancel (zG − 1 near the support, the
 * pole of Marchenko–Pastur at 0, the sums over atoms). A branch error would show as a difference of order |value|.
 */
class ClosedFormKernelsTest {

    /** Agreement in units of the double epsilon 2^-52: a few ulps per operation over some ten operations. */
    static final double ULPS = 64;
    static final double EPS = Math.ulp(1.0);

    /** A law and the reference G, G', H for it. */
    record Case(String name, Measure law, Function<Complex, Complex[]> reference, Function<Complex, Double> size) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        cases.add(semicircle(2));
        cases.add(marchenkoPastur(0.5));
        cases.add(marchenkoPastur(2));
        cases.add(arcsine(-1, 2));
        cases.add(uniform(-1, 3));
        cases.add(atoms(new double[] {-1, 0, 2.5}, new double[] {0.25, 0.5, 0.25}));
        SplittableRandom random = new SplittableRandom(11);
        double[] samples = new double[40];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = random.nextGaussian();
        }
        double[] sorted = samples.clone();
        java.util.Arrays.sort(sorted);
        double[] masses = new double[samples.length];
        java.util.Arrays.fill(masses, 1.0 / samples.length);
        Case discrete = atoms(sorted, masses);
        cases.add(new Case("empirical(40 gaussian samples)", Laws.empirical(samples), discrete.reference(),
                discrete.size()));
        return cases;
    }

    /** √(z − a)√(z − b) with principal roots (the old route; {@link Complexes#sqrtProduct(Complex, double, double)}). */
    static Complex s(Complex z, double a, double b) {
        return Complexes.sqrtProduct(z, a, b);
    }

    static Case semicircle(double v) {
        double r = 2 * Math.sqrt(v);
        return new Case("semicircle(" + v + ")", Laws.semicircle(v), z -> {
            Complex s = s(z, r, -r);
            Complex g = Complex.valueOf(2).divide(z.add(s));
            return new Complex[] {g, g.negate().divide(s), g.multiply(g).multiply(v)};
        }, z -> 0.0);
    }

    static Case marchenkoPastur(double lambda) {
        double a = Math.pow(1 - Math.sqrt(lambda), 2);
        double b = Math.pow(1 + Math.sqrt(lambda), 2);
        return new Case("mp(" + lambda + ")", Laws.marchenkoPastur(lambda), z -> {
            Complex s = s(z, a, b);
            Complex den = z.add(lambda - 1).add(s);
            Complex g = Complex.valueOf(2).divide(den);
            Complex sPrime = z.subtract(1 + lambda).divide(s);
            Complex dg = sPrime.add(1).multiply(-2).divide(den.multiply(den));
            Complex h = z.multiply(g).subtract(1);
            return new Complex[] {g, dg, h};
        }, z -> {
            // The denominator z + λ − 1 + s cancels at the pole z = 0 (λ > 1): its terms against its value.
            Complex s = s(z, a, b);
            Complex den = z.add(lambda - 1).add(s);
            return (z.norm() + Math.abs(lambda - 1) + s.norm()) / den.norm();
        });
    }

    static Case arcsine(double a, double b) {
        return new Case("arcsine(" + a + ", " + b + ")", Laws.arcsine(a, b), z -> {
            Complex s = s(z, a, b);
            Complex g = s.reciprocal();
            Complex dg = z.subtract(0.5 * (a + b)).negate().divide(s.multiply(s).multiply(s));
            return new Complex[] {g, dg, z.multiply(g).subtract(1)};
        }, z -> 0.0);
    }

    /** Near the support the principal logarithms; far away (|z − c| &gt; 2w) the moment series Σ m_k/z^{k+1}. */
    static Case uniform(double a, double b) {
        Measure law = Laws.uniform(a, b);
        double[] m = law.moments(200);
        double w = b - a;
        return new Case("uniform(" + a + ", " + b + ")", law, z -> {
            Complex g;
            if (z.subtract(0.5 * (a + b)).norm() > 2 * w) {
                g = Complex.ZERO;
                Complex power = z.reciprocal();
                for (int k = 0; k < m.length; k++) {
                    g = g.add(power.multiply(m[k]));
                    power = power.divide(z);
                }
            } else {
                g = Complexes.upper(z.subtract(a)).log().subtract(Complexes.upper(z.subtract(b)).log()).divide(w);
            }
            Complex dg = z.subtract(a).multiply(z.subtract(b)).reciprocal().negate();
            return new Complex[] {g, dg, z.multiply(g).subtract(1)};
        }, z -> 0.0);
    }

    static Case atoms(double[] x, double[] p) {
        return new Case("atoms(" + x.length + ")", Laws.atoms(x, p), z -> {
            Complex g = Complex.ZERO;
            Complex dg = Complex.ZERO;
            Complex h = Complex.ZERO;
            for (int i = 0; i < x.length; i++) {
                Complex inverse = z.subtract(x[i]).reciprocal();
                g = g.add(inverse.multiply(p[i]));
                dg = dg.subtract(inverse.multiply(inverse).multiply(p[i]));
                h = h.add(inverse.multiply(p[i] * x[i]));
            }
            return new Complex[] {g, dg, h};
        }, z -> {
            // The sum of the terms' magnitudes, relative to |G|.
            double sum = 0;
            Complex g = Complex.ZERO;
            for (int i = 0; i < x.length; i++) {
                sum += p[i] / z.subtract(x[i]).norm();
                g = g.add(z.subtract(x[i]).reciprocal().multiply(p[i]));
            }
            return sum / g.norm();
        });
    }

    /**
     * Points of the upper half-plane (the kernels' domain; the lower one is its mirror, tested below): near the
     * support (x across the bounds ± 20%, heights from 10⁻¹² to 1 of the width, and exactly 0), and far away (|z| up to
     * 10⁶ widths, in every direction).
     */
    static List<Complex> points(Measure law, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Interval bounds = law.bounds();
        double width = Math.max(bounds.width(), 1);
        List<Complex> points = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            double x = bounds.lo() - 0.2 * width + 1.4 * width * random.nextDouble();
            double y = i % 5 == 0 ? 0 : width * Math.pow(10, -12 * random.nextDouble());
            points.add(new Complex(x, y));
        }
        for (int i = 0; i < 200; i++) {
            double radius = width * Math.pow(10, 6 * random.nextDouble());
            double angle = Math.PI * random.nextDouble();
            points.add(new Complex(bounds.center() + radius * Math.cos(angle), radius * Math.sin(angle)));
        }
        return points;
    }

    static Stream<Arguments> casesAndSeeds() {
        List<Case> cases = cases();
        return java.util.stream.IntStream.range(0, cases.size()).mapToObj(i -> Arguments.of(cases.get(i), 100L + i));
    }

    /** Whether the reference is finite at z (it is not at a pole or, for G', at an edge). */
    static boolean finite(Complex... values) {
        for (Complex value : values) {
            if (!Complexes.isFinite(value)) {
                return false;
            }
        }
        return true;
    }

    /** G, G' and H of the kernels against the reference, to {@value #ULPS} ulps of the size of their terms. */
    @ParameterizedTest
    @MethodSource("casesAndSeeds")
    void kernelsMatchTheReferenceFormulas(Case c, long seed) {
        int compared = 0;
        for (Complex z : points(c.law(), seed)) {
            Complex[] expected = c.reference().apply(z);
            if (!finite(expected)) {
                continue;
            }
            compared++;
            double condition = 1 + c.size().apply(z);
            Complex g = c.law().cauchy(z);
            assertThat(g.subtract(expected[0]).norm()).as("G at %s for %s (seed %d)", z, c, seed)
                    .isLessThanOrEqualTo(ULPS * EPS * condition * expected[0].norm());
            Complex[] terms = c.law().cauchyTerms(z);
            assertThat(terms[0]).isEqualTo(g);
            // G' = −G/s and its kin: relative error as that of G (and of s, a few ulps).
            assertThat(terms[1].subtract(expected[1]).norm()).as("G' at %s for %s (seed %d)", z, c, seed)
                    .isLessThanOrEqualTo(ULPS * EPS * condition * expected[1].norm());
            // H = zG − 1: the difference of G scaled by |z|, plus the rounding of the subtraction.
            double hSize = expected[2].norm() + z.norm() * expected[0].norm();
            assertThat(terms[2].subtract(expected[2]).norm()).as("H at %s for %s (seed %d)", z, c, seed)
                    .isLessThanOrEqualTo(ULPS * EPS * condition * hSize);
        }
        assertThat(compared).as("points compared for %s", c).isGreaterThan(400);
    }

    /**
     * The batch API gives bit for bit what the single-point API gives (one kernel behind both), the lower half-plane
     * by conjugation (G(z̄) = conj G(z)), −0 as the limit from above, and the primitive terms equal the Complex ones.
     */
    @ParameterizedTest
    @MethodSource("casesAndSeeds")
    void batchAndSinglePointAgreeInEveryQuadrant(Case c, long seed) {
        List<Complex> upper = points(c.law(), seed);
        int n = 2 * upper.size();
        double[] re = new double[n];
        double[] im = new double[n];
        Complex[] zs = new Complex[n];
        for (int i = 0; i < upper.size(); i++) {
            Complex z = upper.get(i);
            zs[2 * i] = z;
            // Mirror image below the axis; on the axis itself, −0 (which must still mean the limit from above).
            zs[2 * i + 1] = z.getImaginary() == 0 ? new Complex(z.getReal(), -0.0) : z.conjugate();
        }
        for (int i = 0; i < n; i++) {
            re[i] = zs[i].getReal();
            im[i] = zs[i].getImaginary();
        }
        double[] outRe = new double[n];
        double[] outIm = new double[n];
        c.law().cauchy(re, im, outRe, outIm);
        Complex[] batch = c.law().cauchy(zs);
        double[] terms = new double[6];
        for (int i = 0; i < n; i++) {
            Complex single = c.law().cauchy(zs[i]);
            assertThat(new Complex(outRe[i], outIm[i])).as("batch G at %s for %s", zs[i], c).isEqualTo(single);
            assertThat(batch[i]).isEqualTo(single);
            Complex above = c.law().cauchyUpper(new Complex(zs[i].getReal(), Math.abs(zs[i].getImaginary())));
            Complex expected = zs[i].getImaginary() < 0 ? above.conjugate() : above;
            assertThat(single).as("G at %s for %s", zs[i], c).isEqualTo(expected);
            c.law().cauchyTerms(re[i], im[i], terms);
            Complex[] boxed = c.law().cauchyTerms(zs[i]);
            for (int k = 0; k < 3; k++) {
                assertThat(new Complex(terms[2 * k], terms[2 * k + 1])).isEqualTo(boxed[k]);
            }
        }
    }

    /**
     * Closed-form values: semicircle(1) at i, (z − √(z² − 4))/2 = i(1 − √5)/2; mp(1) at −1, 2/(−1 − √5) = (1 − √5)/2;
     * uniform(0, 1) at 2, log 2, and on (0, 1) inside its support −iπ; arcsine(−1, 1) at 2, 1/√3, and at 0 + i0, −i;
     * atoms ½δ₀ + ½δ₁ at i, ½(1/i + 1/(i − 1)). Each to 4 ulps: a single operation or two.
     */
    @Test
    void closedFormValues() {
        double root5 = Math.sqrt(5);
        assertClose(Laws.semicircle(1).cauchy(new Complex(0, 1)), new Complex(0, (1 - root5) / 2));
        assertClose(Laws.marchenkoPastur(1).cauchy(new Complex(-1, 0)), new Complex((1 - root5) / 2, 0));
        assertClose(Laws.uniform(0, 1).cauchy(new Complex(2, 0)), new Complex(Math.log(2), 0));
        assertClose(Laws.uniform(0, 1).cauchy(new Complex(0.5, 0)), new Complex(0, -Math.PI));
        assertClose(Laws.arcsine(-1, 1).cauchy(new Complex(2, 0)), new Complex(1 / Math.sqrt(3), 0));
        assertClose(Laws.arcsine(-1, 1).cauchy(new Complex(0, 0)), new Complex(0, -1));
        assertClose(Laws.atoms(new double[] {0, 1}, new double[] {0.5, 0.5}).cauchy(new Complex(0, 1)),
                new Complex(-0.25, -0.75));
        // Poles: an atom on the axis, the edge of the arcsine law, Marchenko–Pastur's atom at 0.
        assertThat(Laws.atoms(new double[] {0, 1}, new double[] {0.5, 0.5}).cauchy(new Complex(1, 0)).isInfinite())
                .isTrue();
        assertThat(Laws.arcsine(-1, 1).cauchy(new Complex(1, 0)).isInfinite()).isTrue();
    }

    static void assertClose(Complex actual, Complex expected) {
        assertThat(actual.subtract(expected).norm()).as("%s against %s", actual, expected)
                .isLessThanOrEqualTo(4 * EPS * expected.norm());
    }

    /** Bad batches fail before any point is evaluated, naming the point or the lengths. */
    @Test
    void badBatchesFailWithThePointOrTheLengths() {
        Measure law = Laws.semicircle(1);
        assertThatThrownBy(() -> law.cauchy(new double[] {0, Double.NaN}, new double[] {1, 1}, new double[2],
                new double[2])).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("z[1]")
                .hasMessageContaining("NaN");
        assertThatThrownBy(() -> law.cauchy(new double[] {0, 1}, new double[] {1}, new double[2], new double[2]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("equal lengths");
        assertThatThrownBy(() -> law.cauchy(new Complex[] {new Complex(1, Double.POSITIVE_INFINITY)}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("z[0]");
    }
}
