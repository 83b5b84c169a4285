package io.github.freeprob.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Unit tests of the samplers: exact identities, and moments against closed forms with stated fluctuation bounds. */
class EnsemblesTest {

    static LongStream seeds() {
        return LongStream.range(0, 5);
    }

    private static double[] moments(double[] e, int k) {
        double[] m = new double[k + 1];
        for (double x : e) {
            double p = 1;
            for (int j = 0; j <= k; j++) {
                m[j] += p / e.length;
                p *= x;
            }
        }
        return m;
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void haarMatricesAreOrthogonal(long seed) {
        int n = 60;
        Matrix o = Ensembles.haarOrthogonal(n, new SplittableRandom(seed));
        Matrix gram = o.transpose().multiply(o);
        // OᵀO = I to rounding: Householder QR is backward stable, error O(n·eps) per entry.
        assertThat(gram.add(Matrix.identity(n).scale(-1)).frobeniusNorm()).as("seed %d", seed).isLessThan(1e-12);
        assertThat(o.multiplyTransposed(o).add(Matrix.identity(n).scale(-1)).frobeniusNorm()).isLessThan(1e-12);
    }

    @Test
    void haarTracesHaveTheMomentsOfTheHaarMeasure() {
        // For Haar O in O(n), n ≥ 2: E tr O = 0 and E (tr O)² = 1 (Diaconis and Shahshahani 1994). Over S = 400
        // draws the sample means have standard deviations about 1/√S = 0.05 and √2/√S = 0.07 (tr O is nearly N(0,1));
        // the bounds are 5 of them. A Q without the sign(R_jj) fix has E tr Q far from 0 and fails.
        SplittableRandom random = new SplittableRandom(11);
        int draws = 400;
        double mean = 0;
        double square = 0;
        for (int s = 0; s < draws; s++) {
            double t = Matrix.identity(8).multiply(Ensembles.haarOrthogonal(8, random)).normalizedTrace() * 8;
            mean += t / draws;
            square += t * t / draws;
        }
        assertThat(mean).isCloseTo(0, within(0.25));
        assertThat(square).isCloseTo(1, within(0.35));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void goeMomentsMatchTheSemicircle(long seed) {
        // E (1/n) tr A² = v(n+1)/n exactly; sd of (1/n) tr A² ≈ 2v/n (sum of independent squared Gaussians).
        // (1/n) tr A⁴ → 2v² (Catalan number C₂) with bias and fluctuations O(1/n) (E = 2v² + O(v²/n)).
        // Bounds: 5 sd for m₂; for m₄, 40 v²/n: the bias is 5v²/n and the measured spread over seeds of
        // n·|m̂₄ − 2v²|/v² reached 23 (seed 1), the linear statistic x⁴ having a large O(1/n) variance constant.
        int n = 300;
        double v = 1.7;
        double[] e = Ensembles.goe(n, v, new SplittableRandom(seed)).symmetricEigenvalues();
        double[] m = moments(e, 4);
        assertThat(m[2]).as("seed %d", seed).isCloseTo(v * (n + 1) / n, within(10 * v / n));
        assertThat(m[4]).as("seed %d", seed).isCloseTo(2 * v * v, within(40 * v * v / n));
        assertThat(e[n - 1]).isCloseTo(2 * Math.sqrt(v), within(2 * Math.sqrt(v) * 0.1));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void wishartMomentsMatchMarchenkoPastur(long seed) {
        // W = X Xᵀ/m, X n×m standard Gaussian: E (1/n) tr W = 1, Var = 2/(nm); E (1/n) tr W² = 1 + n/m + 1/m
        // (Wishart moments, e.g. Bai and Silverstein 2010, Lemma 3.1), with sd O(1/n). Bounds: 5 sd and 10/n.
        for (double ratio : new double[] {0.5, 2}) {
            int n = 300;
            int m = Ensembles.wishartColumns(n, ratio);
            double[] e = Ensembles.wishart(n, ratio, new SplittableRandom(seed)).symmetricEigenvalues();
            double[] mom = moments(e, 2);
            assertThat(mom[1]).as("ratio %s seed %d", ratio, seed).isCloseTo(1, within(5 * Math.sqrt(2.0 / n / m)));
            assertThat(mom[2]).isCloseTo(1 + (double) n / m + 1.0 / m, within(10.0 * (1 + ratio) / n));
            if (ratio > 1) {
                // rank m: exactly n − m zero eigenvalues (to rounding).
                long zeros = Arrays.stream(e).filter(x -> Math.abs(x) < 1e-10).count();
                assertThat(zeros).isEqualTo(n - m);
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void rotatedDiagonalsKeepTheirEigenvalues(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] x = new double[50];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextDouble(-3, 3);
        }
        double[] e = Ensembles.withEigenvalues(x, random).symmetricEigenvalues();
        double[] sorted = x.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < x.length; i++) {
            assertThat(e[i]).isCloseTo(sorted[i], within(1e-12 * 50));
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void freeSumAndProductAreExactForTrivialPartners(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int n = 40;
        double[] a = new double[n];
        double[] ones = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = random.nextDouble(0, 2);
            ones[i] = 1;
        }
        double[] sorted = a.clone();
        Arrays.sort(sorted);
        // O I Oᵀ = I: A + I and √A I √A = A, whatever O.
        double[] sum = Ensembles.freeSum(a, ones, random).symmetricEigenvalues();
        double[] product = Ensembles.freeProduct(a, ones, random).symmetricEigenvalues();
        for (int i = 0; i < n; i++) {
            assertThat(sum[i]).isCloseTo(sorted[i] + 1, within(1e-12 * n));
            assertThat(product[i]).isCloseTo(sorted[i], within(1e-12 * n));
        }
        // traces: tr(A + OBOᵀ) = tr A + tr B.
        double[] b = a.clone();
        double traceA = Arrays.stream(a).sum();
        assertThat(Arrays.stream(Ensembles.freeSum(a, b, random).symmetricEigenvalues()).sum())
                .isCloseTo(2 * traceA, within(1e-10 * n));
    }

    @Test
    void sameSeedSameMatrix() {
        assertThat(Ensembles.goe(30, 1, new SplittableRandom(3)).toArray())
                .containsExactly(Ensembles.goe(30, 1, new SplittableRandom(3)).toArray());
    }

    @Test
    void badInputIsRejectedWithTheValue() {
        SplittableRandom random = new SplittableRandom(1);
        assertThatThrownBy(() -> Ensembles.goe(10, -1, random)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("variance").hasMessageContaining("-1.0");
        assertThatThrownBy(() -> Ensembles.wishart(10, Double.NaN, random))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ratio");
        assertThatThrownBy(() -> Ensembles.haarOrthogonal(0, random)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rows");
        assertThatThrownBy(() -> Ensembles.freeProduct(new double[] {-1, 1}, new double[] {1, 1}, random))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1.0");
        assertThatThrownBy(() -> Ensembles.freeSum(new double[] {1}, new double[] {1, 1}, random))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("same length");
        assertThatThrownBy(() -> SymmetricEigenvalues.of(Matrix.of(2, 2, new double[] {1, 2, 3, 4})))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("symmetric");
    }
}
