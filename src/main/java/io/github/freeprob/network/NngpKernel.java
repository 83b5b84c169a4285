package io.github.freeprob.network;

import io.github.freeprob.numerics.Checks;
import io.github.freeprob.numerics.GaussianIntegrals;
import java.util.Objects;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import org.hipparchus.exception.MathIllegalArgumentException;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.special.Erf;

/**
 * The neural-network Gaussian-process (NNGP) kernel of a multilayer perceptron at initialisation in the limit of
 * infinite width (Neal 1996 for one hidden layer; Lee et al., "Deep neural networks as Gaussian processes", ICLR
 * 2018, §2.3, for depth L), in the conventions of {@code docs/conventions.md}: h_ℓ = W_ℓ x_{ℓ−1} + b_ℓ,
 * x_ℓ = φ(h_ℓ), weights of variance σ_w²/N (Gaussian, or σ_w·Haar: the kernel is the same), biases N(0, σ_b²).
 *
 * <p><b>Definition.</b> For inputs x, x′ ∈ ℝ^d and a network with L ≥ 0 hidden layers:
 * <ul>
 *   <li>K⁰(x, x′) = x·x′/d;</li>
 *   <li>Σ^ℓ(x, x′) = σ_w² K^{ℓ−1}(x, x′) + σ_b², ℓ = 1, …, L + 1: the covariance of the entries of h_ℓ(x) and
 *       h_ℓ(x′), so that Σ^ℓ(x, x) is the mean-field variance q^ℓ (q¹ = σ_w²‖x‖²/d + σ_b²) of {@link MeanField};</li>
 *   <li>K^ℓ(x, x′) = E[φ(u)φ(v)] for (u, v) ~ N(0, [[Σ^ℓ(x, x), Σ^ℓ(x, x′)], [Σ^ℓ(x, x′), Σ^ℓ(x′, x′)]]),
 *       ℓ = 1, …, L: the limit of x_ℓ(x)·x_ℓ(x′)/N.</li>
 * </ul>
 * {@link #kernel(double[], double[])} returns <b>Σ^{L+1}(x, x′) = σ_w² K^L(x, x′) + σ_b²</b>, the covariance of the
 * (linear) readout h_{L+1} = W_{L+1} x_L + b_{L+1} of the last hidden layer: the Gaussian process that the network's
 * output converges to. Depth 0 is the linear model, Σ¹ = σ_w² x·x′/d + σ_b².
 *
 * <p><b>Other papers' indices.</b> Lee et al. write K^l for the covariance of their pre-activations z^l, with z⁰ the
 * first one and z^L the output of a network with L hidden layers: their K^l is our Σ^{l+1}, and their output kernel
 * K^L is our {@code kernel}. The seed notes write (h_ℓ, h′_ℓ) ~ N(0, σ_w² K_ℓ + σ_b²) with K_ℓ the second moment of
 * the activations x_ℓ; with h_ℓ = W_ℓ x_{ℓ−1} that covariance belongs to h_{ℓ+1}, i.e. their K_ℓ is our K^ℓ.
 *
 * <p><b>Algorithm.</b> Each pair (x, x′) carries the three numbers (Σ(x, x), Σ(x′, x′), Σ(x, x′)) through the layers
 * ({@link #matrix} computes each input's diagonal sequence once). E[φ(u)φ(v)] is taken in closed form where there is
 * one ({@link #activationCovariance}): the arc-cosine kernel for relu and leaky relu (Cho and Saul, "Kernel methods for
 * deep learning", NIPS 2009, the degree-1 kernel), the arc-sine kernel for erf (Williams, "Computing with infinite
 * networks", NIPS 1997), and Σ(x, x′) itself for the linear activation; otherwise by the two-dimensional Gauss–Legendre
 * rule of {@link GaussianIntegrals}, cut at the activation's kinks. The closed forms are used only for the built-in
 * activations of those names, recognised by name and by their values at a few probe points (so a user-supplied
 * activation called "relu" that is not max(0, h) falls back to quadrature).
 *
 * <p>Immutable and thread-safe.
 */
public final class NngpKernel {

    /**
     * A pivot of the Cholesky factorisation of K(X, X) + σ_n² I below this multiple of its largest diagonal entry
     * makes the matrix singular to working precision: kernel entries carry relative rounding of 10⁻¹⁵ (closed forms)
     * to 10⁻¹⁴ (quadrature), so a smaller pivot is rounding noise and the solve would amplify it without bound.
     */
    static final double PIVOT_THRESHOLD = 1e-13;

    /** Points at which a built-in activation with a closed form is checked to be the function of its name. */
    private static final double[] PROBES = {-2.5, -0.7, 0, 0.3, 1.9};

    /** How E[φ(u)φ(v)] is computed. */
    private enum Form {
        LINEAR, RELU, LEAKY_RELU, ERF, QUADRATURE
    }

    private final Activation activation;
    private final double weightVariance;
    private final double biasVariance;
    private final int depth;
    private final Form form;
    /** The negative-side slope α of leaky relu (0 for relu, unused otherwise). */
    private final double slope;
    private final double[] kinks;

    private NngpKernel(Activation activation, double weightVariance, double biasVariance, int depth) {
        this.activation = Objects.requireNonNull(activation, "activation");
        this.weightVariance = Checks.positive("sigma_w^2", weightVariance);
        this.biasVariance = Checks.nonNegative("sigma_b^2", biasVariance);
        this.depth = Checks.atLeast("depth L", depth, 0);
        this.kinks = activation.kinks();
        this.slope = activation.isHomogeneous() ? activation.derivative(-1.0) : 0;
        this.form = recognise(activation, slope);
    }

    /**
     * @param activation     φ
     * @param weightVariance σ_w² &gt; 0
     * @param biasVariance   σ_b² ≥ 0
     * @param depth          L ≥ 0, the number of hidden layers (0: the linear model)
     * @return the NNGP kernel Σ^{L+1} of that network
     * @throws IllegalArgumentException naming the parameter, if σ_w² is not positive and finite, σ_b² not
     *                                  non-negative and finite, or L &lt; 0
     * @throws NullPointerException     if {@code activation} is null
     */
    public static NngpKernel of(Activation activation, double weightVariance, double biasVariance, int depth) {
        return new NngpKernel(activation, weightVariance, biasVariance, depth);
    }

    private static Form recognise(Activation activation, double slope) {
        String name = activation.name();
        if (name.equals("linear") && matches(activation, h -> h)) {
            return Form.LINEAR;
        }
        if (name.equals("relu") && matches(activation, h -> Math.max(0, h))) {
            return Form.RELU;
        }
        if (name.startsWith("leaky_relu(") && matches(activation, h -> h > 0 ? h : slope * h)) {
            return Form.LEAKY_RELU;
        }
        if (name.equals("erf") && matches(activation, Erf::erf)) {
            return Form.ERF;
        }
        return Form.QUADRATURE;
    }

    private static boolean matches(Activation activation, DoubleUnaryOperator reference) {
        for (double h : PROBES) {
            if (activation.value(h) != reference.applyAsDouble(h)) {
                return false;
            }
        }
        return true;
    }

    /** @return φ */
    public Activation activation() {
        return activation;
    }

    /** @return σ_w² */
    public double weightVariance() {
        return weightVariance;
    }

    /** @return σ_b² */
    public double biasVariance() {
        return biasVariance;
    }

    /** @return L, the number of hidden layers */
    public int depth() {
        return depth;
    }

    /**
     * @return whether E[φ(u)φ(v)] is taken in closed form (built-in linear, relu, leaky relu and erf) rather than by
     *         quadrature
     */
    public boolean hasClosedForm() {
        return form != Form.QUADRATURE;
    }

    /**
     * The activation covariance E[φ(u)φ(v)] for a centred Gaussian pair (u, v) with variances a, b and covariance c:
     * the map K^ℓ = F(Σ^ℓ) of one layer.
     *
     * <p>Closed forms, with ρ = c/√(ab) = cos θ, θ ∈ [0, π]:
     * <ul>
     *   <li>linear: c;</li>
     *   <li>relu: √(ab)/(2π) · (sin θ + (π − θ) cos θ) (Cho and Saul 2009, arc-cosine kernel of degree 1, whose
     *       normalisation is twice this expectation); at c = 0 it is √(ab)/(2π) = E[relu(u)] E[relu(v)];</li>
     *   <li>leaky relu with slope α: φ(h) = relu(h) − α relu(−h) gives (1 + α²) k(c) − 2α k(−c), k the relu form;</li>
     *   <li>erf (φ(h) = erf(h), unscaled): (2/π) arcsin(2c/√((1 + 2a)(1 + 2b))) (Williams 1997).</li>
     * </ul>
     * The relu form is evaluated as a function of θ (sin θ and cos θ from θ itself): as ρ → 1 its derivative in θ
     * vanishes, so an error in θ from arccos near ±1 costs only O(ε) (the form's derivative in ρ is π − θ, bounded).
     * Other activations use {@link GaussianIntegrals#expectation(java.util.function.DoubleBinaryOperator, double,
     * double, double, double...)}, cut at {@link Activation#kinks()}.
     *
     * <p>Degenerate cases: c is clipped to [−√(ab), √(ab)] (rounding in a propagated covariance can push |ρ| past 1
     * by an ulp); when a = 0 or b = 0 the variable with no variance is 0, so the result is φ(0) E[φ(v)].
     *
     * @param a Var u ≥ 0
     * @param b Var v ≥ 0
     * @param c Cov(u, v), finite, with c² ≤ ab up to rounding (it is clipped)
     * @return E[φ(u)φ(v)]
     * @throws IllegalArgumentException if a or b is negative or not finite, or c is not finite
     */
    public double activationCovariance(double a, double b, double c) {
        Checks.nonNegative("variance a", a);
        Checks.nonNegative("variance b", b);
        Checks.finite("covariance c", c);
        return pair(a, b, c);
    }

    private double pair(double a, double b, double c) {
        double scale = Math.sqrt(a) * Math.sqrt(b);
        double cov = Math.max(-scale, Math.min(scale, c));
        switch (form) {
            case LINEAR:
                return cov;
            case RELU:
                return arcCosine(scale, cov);
            case LEAKY_RELU:
                return (1 + slope * slope) * arcCosine(scale, cov) - 2 * slope * arcCosine(scale, -cov);
            case ERF:
                return 2 / Math.PI * Math.asin(Math.max(-1, Math.min(1,
                        2 * cov / (Math.sqrt(1 + 2 * a) * Math.sqrt(1 + 2 * b)))));
            default:
                // φ(u)φ(v) is symmetric: order the variances so that kernel(x, y) = kernel(y, x) to the last bit.
                double lo = Math.min(a, b);
                double hi = Math.max(a, b);
                return GaussianIntegrals.expectation(productWithOuterCached(), lo, hi, cov, kinks);
        }
    }

    /**
     * (u, v) ↦ φ(u)φ(v), remembering φ of the last u: the two-dimensional rule runs its inner loop at a fixed outer u,
     * so this halves the evaluations of φ. A fresh instance per expectation, so no state is shared between calls.
     */
    private DoubleBinaryOperator productWithOuterCached() {
        double[] last = {Double.NaN, Double.NaN};
        return (u, v) -> {
            if (u != last[0]) {
                last[0] = u;
                last[1] = activation.value(u);
            }
            return last[1] * activation.value(v);
        };
    }

    /** E[relu(u) relu(v)] = s (sin θ + (π − θ) cos θ)/(2π), s = √(ab), cos θ = c/s; 0 when s = 0. */
    private static double arcCosine(double scale, double cov) {
        if (scale == 0) {
            return 0;
        }
        double theta = Math.acos(Math.max(-1, Math.min(1, cov / scale)));
        return scale * (Math.sin(theta) + (Math.PI - theta) * Math.cos(theta)) / (2 * Math.PI);
    }

    /** E[φ(h)²] for h ~ N(0, q): the diagonal of {@link #pair}, by the one-dimensional rule of {@link MeanField}. */
    private double square(double q) {
        switch (form) {
            case LINEAR:
                return q;
            case RELU:
                return q / 2;
            case LEAKY_RELU:
                return (1 + slope * slope) * q / 2;
            case ERF:
                return 2 / Math.PI * Math.asin(2 * q / (1 + 2 * q));
            default:
                return GaussianIntegrals.expectation(h -> {
                    double v = activation.value(h);
                    return v * v;
                }, q, kinks);
        }
    }

    /**
     * The NNGP kernel of the network's output.
     *
     * @param x an input in ℝ^d, d ≥ 1, finite entries
     * @param y an input of the same dimension
     * @return Σ^{L+1}(x, y) = σ_w² K^L(x, y) + σ_b², the covariance of the readout pre-activations at x and y
     * @throws IllegalArgumentException if an input is empty or has a non-finite entry, the dimensions differ, or a
     *                                  variance overflows (a deep network in its exploding phase)
     */
    public double kernel(double[] x, double[] y) {
        double[] layers = layers(x, y);
        return layers[depth];
    }

    /**
     * The pre-activation covariances of every layer.
     *
     * @param x an input in ℝ^d, d ≥ 1, finite entries
     * @param y an input of the same dimension
     * @return {Σ¹(x, y), …, Σ^{L+1}(x, y)}, length L + 1 (index ℓ − 1 holds Σ^ℓ); the last is {@link #kernel}
     * @throws IllegalArgumentException as {@link #kernel}
     */
    public double[] layers(double[] x, double[] y) {
        checkInput("x", x, x == null ? 0 : x.length);
        checkInput("y", y, x.length);
        double[] sx = diagonal("x", x);
        double[] sy = diagonal("y", y);
        double[] out = new double[depth + 1];
        out[0] = weightVariance * dot(x, y) + biasVariance;
        for (int l = 1; l <= depth; l++) {
            out[l] = weightVariance * pair(sx[l - 1], sy[l - 1], out[l - 1]) + biasVariance;
        }
        return out;
    }

    /**
     * The kernel matrix of a set of inputs.
     *
     * @param inputs n ≥ 1 inputs of one dimension d ≥ 1 (rows), finite entries
     * @return the symmetric n×n matrix Σ^{L+1}(x_i, x_j) (exactly symmetric: each pair is computed once)
     * @throws IllegalArgumentException if there are no inputs, or as {@link #kernel}
     */
    public double[][] matrix(double[][] inputs) {
        double[][] diagonals = diagonals("inputs", inputs, -1);
        int n = inputs.length;
        double[][] out = new double[n][n];
        for (int i = 0; i < n; i++) {
            out[i][i] = diagonals[i][depth];
            for (int j = i + 1; j < n; j++) {
                out[i][j] = propagate(inputs[i], inputs[j], diagonals[i], diagonals[j]);
                out[j][i] = out[i][j];
            }
        }
        return out;
    }

    /**
     * The cross-kernel matrix between two sets of inputs.
     *
     * @param rows    n ≥ 1 inputs of dimension d ≥ 1
     * @param columns m ≥ 1 inputs of the same dimension
     * @return the n×m matrix Σ^{L+1}(rows_i, columns_j)
     * @throws IllegalArgumentException if a set is empty, or as {@link #kernel}
     */
    public double[][] matrix(double[][] rows, double[][] columns) {
        double[][] rowDiagonals = diagonals("rows", rows, -1);
        double[][] columnDiagonals = diagonals("columns", columns, rows[0].length);
        double[][] out = new double[rows.length][columns.length];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < columns.length; j++) {
                out[i][j] = propagate(rows[i], columns[j], rowDiagonals[i], columnDiagonals[j]);
            }
        }
        return out;
    }

    /**
     * The NNGP posterior: exact Bayesian inference with this kernel as the prior of the network's output and
     * Gaussian observation noise (Lee et al. 2018, §2.4). With K = K(X, X) + σ_n² I and k* = K(X, x*),
     * <pre>
     *   m(x*) = k*ᵀ K⁻¹ Y,        v(x*) = Σ^{L+1}(x*, x*) − k*ᵀ K⁻¹ k*,
     * </pre>
     * the mean and variance of the latent output f(x*) (a noisy observation y* has variance v + σ_n²). Computed as in
     * Rasmussen and Williams, "Gaussian processes for machine learning", 2006, Algorithm 2.1: K = L Lᵀ (Cholesky),
     * α = Lᵀ \ (L \ Y), m = k*ᵀ α, w = L \ k*, v = Σ^{L+1}(x*, x*) − w·w. The subtraction can leave a variance of a few
     * ulps of Σ^{L+1}(x*, x*) below zero where it is zero in exact arithmetic (at a training input, without noise):
     * such rounding is returned as 0.
     *
     * @param trainX        B ≥ 1 training inputs of one dimension d ≥ 1
     * @param trainY        their B targets, finite
     * @param testX         test inputs of dimension d (none is allowed)
     * @param noiseVariance σ_n² ≥ 0 (0: interpolation, which needs distinct training inputs)
     * @return the posterior mean and variance at each test input
     * @throws IllegalArgumentException if the sizes or dimensions disagree, an entry is not finite, σ_n² is negative or
     *                                  not finite, or K(X, X) + σ_n² I is not positive definite to working precision
     *                                  (a Cholesky pivot below 10⁻¹³ times its largest diagonal
     *                                  entry: repeated or indistinguishable training inputs without noise)
     */
    public NngpPosterior posterior(double[][] trainX, double[] trainY, double[][] testX, double noiseVariance) {
        Checks.nonNegative("noise variance sigma_n^2", noiseVariance);
        double[][] trainDiagonals = diagonals("trainX", trainX, -1);
        int n = trainX.length;
        if (trainY == null || trainY.length != n) {
            throw new IllegalArgumentException("trainY must have one target per training input (" + n
                    + "), but had " + (trainY == null ? "none (null)" : trainY.length));
        }
        for (int i = 0; i < n; i++) {
            Checks.finite("trainY[" + i + "]", trainY[i]);
        }
        if (testX == null) {
            throw new IllegalArgumentException("testX must not be null");
        }
        double[][] testDiagonals = testX.length == 0 ? new double[0][]
                : diagonals("testX", testX, trainX[0].length);

        double[][] gram = new double[n][n];
        double largest = 0;
        for (int i = 0; i < n; i++) {
            gram[i][i] = trainDiagonals[i][depth] + noiseVariance;
            largest = Math.max(largest, gram[i][i]);
            for (int j = i + 1; j < n; j++) {
                gram[i][j] = propagate(trainX[i], trainX[j], trainDiagonals[i], trainDiagonals[j]);
                gram[j][i] = gram[i][j];
            }
        }
        double[][] lower = cholesky(gram, largest, noiseVariance);
        double[] alpha = backward(lower, forward(lower, trainY));

        double[] mean = new double[testX.length];
        double[] variance = new double[testX.length];
        for (int t = 0; t < testX.length; t++) {
            double[] cross = new double[n];
            for (int i = 0; i < n; i++) {
                cross[i] = propagate(testX[t], trainX[i], testDiagonals[t], trainDiagonals[i]);
            }
            double m = 0;
            for (int i = 0; i < n; i++) {
                m += cross[i] * alpha[i];
            }
            double[] w = forward(lower, cross);
            double explained = 0;
            for (double wi : w) {
                explained += wi * wi;
            }
            mean[t] = m;
            variance[t] = Math.max(0, testDiagonals[t][depth] - explained);
        }
        return NngpPosterior.of(mean, variance);
    }

    private static double[][] cholesky(double[][] gram, double largest, double noiseVariance) {
        try {
            CholeskyDecomposition decomposition = new CholeskyDecomposition(MatrixUtils.createRealMatrix(gram),
                    CholeskyDecomposition.DEFAULT_RELATIVE_SYMMETRY_THRESHOLD, PIVOT_THRESHOLD * largest);
            return decomposition.getL().getData();
        } catch (MathIllegalArgumentException e) {
            throw new IllegalArgumentException("K(X, X) + sigma_n^2 I (" + gram.length + "x" + gram.length
                    + ", sigma_n^2 = " + Checks.format(noiseVariance) + ") is not positive definite to working "
                    + "precision (a Cholesky pivot <= " + Checks.format(PIVOT_THRESHOLD) + " x its largest diagonal "
                    + "entry " + Checks.format(largest) + "): training inputs are repeated or indistinguishable under "
                    + "this kernel; remove duplicates or use a noise variance > 0", e);
        }
    }

    /** Solves L z = r for lower-triangular L. */
    private static double[] forward(double[][] lower, double[] r) {
        int n = r.length;
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            double s = r[i];
            for (int k = 0; k < i; k++) {
                s -= lower[i][k] * z[k];
            }
            z[i] = s / lower[i][i];
        }
        return z;
    }

    /** Solves Lᵀ z = r for lower-triangular L. */
    private static double[] backward(double[][] lower, double[] r) {
        int n = r.length;
        double[] z = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double s = r[i];
            for (int k = i + 1; k < n; k++) {
                s -= lower[k][i] * z[k];
            }
            z[i] = s / lower[i][i];
        }
        return z;
    }

    /** Σ^{L+1}(x, y) from the diagonal sequences of x and y. */
    private double propagate(double[] x, double[] y, double[] sx, double[] sy) {
        double s = weightVariance * dot(x, y) + biasVariance;
        for (int l = 1; l <= depth; l++) {
            s = weightVariance * pair(sx[l - 1], sy[l - 1], s) + biasVariance;
        }
        return s;
    }

    /** {Σ¹(x, x), …, Σ^{L+1}(x, x)}: the mean-field variances q¹ … q^{L+1} of x. */
    private double[] diagonal(String name, double[] x) {
        double[] q = new double[depth + 1];
        q[0] = weightVariance * dot(x, x) + biasVariance;
        for (int l = 0; l <= depth; l++) {
            if (l > 0) {
                q[l] = weightVariance * square(q[l - 1]) + biasVariance;
            }
            if (!Double.isFinite(q[l])) {
                throw new IllegalArgumentException("the variance Sigma^" + (l + 1) + "(" + name + ", " + name
                        + ") of layer " + (l + 1) + " overflows, " + Checks.format(q[l]) + " (" + this
                        + "): the input is too large or the network is in its exploding phase");
            }
        }
        return q;
    }

    /** Checks a set of inputs (dimension {@code dimension}, or that of the first when negative); diagonal sequences. */
    private double[][] diagonals(String name, double[][] inputs, int dimension) {
        if (inputs == null || inputs.length == 0) {
            throw new IllegalArgumentException(name + " must hold at least one input, but was "
                    + (inputs == null ? "null" : "empty"));
        }
        int d = dimension;
        if (d < 0) {
            checkInput(name + "[0]", inputs[0], inputs[0] == null ? 0 : inputs[0].length);
            d = inputs[0].length;
        }
        double[][] out = new double[inputs.length][];
        for (int i = 0; i < inputs.length; i++) {
            checkInput(name + "[" + i + "]", inputs[i], d);
            out[i] = diagonal(name + "[" + i + "]", inputs[i]);
        }
        return out;
    }

    private static void checkInput(String name, double[] x, int dimension) {
        if (x == null || x.length == 0) {
            throw new IllegalArgumentException("input " + name + " must have dimension d >= 1, but was "
                    + (x == null ? "null" : "empty"));
        }
        if (x.length != dimension) {
            throw new IllegalArgumentException("input " + name + " must have the input dimension d = " + dimension
                    + ", but had dimension " + x.length);
        }
        for (int i = 0; i < x.length; i++) {
            Checks.finite(name + "[" + i + "]", x[i]);
        }
    }

    /** K⁰(x, y) = x·y/d. */
    private static double dot(double[] x, double[] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += x[i] * y[i];
        }
        return s / x.length;
    }

    @Override
    public String toString() {
        return "NNGP kernel of " + activation + ", sigma_w^2 = " + Checks.format(weightVariance) + ", sigma_b^2 = "
                + Checks.format(biasVariance) + ", depth L = " + depth;
    }
}
