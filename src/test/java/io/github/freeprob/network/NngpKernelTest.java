package io.github.freeprob.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import io.github.freeprob.numerics.GaussianIntegrals;
import java.util.List;
import java.util.function.DoubleBinaryOperator;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The NNGP kernel Σ^{L+1} and its posterior. Expected numbers come from: the closed forms of E[φ(u)φ(v)] (arc-cosine
 * kernel for relu, Cho and Saul 2009; arc-sine kernel for erf, Williams 1997) against independent two-dimensional
 * quadrature; hand-derived values (independent Gaussians, relu's homogeneity, the linear network's geometric sums,
 * arcsin(½) = π/6); the one-input mean-field recursion of {@link MeanField}; and a direct LU solve of the Gaussian
 * process equations. Property tests draw inputs from fixed seeds ({@link SplittableRandom} as a
 * {@link RandomGenerator}); every message carries the seed.
 */
class NngpKernelTest {

    private static final double EPS = Math.ulp(1.0);

    static Stream<Activation> activations() {
        return Activation.builtIns().stream();
    }

    static Stream<Long> seeds() {
        return LongStream.range(0, 6).boxed();
    }

    private static double[] gaussianVector(RandomGenerator random, int d) {
        double[] x = new double[d];
        for (int i = 0; i < d; i++) {
            x[i] = random.nextGaussian();
        }
        return x;
    }

    private static double[][] gaussianInputs(RandomGenerator random, int n, int d) {
        double[][] x = new double[n][];
        for (int i = 0; i < n; i++) {
            x[i] = gaussianVector(random, d);
        }
        return x;
    }

    private static double normSquaredOverD(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v * v;
        }
        return s / x.length;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The one-layer map E[φ(u)φ(v)]

    static Stream<Arguments> closedFormCases() {
        List<Activation> closed = List.of(Activation.relu(), Activation.erf(), Activation.leakyRelu(-0.3),
                Activation.linear());
        return closed.stream().flatMap(activation -> Stream.concat(
                LongStream.range(0, 3).boxed().map(seed -> {
                    RandomGenerator random = new SplittableRandom(seed);
                    // Variances over six decades, correlations anywhere in [−1, 1].
                    double a = Math.exp(random.nextDouble(-7, 7));
                    double b = Math.exp(random.nextDouble(-7, 7));
                    double rho = random.nextDouble(-1, 1);
                    return Arguments.of(activation, "seed " + seed, a, b, rho);
                }),
                Stream.of(Arguments.of(activation, "rho = 1", 0.8, 0.8, 1.0),
                        Arguments.of(activation, "rho = -1", 1.3, 0.4, -1.0),
                        Arguments.of(activation, "rho near 1", 1.0, 3.0, 1 - 1e-9),
                        Arguments.of(activation, "rho near -1", 5.0, 0.2, -1 + 1e-9))));
    }

    /**
     * The closed forms against the two-dimensional Gauss–Legendre rule of {@link GaussianIntegrals}, called here
     * directly on φ(u)φ(v). The rule is at rounding level for these integrands: erf is entire, and relu, leaky relu
     * and linear are polynomial on each panel once the rule is cut at the kink (0, and where v crosses 0), so only the
     * Gaussian weight is approximated, on panels no wider than σ with 24 points; the 10σ cut loses 1.5·10⁻²³. The
     * quadrature sums ~10⁵ terms (rounding ~10⁻¹⁴ of the Cauchy–Schwarz bound √(E φ(u)² E φ(v)²)), so 10⁻¹² of that
     * bound leaves two orders of margin and would still catch a wrong factor or a sign in any closed form.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("closedFormCases")
    void closedFormsAgreeWithQuadrature(Activation activation, String label, double a, double b, double rho) {
        NngpKernel kernel = NngpKernel.of(activation, 1, 0, 1);
        assertThat(kernel.hasClosedForm()).isTrue();
        double c = rho * Math.sqrt(a * b);
        double quadrature = GaussianIntegrals.expectation(product(activation), a, b, c, activation.kinks());
        double bound = Math.sqrt(secondMoment(activation, a) * secondMoment(activation, b));
        assertThat(kernel.activationCovariance(a, b, c)).as("%s, %s: a = %s, b = %s, rho = %s", activation, label, a,
                b, rho).isCloseTo(quadrature, offset(1e-12 * bound));
    }

    /** (u, v) ↦ φ(u)φ(v), keeping φ of the last u (the rule's inner loop runs at fixed u): half the evaluations. */
    private static DoubleBinaryOperator product(Activation activation) {
        double[] last = {Double.NaN, Double.NaN};
        return (u, v) -> {
            if (u != last[0]) {
                last[0] = u;
                last[1] = activation.value(u);
            }
            return last[1] * activation.value(v);
        };
    }

    private static double secondMoment(Activation activation, double q) {
        return GaussianIntegrals.expectation(h -> activation.value(h) * activation.value(h), q, activation.kinks());
    }

    /** Hand-checkable values of E[φ(u)φ(v)]; the tolerances are a few ulps of the value's scale. */
    @Test
    void oneLayerMapHasKnownValues() {
        NngpKernel relu = NngpKernel.of(Activation.relu(), 1, 0, 1);
        // Independent u, v: E[relu u] E[relu v] = √(a/2π) √(b/2π) = √(ab)/(2π).
        assertThat(relu.activationCovariance(2, 8, 0)).isCloseTo(4 / (2 * Math.PI), offset(4 * EPS));
        // u = v: E[relu(u)²] = a/2; u = −v: relu(u) relu(−u) = 0.
        assertThat(relu.activationCovariance(1.5, 1.5, 1.5)).isCloseTo(0.75, offset(4 * EPS));
        assertThat(relu.activationCovariance(1, 1, -1)).isCloseTo(0, offset(4 * EPS));
        // erf at a = b = c = ½: (2/π) arcsin(2·½/(1 + 1)) = (2/π)(π/6) = 1/3.
        NngpKernel erf = NngpKernel.of(Activation.erf(), 1, 0, 1);
        assertThat(erf.activationCovariance(0.5, 0.5, 0.5)).isCloseTo(1.0 / 3, offset(4 * EPS));
        // Degenerate a = 0: u = 0, so E = φ(0) E[φ(v)]; for the logistic function ½ · ½ (σ(v) + σ(−v) = 1, v
        // symmetric). The quadrature is at rounding level for the smooth logistic function.
        NngpKernel sigmoid = NngpKernel.of(Activation.sigmoid(), 1, 0, 1);
        assertThat(sigmoid.hasClosedForm()).isFalse();
        assertThat(sigmoid.activationCovariance(0, 2, 0)).isCloseTo(0.25, offset(1e-15));
        assertThat(sigmoid.activationCovariance(2, 0, 0)).isCloseTo(0.25, offset(1e-15));
        assertThat(relu.activationCovariance(0, 2, 0)).isZero();
        assertThat(erf.activationCovariance(3, 0, 0)).isZero();
    }

    /**
     * A covariance one part in 10¹⁵ past √(ab) (rounding in a propagated kernel) is clipped: the result is the value at
     * ρ = 1, which for relu is a/2 and for erf (2/π) arcsin(2a/(1 + 2a)), and for tanh (quadrature) E[tanh(h)²] as the
     * one-dimensional rule gives it (the clipped pair collapses onto the same nodes, up to ~10⁻¹⁴).
     */
    @Test
    void covarianceJustPastTheCauchySchwarzBoundIsClipped() {
        double c = 1 + 1e-15;
        assertThat(NngpKernel.of(Activation.relu(), 1, 0, 1).activationCovariance(1, 1, c))
                .isCloseTo(0.5, offset(4 * EPS));
        assertThat(NngpKernel.of(Activation.erf(), 1, 0, 1).activationCovariance(1, 1, c))
                .isCloseTo(2 / Math.PI * Math.asin(2.0 / 3), offset(4 * EPS));
        assertThat(NngpKernel.of(Activation.tanh(), 1, 0, 1).activationCovariance(1, 1, c))
                .isCloseTo(secondMoment(Activation.tanh(), 1), offset(1e-14));
    }

    /**
     * Closed forms are used only for the built-in functions: a user-supplied activation named "relu" that is 2·max(0, h)
     * goes to quadrature, and gives 4 times the relu value (√(ab)/(2π) at ρ = 0, so 4·√(2·8)/(2π) = 8/π).
     */
    @Test
    void closedFormsNeedTheBuiltInFunction() {
        Activation impostor = Activation.of("relu", h -> Math.max(0, 2 * h), h -> h > 0 ? 2 : 0);
        NngpKernel kernel = NngpKernel.of(impostor, 1, 0, 1);
        assertThat(kernel.hasClosedForm()).isFalse();
        // Activation.of declares no kink, so the rule is not promised rounding-level accuracy here: the tolerance only
        // needs to tell 8/π ≈ 2.55 (the impostor's value) from 2/π ≈ 0.64 (what the relu closed form would give).
        assertThat(kernel.activationCovariance(2, 8, 0)).isCloseTo(8 / Math.PI, offset(1e-4));
        assertThat(NngpKernel.of(Activation.tanh(), 1, 0, 1).hasClosedForm()).isFalse();
        assertThat(NngpKernel.of(Activation.relu(), 1, 0, 1).hasClosedForm()).isTrue();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Propagation through the layers

    /**
     * relu without bias: E[relu(h)²] = q/2, so Σ^{ℓ+1}(x, x) = σ_w² Σ^ℓ(x, x)/2 and
     * Σ^ℓ(x, x) = σ_w² (σ_w²/2)^{ℓ−1} ‖x‖²/d. A handful of roundings per layer: 10⁻¹⁴ relative.
     */
    @ParameterizedTest
    @MethodSource("seeds")
    void reluWithoutBiasScalesTheDiagonalBySigmaWSquaredOverTwo(long seed) {
        RandomGenerator random = new SplittableRandom(seed);
        double weight = random.nextDouble(0.5, 3);
        double[] x = gaussianVector(random, 5);
        NngpKernel kernel = NngpKernel.of(Activation.relu(), weight, 0, 6);
        double[] layers = kernel.layers(x, x);
        assertThat(layers).hasSize(7);
        for (int l = 1; l <= 7; l++) {
            double expected = weight * Math.pow(weight / 2, l - 1) * normSquaredOverD(x);
            assertThat(layers[l - 1]).as("seed %d, layer %d", seed, l).isCloseTo(expected, offset(1e-14 * expected));
        }
    }

    /**
     * relu without bias is positively homogeneous: every Σ^ℓ(t x, y) = t Σ^ℓ(x, y) for t &gt; 0 (√(ab) scales by t and ρ
     * is unchanged). Tested at t = 4, which is exact in binary, so only the closed form's roundings differ: 10⁻¹³ of
     * the Cauchy–Schwarz bound √(Σ(x, x) Σ(y, y)).
     */
    @ParameterizedTest
    @MethodSource("seeds")
    void reluWithoutBiasIsPositivelyHomogeneous(long seed) {
        RandomGenerator random = new SplittableRandom(seed);
        double[] x = gaussianVector(random, 4);
        double[] y = gaussianVector(random, 4);
        double[] scaled = x.clone();
        for (int i = 0; i < scaled.length; i++) {
            scaled[i] *= 4;
        }
        NngpKernel kernel = NngpKernel.of(Activation.relu(), 2, 0, 5);
        double bound = Math.sqrt(kernel.kernel(x, x) * kernel.kernel(y, y));
        assertThat(kernel.kernel(scaled, y)).as("seed %d", seed)
                .isCloseTo(4 * kernel.kernel(x, y), offset(4e-13 * bound));
    }

    /**
     * The diagonal Σ^ℓ(x, x) is the mean-field variance q^ℓ: {@link MeanField#sequence} from q¹ = σ_w²‖x‖²/d + σ_b²
     * (by one-dimensional quadrature for every activation, closed forms included). Here {@code layers(x, x)} goes
     * through the two-dimensional map at ρ = 1, so this checks that route too. Both are at rounding level and the map
     * contracts or grows mildly at σ_w² = 1.6: 10⁻¹³ relative.
     */
    @ParameterizedTest
    @MethodSource("activations")
    void diagonalIsTheMeanFieldVarianceSequence(Activation activation) {
        double[] x = {0.9, -1.3, 0.4};
        double weight = 1.6;
        double bias = 0.05;
        int depth = 4;
        NngpKernel kernel = NngpKernel.of(activation, weight, bias, depth);
        double q1 = weight * normSquaredOverD(x) + bias;
        double[] expected = new MeanField(activation, weight, bias).sequence(q1, depth + 1);
        double[] layers = kernel.layers(x, x);
        for (int l = 0; l <= depth; l++) {
            assertThat(layers[l]).as("%s, layer %d", activation, l + 1)
                    .isCloseTo(expected[l], offset(1e-13 * expected[l]));
        }
        assertThat(kernel.kernel(x, x)).isEqualTo(layers[depth]);
        assertThat(kernel.matrix(new double[][] {x})[0][0]).as("%s, matrix diagonal", activation)
                .isCloseTo(expected[depth], offset(1e-13 * expected[depth]));
    }

    /**
     * Orthogonal inputs x = (1, 1), y = (1, −1) (d = 2: K⁰(x, x) = 1, K⁰(x, y) = 0), relu, σ_w² = 2, σ_b² = 0, one
     * hidden layer: Σ¹ = [[2, 0], [0, 2]], so u, v are independent and K¹(x, y) = E[relu u]² = 2/(2π) = 1/π; the
     * kernel is Σ²(x, y) = 2/π, and Σ²(x, x) = 2·(2/2) = 2. A few roundings: 4 ulps.
     */
    @Test
    void reluOnOrthogonalInputsHasTheIndependentValue() {
        NngpKernel kernel = NngpKernel.of(Activation.relu(), 2, 0, 1);
        double[] x = {1, 1};
        double[] y = {1, -1};
        assertThat(kernel.layers(x, y)[0]).isZero();
        assertThat(kernel.kernel(x, y)).isCloseTo(2 / Math.PI, offset(4 * EPS));
        assertThat(kernel.kernel(x, x)).isCloseTo(2, offset(8 * EPS));
    }

    /**
     * erf with σ_w² = 1, σ_b² = 0 and ‖x‖²/d = ½: Σ¹(x, x) = ½, so Σ²(x, x) = E[erf(h)²] = (2/π) arcsin(½) = 1/3.
     * Depth 0 is the linear model σ_w² x·y/d + σ_b².
     */
    @Test
    void erfAndDepthZeroHaveKnownValues() {
        double[] x = {1, 0};
        assertThat(NngpKernel.of(Activation.erf(), 1, 0, 1).kernel(x, x)).isCloseTo(1.0 / 3, offset(4 * EPS));
        double[] y = {3, -2};
        assertThat(NngpKernel.of(Activation.tanh(), 1.5, 0.25, 0).kernel(x, y)).isEqualTo(1.5 * 3 / 2 + 0.25);
    }

    /**
     * The linear network: K^ℓ = Σ^ℓ, so Σ^{L+1}(x, y) = σ_w^{2(L+1)} x·y/d + σ_b² Σ_{k=0}^{L} σ_w^{2k}, a geometric
     * sum. Rounding of ~L ulps per term: 10⁻¹⁴ of the scale √(Σ(x, x) Σ(y, y)).
     */
    @ParameterizedTest
    @MethodSource("seeds")
    void linearNetworkIsAGeometricSum(long seed) {
        RandomGenerator random = new SplittableRandom(seed);
        double weight = random.nextDouble(0.5, 1.5);
        double bias = random.nextDouble(0, 1);
        int depth = random.nextInt(0, 8);
        double[] x = gaussianVector(random, 3);
        double[] y = gaussianVector(random, 3);
        double dot = (x[0] * y[0] + x[1] * y[1] + x[2] * y[2]) / 3;
        double expected = Math.pow(weight, depth + 1) * dot;
        for (int k = 0; k <= depth; k++) {
            expected += bias * Math.pow(weight, k);
        }
        NngpKernel kernel = NngpKernel.of(Activation.linear(), weight, bias, depth);
        double scale = Math.sqrt(kernel.kernel(x, x) * kernel.kernel(y, y));
        assertThat(kernel.kernel(x, y)).as("seed %d", seed).isCloseTo(expected, offset(1e-14 * scale));
    }

    /**
     * One layer of the kernel at the fixed point is the mean-field correlation map: with Σ¹(x, x) = Σ¹(y, y) = q* and
     * Σ¹(x, y) = ρ q*, Σ²(x, y)/q* = (σ_w² E[φ(u)φ(v)] + σ_b²)/q* = {@link MeanField#correlationMap}(ρ). tanh goes
     * through quadrature on both sides (c q* there, a propagated covariance here); q* itself is converged to 10⁻¹⁴,
     * so 10⁻¹³.
     */
    @Test
    void oneLayerAtTheFixedPointIsTheCorrelationMap() {
        double weight = 1.5;
        double bias = 0.1;
        MeanField field = new MeanField(Activation.tanh(), weight, bias);
        double qStar = field.fixedPoint();
        double r = (qStar - bias) / weight;
        double alpha = 0.3;
        double beta = 2.1;
        double[] x = {Math.sqrt(2 * r) * Math.cos(alpha), Math.sqrt(2 * r) * Math.sin(alpha)};
        double[] y = {Math.sqrt(2 * r) * Math.cos(beta), Math.sqrt(2 * r) * Math.sin(beta)};
        NngpKernel kernel = NngpKernel.of(Activation.tanh(), weight, bias, 1);
        double[] layers = kernel.layers(x, y);
        double rho = layers[0] / qStar;
        assertThat(rho).isCloseTo((weight * r * Math.cos(alpha - beta) + bias) / qStar, offset(1e-14));
        assertThat(layers[1] / qStar).isCloseTo(field.correlationMap(rho), offset(1e-13));
    }

    /**
     * relu and erf (closed forms) over six seeds; tanh and swish (quadrature, ~10 ms a layer and pair) over one, with
     * fewer inputs, to keep the class fast.
     */
    static Stream<Arguments> matrixCases() {
        return Stream.concat(
                Stream.of(Activation.relu(), Activation.erf()).flatMap(activation -> seeds()
                        .map(seed -> Arguments.of(activation, seed, 6))),
                Stream.of(Activation.tanh(), Activation.swish()).map(activation -> Arguments.of(activation, 0L, 4)));
    }

    /**
     * A kernel matrix is a covariance matrix: exactly symmetric (each pair is computed once) and positive
     * semi-definite, its smallest eigenvalue ≥ −10⁻¹² of its largest (entries carry ~10⁻¹⁴ relative rounding, which can
     * move an eigenvalue by that much of the norm, never 10⁻¹²). Its entries are {@code kernel(x_i, x_j)} and the
     * cross matrix of the inputs with themselves (closed forms only, for time; its diagonal goes by the
     * two-dimensional route at ρ = 1: 10⁻¹³).
     */
    @ParameterizedTest(name = "{0} seed {1}")
    @MethodSource("matrixCases")
    void kernelMatrixIsSymmetricPositiveSemiDefinite(Activation activation, long seed, int n) {
        RandomGenerator random = new SplittableRandom(seed);
        double[][] inputs = gaussianInputs(random, n, 3);
        NngpKernel kernel = NngpKernel.of(activation, random.nextDouble(0.8, 2.5), random.nextDouble(0, 0.5), 3);
        double[][] matrix = kernel.matrix(inputs);
        double[][] cross = kernel.hasClosedForm() ? kernel.matrix(inputs, inputs) : matrix;
        for (int i = 0; i < inputs.length; i++) {
            for (int j = 0; j < inputs.length; j++) {
                assertThat(matrix[i][j]).as("%s seed %d (%d, %d)", activation, seed, i, j).isEqualTo(matrix[j][i]);
                double scale = Math.sqrt(matrix[i][i] * matrix[j][j]);
                assertThat(cross[i][j]).as("%s seed %d cross (%d, %d)", activation, seed, i, j)
                        .isCloseTo(matrix[i][j], offset(1e-13 * scale));
            }
        }
        assertThat(matrix[0][1]).isEqualTo(kernel.kernel(inputs[0], inputs[1]));
        double[] eigenvalues = new EigenDecompositionSymmetric(MatrixUtils.createRealMatrix(matrix)).getEigenvalues();
        double largest = eigenvalues[0];
        double smallest = eigenvalues[eigenvalues.length - 1];
        assertThat(smallest).as("%s seed %d: eigenvalues from %s to %s", activation, seed, smallest, largest)
                .isGreaterThanOrEqualTo(-1e-12 * largest);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Posterior

    /**
     * Without noise the posterior interpolates: at a training input x_i, m = (K K⁻¹ Y)_i = Y_i and v = K_ii − K_ii = 0.
     * A backward-stable Cholesky solve leaves a residual ≲ n ε cond(K) ‖Y‖∞ in m (and n ε cond(K) K_ii in v); the
     * tolerance is 10 times that, with cond(K) computed here from the eigenvalues. Away from the data
     * 0 ≤ v ≤ Σ(x*, x*) (the prior variance).
     */
    @ParameterizedTest
    @MethodSource("seeds")
    void posteriorInterpolatesWithoutNoise(long seed) {
        RandomGenerator random = new SplittableRandom(seed);
        int n = 6;
        double[][] train = gaussianInputs(random, n, 4);
        double[] targets = gaussianVector(random, n);
        double[][] test = gaussianInputs(random, 5, 4);
        NngpKernel kernel = NngpKernel.of(seed % 2 == 0 ? Activation.relu() : Activation.erf(), 1.8, 0.2, 2);
        double[] eigenvalues = new EigenDecompositionSymmetric(MatrixUtils.createRealMatrix(kernel.matrix(train)))
                .getEigenvalues();
        double cond = eigenvalues[0] / eigenvalues[n - 1];
        double yMax = 0;
        for (double t : targets) {
            yMax = Math.max(yMax, Math.abs(t));
        }
        NngpPosterior atData = kernel.posterior(train, targets, train, 0);
        assertThat(atData.size()).isEqualTo(n);
        for (int i = 0; i < n; i++) {
            double prior = kernel.kernel(train[i], train[i]);
            assertThat(atData.mean(i)).as("seed %d, cond %s, mean at x_%d", seed, cond, i)
                    .isCloseTo(targets[i], offset(10 * n * EPS * cond * yMax));
            assertThat(atData.variance(i)).as("seed %d, cond %s, variance at x_%d", seed, cond, i)
                    .isBetween(0.0, 10 * n * EPS * cond * prior);
        }
        NngpPosterior away = kernel.posterior(train, targets, test, 0);
        for (int t = 0; t < test.length; t++) {
            assertThat(away.variance(t)).as("seed %d, test %d", seed, t)
                    .isBetween(0.0, kernel.kernel(test[t], test[t]));
        }
    }

    /**
     * One-dimensional data (d = 1) against a direct solve of m = k*ᵀ (K + σ_n² I)⁻¹ Y and
     * v = Σ(x*, x*) − k*ᵀ (K + σ_n² I)⁻¹ k* by LU decomposition, with K built entry by entry from {@code kernel}.
     * With σ_n² = 10⁻² the matrix is well conditioned (cond ≤ (λ_max + σ_n²)/σ_n² ≈ 10³): both solves agree to
     * ~10³ ε relative; 10⁻¹¹ of the scale.
     */
    @Test
    void posteriorOnOneDimensionalDataMatchesADirectSolve() {
        double[] xs = {-1.5, -0.4, 0.3, 1.1, 2.0};
        double[][] train = new double[xs.length][];
        double[] targets = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            train[i] = new double[] {xs[i]};
            targets[i] = Math.sin(2 * xs[i]);
        }
        double[][] test = {{-2.2}, {0}, {0.7}, {3.5}};
        double noise = 1e-2;
        for (NngpKernel kernel : List.of(NngpKernel.of(Activation.erf(), 2.0, 0.3, 3),
                NngpKernel.of(Activation.relu(), 1.7, 0.4, 2))) {
            RealMatrix gram = MatrixUtils.createRealMatrix(xs.length, xs.length);
            for (int i = 0; i < xs.length; i++) {
                for (int j = 0; j < xs.length; j++) {
                    gram.setEntry(i, j, kernel.kernel(train[i], train[j]) + (i == j ? noise : 0));
                }
            }
            LUDecomposition lu = new LUDecomposition(gram);
            RealVector alpha = lu.getSolver().solve(MatrixUtils.createRealVector(targets));
            NngpPosterior posterior = kernel.posterior(train, targets, test, noise);
            for (int t = 0; t < test.length; t++) {
                RealVector cross = MatrixUtils.createRealVector(new double[xs.length]);
                for (int i = 0; i < xs.length; i++) {
                    cross.setEntry(i, kernel.kernel(test[t], train[i]));
                }
                double prior = kernel.kernel(test[t], test[t]);
                double mean = cross.dotProduct(alpha);
                double variance = prior - cross.dotProduct(lu.getSolver().solve(cross));
                assertThat(posterior.mean(t)).as("%s at %s", kernel, test[t][0])
                        .isCloseTo(mean, offset(1e-11 * (1 + Math.abs(mean))));
                assertThat(posterior.variance(t)).as("%s at %s", kernel, test[t][0])
                        .isCloseTo(variance, offset(1e-11 * prior));
            }
        }
    }

    /**
     * One training point, by hand: m = k(x*, x₁) y₁/(k₁₁ + σ_n²), v = k(x*, x*) − k(x*, x₁)²/(k₁₁ + σ_n²). A few
     * roundings: 10⁻¹⁵ of the scale.
     */
    @Test
    void posteriorWithOneTrainingPointIsAScalarRegression() {
        NngpKernel kernel = NngpKernel.of(Activation.swish(), 1.4, 0.1, 2);
        double[] x1 = {0.5, -0.2};
        double[] star = {-0.3, 0.8};
        double y1 = 1.7;
        double noise = 0.05;
        double k11 = kernel.kernel(x1, x1);
        double k1s = kernel.kernel(star, x1);
        double kss = kernel.kernel(star, star);
        NngpPosterior posterior = kernel.posterior(new double[][] {x1}, new double[] {y1}, new double[][] {star},
                noise);
        assertThat(posterior.mean(0)).isCloseTo(k1s * y1 / (k11 + noise), offset(1e-15));
        assertThat(posterior.variance(0)).isCloseTo(kss - k1s * k1s / (k11 + noise), offset(1e-15));
        assertThat(posterior.standardDeviation(0)).isEqualTo(Math.sqrt(posterior.variance(0)));
    }

    /** The posterior copies its arrays in and out. */
    @Test
    void posteriorIsImmutable() {
        double[] mean = {1, 2};
        double[] variance = {0.1, 0.2};
        NngpPosterior posterior = NngpPosterior.of(mean, variance);
        mean[0] = 99;
        posterior.mean()[1] = 99;
        posterior.variance()[0] = 99;
        assertThat(posterior.mean()).containsExactly(1, 2);
        assertThat(posterior.variance()).containsExactly(0.1, 0.2);
        assertThat(posterior.size()).isEqualTo(2);
        assertThat(kernelWithNoTestInputs().size()).isZero();
    }

    private static NngpPosterior kernelWithNoTestInputs() {
        return NngpKernel.of(Activation.relu(), 2, 0.1, 1).posterior(new double[][] {{1, 0}}, new double[] {1},
                new double[0][], 0);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Misuse

    @Test
    void badParametersFailWithNameAndValue() {
        Activation relu = Activation.relu();
        assertThatThrownBy(() -> NngpKernel.of(relu, Double.NaN, 0.1, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sigma_w^2").hasMessageContaining("NaN");
        assertThatThrownBy(() -> NngpKernel.of(relu, 1, -0.1, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sigma_b^2").hasMessageContaining("-0.1");
        assertThatThrownBy(() -> NngpKernel.of(relu, 1, Double.NaN, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sigma_b^2").hasMessageContaining("NaN");
        assertThatThrownBy(() -> NngpKernel.of(relu, 1, 0.1, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("depth L").hasMessageContaining("-1");
        assertThatThrownBy(() -> NngpKernel.of(null, 1, 0.1, 1)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("activation");
        NngpKernel kernel = NngpKernel.of(relu, 1, 0.1, 2);
        assertThatThrownBy(() -> kernel.activationCovariance(-1, 1, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("variance a").hasMessageContaining("-1.0");
        assertThatThrownBy(() -> kernel.activationCovariance(1, 1, Double.NaN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("covariance c");
    }

    @Test
    void badInputsFailWithNameAndValue() {
        NngpKernel kernel = NngpKernel.of(Activation.erf(), 1, 0.1, 2);
        assertThatThrownBy(() -> kernel.kernel(new double[] {1, 2}, new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("input y")
                .hasMessageContaining("d = 2").hasMessageContaining("dimension 1");
        assertThatThrownBy(() -> kernel.kernel(new double[] {1, Double.NaN}, new double[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x[1]").hasMessageContaining("NaN");
        assertThatThrownBy(() -> kernel.kernel(new double[0], new double[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("input x").hasMessageContaining("empty");
        assertThatThrownBy(() -> kernel.matrix(new double[][] {{1, 2}, {3}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("inputs[1]")
                .hasMessageContaining("dimension 1");
        assertThatThrownBy(() -> kernel.matrix(new double[0][]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("inputs").hasMessageContaining("empty");
        assertThatThrownBy(() -> kernel.matrix(new double[][] {{1, 2}}, new double[][] {{1, 2, 3}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("columns[0]")
                .hasMessageContaining("d = 2");
        double[][] train = {{1, 0}, {0, 1}};
        assertThatThrownBy(() -> kernel.posterior(train, new double[] {1}, train, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("trainY")
                .hasMessageContaining("(2)").hasMessageContaining("had 1");
        assertThatThrownBy(() -> kernel.posterior(train, new double[] {1, Double.POSITIVE_INFINITY}, train, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("trainY[1]")
                .hasMessageContaining("Infinity");
        assertThatThrownBy(() -> kernel.posterior(train, new double[] {1, 2}, train, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sigma_n^2")
                .hasMessageContaining("-1.0");
        assertThatThrownBy(() -> kernel.posterior(train, new double[] {1, 2}, new double[][] {{1}}, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("testX[0]");
    }

    /**
     * A repeated training input without noise makes K(X, X) singular: a clear error. With noise σ_n² the same data is
     * fine: two observations 1 and 2 at one input act as one observation 1.5 with noise σ_n²/2, so at σ_n² = 10⁻⁶ the
     * mean there is 1.5 up to O(σ_n²/K) ~ 10⁻⁶ (K ~ 1 here); 10⁻⁵ allows for the other point's conditioning.
     */
    @Test
    void repeatedTrainingInputsNeedNoise() {
        NngpKernel kernel = NngpKernel.of(Activation.relu(), 2, 0.1, 2);
        double[][] train = {{1, 0}, {0.5, 0.5}, {1, 0}};
        double[] targets = {1, 0, 2};
        assertThatThrownBy(() -> kernel.posterior(train, targets, train, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not positive definite")
                .hasMessageContaining("noise variance > 0");
        NngpPosterior posterior = kernel.posterior(train, targets, new double[][] {{1, 0}}, 1e-6);
        assertThat(posterior.mean(0)).isCloseTo(1.5, offset(1e-5));
    }

    /** relu with σ_w² = 4 doubles the variance per layer: 2^2000 overflows, and says so. */
    @Test
    void explodingVarianceIsReported() {
        NngpKernel kernel = NngpKernel.of(Activation.relu(), 4, 0, 2000);
        assertThatThrownBy(() -> kernel.kernel(new double[] {1}, new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("overflows")
                .hasMessageContaining("exploding");
    }
}
