package io.github.freeprob.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

// tag::imports[]
import io.github.freeprob.convolution.FreeConvolution;
import io.github.freeprob.convolution.Route;
import io.github.freeprob.inversion.InversionDiagnostics;
import io.github.freeprob.inversion.Spectrum;
import io.github.freeprob.inversion.StieltjesInversion;
import io.github.freeprob.measure.Atom;
import io.github.freeprob.measure.Interval;
import io.github.freeprob.measure.Laws;
import io.github.freeprob.measure.Measure;
import io.github.freeprob.network.Activation;
import io.github.freeprob.network.JacobianSpectrum;
import io.github.freeprob.network.MeanField;
import io.github.freeprob.network.Network;
import io.github.freeprob.network.NngpKernel;
import io.github.freeprob.network.NngpPosterior;
import io.github.freeprob.network.NtkCauchyTransform;
import io.github.freeprob.network.NtkLayer;
import io.github.freeprob.network.NtkSpectrum;
import io.github.freeprob.network.WeightDistribution;
import io.github.freeprob.numerics.GridEvaluation;
import io.github.freeprob.precision.BigFloat;
import io.github.freeprob.precision.FreeCumulants;
import io.github.freeprob.precision.MomentEngine;
import io.github.freeprob.precision.MomentSequence;
import io.github.freeprob.precision.Precision;
import io.github.freeprob.sampling.Ensembles;
import io.github.freeprob.sampling.SampledNetwork;
import io.github.freeprob.validation.Comparison;
import io.github.freeprob.validation.Distances;
import io.github.freeprob.validation.FiniteSizeRule;
import io.github.freeprob.validation.Thresholds;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.hipparchus.complex.Complex;
// end::imports[]
import io.github.freeprob.measure.Support;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.hipparchus.analysis.integration.IterativeLegendreGaussIntegrator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/**
 * The snippets of {@code docs/api.md} and of the README, run as they are printed there.
 *
 * <p>Each test runs one region ({@code // tag::NAME[]} … {@code // end::NAME[]}), compares what it printed with the
 * {@code <!-- output: NAME -->} block of the doc (when the doc shows one), and then checks the values it computed
 * against closed forms or the exact moment engine, each with its tolerance and the reason for it.
 * {@link DocSnippetsTest} checks that every code block of the docs is textually its region here.
 */
@ResourceLock(Resources.SYSTEM_OUT)
class ApiGuideTest {

    static final Path API_GUIDE = Path.of("docs/api.md");

    /**
     * Tolerance for double results that the library computes to rounding (closed forms of named laws, Chebyshev
     * densities resolved to their tail of 1e-16): a few hundred ulps of O(1) values.
     */
    private static final double ROUNDING = 1e-13;

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private PrintStream console;

    @BeforeEach
    void capture() {
        console = System.out;
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void release() {
        System.setOut(console);
    }

    /** Asserts that the region printed exactly the output block of the guide. */
    private void assertPrinted(String name) throws IOException {
        System.out.flush();
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .as("what snippet %s prints, against the output block in %s", name, API_GUIDE)
                .isEqualTo(Snippets.block(API_GUIDE, "output", name));
    }

    @Test
    void namedLaws() throws IOException {
        // tag::laws[]
        Measure semicircle = Laws.semicircle(1.0);              // variance v = 1: support [-2, 2]
        Measure mp = Laws.marchenkoPastur(0.5);                  // ratio λ = 0.5: mean 1, variance λ
        Measure coin = Laws.atoms(new double[] {0, 1}, new double[] {0.5, 0.5});   // ½δ₀ + ½δ₁
        Measure moved = Laws.affine(mp, 1.0, 2.0);               // the law of 1 + 2X for X ~ mp(0.5)
        Complex g = semicircle.cauchy(new Complex(0, 1));        // G(z) = (z − √(z − 2)√(z + 2))/2 at z = i
        System.out.println("semicircle moments " + Arrays.toString(semicircle.moments(6)));
        System.out.printf(Locale.ROOT, "G(i) = %.12f i%n", g.getImaginary());
        System.out.println("mp(0.5) support " + mp.support() + ", mean " + mp.mean() + ", variance " + mp.variance());
        System.out.println("coin atoms " + coin.atoms() + ", 1 + 2X has mean " + moved.mean()
                + " and variance " + moved.variance());
        // end::laws[]
        assertPrinted("laws");
        // Catalan numbers are the even moments of semicircle(1): 1, 2, 5.
        assertThat(semicircle.moments(6)).containsExactly(1, 0, 1, 0, 2, 0, 5);
        // G(i) = (i − i√5)/2, closed form of the semicircle's Cauchy transform (the branch with G ~ 1/z).
        assertThat(g.getReal()).isCloseTo(0, within(ROUNDING));
        assertThat(g.getImaginary()).isCloseTo(-(Math.sqrt(5) - 1) / 2, within(ROUNDING));
        // mp(λ): edges (1 ± √λ)², mean 1, variance λ (docs/conventions.md).
        Interval edges = mp.support().intervals().get(0);
        assertThat(edges.lo()).isCloseTo(Math.pow(1 - Math.sqrt(0.5), 2), within(ROUNDING));
        assertThat(edges.hi()).isCloseTo(Math.pow(1 + Math.sqrt(0.5), 2), within(ROUNDING));
        assertThat(moved.mean()).isCloseTo(1 + 2 * 1.0, within(ROUNDING));
        assertThat(moved.variance()).isCloseTo(4 * 0.5, within(ROUNDING));
        assertThat(coin.atoms()).containsExactly(Atom.of(0, 0.5), Atom.of(1, 0.5));
    }

    @Test
    void stieltjesInversion() throws IOException {
        // tag::inversion[]
        Spectrum spectrum = StieltjesInversion.invert(Laws.marchenkoPastur(2.0));   // from G alone
        List<Atom> atoms = spectrum.atoms();          // one atom at 0 of mass 1 − 1/λ = 1/2
        Interval edges = spectrum.support().intervals().get(0);   // [(1 − √2)², (1 + √2)²]
        double rho = spectrum.density(1.0);           // ρ(1) = −Im G(1 + i0)/π
        double cdf = spectrum.cdf(1.0);               // μ((−∞, 1]): the atom and the density up to 1
        double median = spectrum.quantile(0.5);       // inf{x : F(x) ≥ ½} = 0: the atom holds half the mass
        double quartile = spectrum.quantile(0.75);
        InversionDiagnostics diagnostics = spectrum.diagnostics();
        System.out.println("atoms " + atoms);
        System.out.printf(Locale.ROOT, "support [%.12f, %.12f]%n", edges.lo(), edges.hi());
        System.out.printf(Locale.ROOT, "rho(1) = %.12f, F(1) = %.12f, Q(0.5) = %.1f, Q(0.75) = %.6f%n",
                rho, cdf, median, quartile);
        System.out.printf(Locale.ROOT, "total mass %.12f, resolved %b, atom mass error below 1e-12: %b%n",
                diagnostics.totalMass(), diagnostics.resolved(), diagnostics.atomMassErrors().get(0) < 1e-12);
        // end::inversion[]
        assertPrinted("inversion");
        double lambda = 2;
        double a = Math.pow(1 - Math.sqrt(lambda), 2);
        double b = Math.pow(1 + Math.sqrt(lambda), 2);
        assertThat(atoms).hasSize(1);
        assertThat(atoms.get(0).location()).isCloseTo(0, within(ROUNDING));
        assertThat(atoms.get(0).mass()).isCloseTo(1 - 1 / lambda, within(ROUNDING));
        assertThat(edges.lo()).isCloseTo(a, within(ROUNDING));
        assertThat(edges.hi()).isCloseTo(b, within(ROUNDING));
        // The Marchenko–Pastur density √((b − x)(x − a))/(2πλx) at x = 1.
        assertThat(rho).isCloseTo(mpDensity(lambda, 1), within(ROUNDING));
        // F(1) = ½ + ∫_a^1 ρ, the integral taken independently by Gauss–Legendre after x = a + t², which removes
        // the square-root edge (converged to 1e-14; the inversion's CDF is good to its Chebyshev tail).
        double integral = new IterativeLegendreGaussIntegrator(8, 1e-15, 1e-15).integrate(10_000,
                t -> 2 * t * mpDensity(lambda, a + t * t), 0, Math.sqrt(1 - a));
        assertThat(cdf).isCloseTo(0.5 + integral, within(ROUNDING));
        assertThat(median).isCloseTo(0, within(ROUNDING));
        assertThat(spectrum.cdf(quartile)).isCloseTo(0.75, within(ROUNDING));
        assertThat(diagnostics.totalMass()).isCloseTo(1, within(ROUNDING));
        assertThat(diagnostics.resolved()).isTrue();
    }

    @Test
    void momentEngine() throws IOException {
        // tag::engine[]
        Precision precision = Precision.ofDigits(50);                               // 50 decimal digits
        MomentSequence mp = Laws.marchenkoPastur(1.0).exactMoments(8, precision);  // Catalan numbers
        FreeCumulants kappa = MomentEngine.freeCumulants(mp);                      // κ_n = λ^{n−1} = 1
        MomentSequence back = MomentEngine.moments(kappa);                         // the round trip
        MomentSequence sum = MomentEngine.additive(mp, mp);                        // mp(1) ⊞ mp(1)
        MomentSequence product = MomentEngine.multiplicative(mp, mp);              // mp(1) ⊠ mp(1)
        MomentSequence cube = MomentEngine.multiplicativePower(mp, 3);             // mp(1)^{⊠3}
        BigFloat[] s = MomentEngine.sTransform(mp);                                // S(w) = 1/(1 + λw)
        BigFloat[] sProduct = MomentEngine.sTransform(product);                    // S_{μ⊠ν} = S_μ S_ν
        System.out.println("mp(1):       " + Arrays.toString(mp.toDoubleArray()));
        System.out.println("kappa:       " + Arrays.toString(kappa.toDoubleArray()));
        System.out.println("mp + mp:     " + Arrays.toString(sum.toDoubleArray()));
        System.out.println("mp x mp:     " + Arrays.toString(product.toDoubleArray()));
        System.out.println("mp x mp x mp " + Arrays.toString(cube.toDoubleArray()));
        System.out.println("S of mp:     " + Arrays.toString(s));
        System.out.println("S of mp x mp " + Arrays.toString(sProduct));
        System.out.println("round trip exact: " + back.asList().equals(mp.asList()));
        // end::engine[]
        assertPrinted("engine");
        for (int n = 1; n <= 8; n++) {
            // Closed forms: Catalan C_n for mp(1); all free cumulants 1; mp(1) ⊞ mp(1) = (2·)_*mp(1/2) has
            // κ_n = 2, hence m_n = Σ_k Narayana(n, k) 2^k; Fuss–Catalan C(s n + n, n)/(s n + 1) for mp(1)^{⊠s}.
            assertThat(mp.toDoubleArray()[n]).isEqualTo(fussCatalan(1, n));
            assertThat(kappa.toDoubleArray()[n - 1]).isEqualTo(1);
            assertThat(sum.toDoubleArray()[n]).isEqualTo(narayanaSum(n, 2));
            assertThat(product.toDoubleArray()[n]).isEqualTo(fussCatalan(2, n));
            assertThat(cube.toDoubleArray()[n]).isEqualTo(fussCatalan(3, n));
        }
        // S(w) = 1/(1 + w) = Σ (−w)^k for mp(1), and its square Σ (k + 1)(−w)^k for the product (S multiplies).
        for (int k = 0; k < 8; k++) {
            assertThat(s[k].doubleValue()).isEqualTo(Math.pow(-1, k));
            assertThat(sProduct[k].doubleValue()).isEqualTo((k + 1) * Math.pow(-1, k));
        }
        assertThat(back.toDoubleArray()).containsExactly(mp.toDoubleArray());
    }

    @Test
    void freeConvolutions() throws IOException {
        // tag::convolution[]
        Measure a = Laws.semicircle(1.0);
        Measure b = Laws.marchenkoPastur(0.5);
        Measure sum = FreeConvolution.additive(a, b);                  // a + b for free a, b: by subordination
        Measure product = FreeConvolution.multiplicative(b, Laws.uniform(1, 2));   // √A B √A, both laws ≥ 0
        Measure power = FreeConvolution.additivePower(a, 4.0);          // a^{⊞4} = semicircle(4)
        Measure fussCatalan = FreeConvolution.multiplicativePower(Laws.marchenkoPastur(1.0), 2.0);
        Measure moved = Laws.affine(sum, -1.0, 0.5);                   // (−1 + ½·)_*(a ⊞ b)
        Complex z = new Complex(0.5, 2.0);
        Complex bySubordination = sum.cauchy(z);
        Complex byTransforms = FreeConvolution.additive(a, b, Route.TRANSFORM).cauchy(z);
        Complex byMoments = FreeConvolution.additive(a, b, Route.MOMENTS).cauchy(z);
        System.out.printf(Locale.ROOT, "G(z) by subordination %.12f %.12f i%n",
                bySubordination.getReal(), bySubordination.getImaginary());
        System.out.printf(Locale.ROOT, "G(z) by R-transforms  %.12f %.12f i%n",
                byTransforms.getReal(), byTransforms.getImaginary());
        System.out.printf(Locale.ROOT, "G(z) by moments       %.12f %.12f i%n",
                byMoments.getReal(), byMoments.getImaginary());
        System.out.printf(Locale.ROOT, "mean and variance of the sum %.12f %.12f, of the product %.12f %.12f%n",
                sum.mean(), sum.variance(), product.mean(), product.variance());
        Interval powerSupport = StieltjesInversion.invert(power).support().hull().orElseThrow();
        double fussCatalanEdge = StieltjesInversion.invert(fussCatalan).support().hull().orElseThrow().hi();
        System.out.printf(Locale.ROOT, "support of a^{+4}: [%.10f, %.10f]%n", powerSupport.lo(), powerSupport.hi());
        System.out.printf(Locale.ROOT, "upper edge of mp(1)^{x2}: %.10f%n", fussCatalanEdge);
        System.out.printf(Locale.ROOT, "mean of (-1 + x/2)(a + b): %.12f%n", moved.mean());
        // end::convolution[]
        assertPrinted("convolution");
        // The three routes are independent computations of the same G (docs/algorithms.md); they agree to 1e-10,
        // the accuracy that the transform route's numerical inverses reach.
        assertThat(byTransforms.subtract(bySubordination).norm()).isLessThan(1e-10);
        assertThat(byMoments.subtract(bySubordination).norm()).isLessThan(1e-10);
        // Under ⊞ means and variances add. Under ⊠ the mean is m₁m₁′ and, by freeness,
        // m₂ = τ(abab) = m₂m₁′² + m₁²m₂′ − m₁²m₁′² (Nica and Speicher, Lecture 14): mp(0.5) has m₁ = 1, m₂ = 1.5,
        // uniform(1, 2) has m₁ = 1.5, m₂ = 7/3.
        assertThat(sum.mean()).isCloseTo(0 + 1, within(ROUNDING));
        assertThat(sum.variance()).isCloseTo(1 + 0.5, within(ROUNDING));
        assertThat(product.mean()).isCloseTo(1.5, within(ROUNDING));
        double m2 = 1.5 * 1.5 * 1.5 + 7 / 3.0 - 1.5 * 1.5;
        assertThat(product.variance()).isCloseTo(m2 - 1.5 * 1.5, within(ROUNDING));
        // semicircle(1)^{⊞4} = semicircle(4), support [−4, 4]; mp(1)^{⊠2} has upper edge 27/4 (Fuss–Catalan law,
        // Penson and Życzkowski 2011); edges are located to 1e-12 by the inversion's edge search.
        assertThat(powerSupport.lo()).isCloseTo(-4, within(1e-12));
        assertThat(powerSupport.hi()).isCloseTo(4, within(1e-12));
        assertThat(fussCatalanEdge).isCloseTo(27.0 / 4, within(1e-12));
        assertThat(moved.mean()).isCloseTo(-1 + 0.5 * 1, within(ROUNDING));
    }

    @Test
    void meanField() throws IOException {
        // tag::meanfield[]
        Activation tanh = Activation.tanh();
        MeanField field = new MeanField(tanh, 1.5, 0.05);                 // σ_w², σ_b²
        double qStar = field.fixedPoint();                                // q* = σ_w² E[tanh(h)²] + σ_b²
        double chi = field.chi();                                         // χ = σ_w² E[tanh′(h)²] at q*
        double[] q = field.sequence(2.0, 4);                              // q¹ = 2, …, q⁴
        double[] critical = MeanField.criticalPoint(tanh, 0.25);          // (σ_w², σ_b²) with q* = ¼ and χ = 1
        System.out.printf(Locale.ROOT, "q* = %.10f, chi = %.10f (ordered phase: chi < 1)%n", qStar, chi);
        System.out.printf(Locale.ROOT, "q^1..q^4 = %.6f %.6f %.6f %.6f%n", q[0], q[1], q[2], q[3]);
        System.out.printf(Locale.ROOT, "critical point for q* = 1/4: sigma_w^2 = %.10f, sigma_b^2 = %.10f%n",
                critical[0], critical[1]);
        // end::meanfield[]
        assertPrinted("meanfield");
        // The fixed point satisfies its defining equation and the critical point has χ = 1 and q* = ¼ (the
        // definitions of docs/conventions.md), to the 1e-12 of the mean-field solvers' Gauss–Hermite quadrature.
        assertThat(field.map(qStar)).isCloseTo(qStar, within(1e-12));
        assertThat(q[1]).isCloseTo(field.map(q[0]), within(1e-14));
        MeanField atCritical = new MeanField(tanh, critical[0], critical[1]);
        assertThat(atCritical.fixedPoint()).isCloseTo(0.25, within(1e-12));
        assertThat(atCritical.chi()).isCloseTo(1, within(1e-12));
        assertThat(chi).isLessThan(1);
    }

    @Test
    void jacobianSpectrum() throws IOException {
        // tag::jacobian[]
        Network relu = Network.of(Activation.relu(), WeightDistribution.ORTHOGONAL, 2.0, 0.0, 4)
                .withFirstVariance(1.0);                                   // σ_w² = 2, σ_b² = 0: critical relu
        JacobianSpectrum jacobian = JacobianSpectrum.of(relu);              // μ_J = ⊠ of (2·)_*(½δ₀ + ½δ₁)
        double[] moments = jacobian.moments(2);
        MomentSequence exact = jacobian.exactMoments(2, Precision.ofDigits(40));
        System.out.println("atoms " + jacobian.atoms());
        System.out.printf(Locale.ROOT, "lambda_max = %.10f, m1 = %.12f, m2 = %.12f (exact %s)%n",
                jacobian.lambdaMax(), moments[1], moments[2], exact.get(2));
        System.out.printf(Locale.ROOT, "upper quartile of the singular values %.10f%n",
                jacobian.singularValues().quantile(0.75));
        // end::jacobian[]
        assertPrinted("jacobian");
        // ReLU's σ_w²ν = ½δ₀ + ½δ₂ has m₁ = 1, m₂ = 2. For free a, b with mean 1, τ(abab) = m₂(a) + m₂(b) − 1
        // (Nica and Speicher, Lecture 14), so the L-fold product has m₁ = 1 and m₂ = 1 + L(2 − 1) = 5 at L = 4: the
        // variance L(μ₂/μ₁² − 1) of Pennington, Schoenholz and Ganguli (2018). A free product of projections of
        // trace ½ keeps the atom of mass ½ at 0.
        assertThat(moments[1]).isCloseTo(1, within(ROUNDING));
        assertThat(moments[2]).isCloseTo(5, within(ROUNDING));
        assertThat(exact.get(2).doubleValue()).isEqualTo(5);
        assertThat(jacobian.atoms()).hasSize(1);
        assertThat(jacobian.atoms().get(0).mass()).isCloseTo(0.5, within(ROUNDING));
    }

    @Test
    void ntkSpectrum() throws IOException {
        // tag::ntk[]
        Network relu = Network.of(Activation.relu(), WeightDistribution.ORTHOGONAL, 2.0, 0.0, 3)
                .withFirstVariance(1.0);
        NtkSpectrum ntk = NtkSpectrum.of(relu);            // μ₁ = δ_{q¹}, μ_{ℓ+1} = (q^{ℓ+1} + σ_w²·)_*(ν ⊠ μ_ℓ)
        for (NtkLayer layer : ntk.layers()) {
            System.out.printf(Locale.ROOT, "layer %d: q = %.6f, atoms %s, lambda in [%.6f, %.6f], error %s%n",
                    layer.layer(), layer.variance(), layer.atoms(), layer.lambdaMin(), layer.lambdaMax(),
                    layer.momentError() < 1e-12 ? "< 1e-12" : "large");
        }
        System.out.printf(Locale.ROOT, "learning-rate bound 2/lambda_max = %.6f%n", ntk.learningRateBound());
        // end::ntk[]
        assertPrinted("ntk");
        // Critical relu from q¹ = 1 keeps q^ℓ = 1. Layer 2 = (1 + 2·)_*(½δ₀ + ½δ₁) = ½δ₁ + ½δ₃ (atoms, closed form).
        NtkLayer second = ntk.layer(2);
        assertThat(second.variance()).isCloseTo(1, within(ROUNDING));
        assertThat(second.atoms()).hasSize(2);
        assertThat(second.atoms().get(0).location()).isCloseTo(1, within(ROUNDING));
        assertThat(second.atoms().get(1).location()).isCloseTo(3, within(ROUNDING));
        assertThat(second.atoms().get(1).mass()).isCloseTo(0.5, within(ROUNDING));
        assertThat(ntk.learningRateBound()).isCloseTo(2 / ntk.lambdaMax(), within(ROUNDING));
        for (NtkLayer layer : ntk.layers()) {
            assertThat(layer.momentError()).as("layer %d against the engine", layer.layer()).isLessThan(1e-12);
        }
    }

    @Test
    void ntkLastLayer() throws IOException {
        // tag::ntk-last-layer[]
        double[] critical = MeanField.criticalPoint(Activation.tanh(), 1.0 / 64);
        Network deep = Network.of(Activation.tanh(), WeightDistribution.ORTHOGONAL, critical[0], critical[1], 100);
        NtkCauchyTransform last = NtkCauchyTransform.of(deep);   // the 99 subordinations solved together, per point
        double[] x = {1.0, 1.5, 2.0};
        double[] density = last.density(x);                      // -Im G(x + i0)/π of μ_100, no layer inverted
        System.out.printf(Locale.ROOT, "mean eigenvalue %.6f; density at 1, 1.5, 2: %.4f %.4f %.4f%n", last.mean(),
                density[0], density[1], density[2]);
        // end::ntk-last-layer[]
        assertPrinted("ntk-last-layer");
        // χ = 1 and m₁(σ_w²ν) = 1 at criticality, so every layer adds q*: m₁(μ_L) = L q* = 100/64.
        assertThat(last.mean()).isCloseTo(100.0 / 64, within(1e-9));
        // far from the spectrum G is the engine's moment series (40 moments, |z| = 20 > 5 λ_max)
        double[] m = NtkSpectrum.exactMoments(deep, 40, Precision.ofDigits(40)).toDoubleArray();
        Complex z = new Complex(0, 20);
        Complex series = Complex.ZERO;
        for (int k = 40; k >= 0; k--) {
            series = series.multiply(z.reciprocal()).add(m[k]);
        }
        series = series.divide(z);
        assertThat(last.cauchy(z).subtract(series).norm()).isLessThan(1e-8 * series.norm());
    }

    @Test
    void gridThreads() throws IOException {
        // tag::grid-threads[]
        Spectrum sum = StieltjesInversion.invert(FreeConvolution.additive(Laws.semicircle(1), Laws.marchenkoPastur(0.5)));
        double[] grid = new double[1000];
        for (int i = 0; i < grid.length; i++) {
            grid[i] = -1.4 + 5.2 * i / (grid.length - 1);
        }
        GridEvaluation two = GridEvaluation.parallel(2);                      // 4 blocks of 256 points, 2 threads
        double[] rho = two.blocks(grid, sum::density);                        // each block continued on its own
        double[] cdf = two.map(grid, sum::cdf);
        double[] alone = GridEvaluation.sequential().blocks(grid, sum::density);
        System.out.println("the same bits on 1 and 2 threads: " + Arrays.equals(rho, alone));
        // end::grid-threads[]
        assertPrinted("grid-threads");
        assertThat(cdf).containsExactly(GridEvaluation.sequential().map(grid, sum::cdf));
        assertThat(cdf[grid.length - 1]).isCloseTo(1, within(1e-10));
    }

    @Test
    void nngp() throws IOException {
        // tag::nngp[]
        NngpKernel kernel = NngpKernel.of(Activation.relu(), 2.0, 0.0, 1);      // one hidden layer
        double[] x = {1, 0};
        double[] y = {0.6, 0.8};
        double k = kernel.kernel(x, y);                                        // Σ²(x, y)
        NngpPosterior posterior = kernel.posterior(new double[][] {x}, new double[] {1.0},
                new double[][] {x, y}, 1e-6);                                   // train on (x, 1), noise σ_n²
        System.out.printf(Locale.ROOT, "Sigma^2(x, y) = %.12f%n", k);
        System.out.printf(Locale.ROOT, "posterior at x: %.6f +- %.6f, at y: %.6f +- %.6f%n",
                posterior.mean(0), posterior.standardDeviation(0), posterior.mean(1), posterior.standardDeviation(1));
        // end::nngp[]
        assertPrinted("nngp");
        // Closed form (Cho and Saul 2009, degree-1 arc-cosine kernel): Σ¹ = σ_w² x·y/d = 0.6 with Σ¹(x, x) = 1, so
        // Σ² = σ_w² (sin θ + (π − θ) cos θ)/(2π) with cos θ = 0.6.
        double theta = Math.acos(0.6);
        assertThat(k).isCloseTo(2 * (Math.sin(theta) + (Math.PI - theta) * 0.6) / (2 * Math.PI), within(ROUNDING));
        // GP regression on one point: mean k(y, x)/(k(x, x) + σ_n²) · 1 at y; at x it reproduces the target.
        double kxx = kernel.kernel(x, x);
        assertThat(posterior.mean(1)).isCloseTo(k / (kxx + 1e-6), within(ROUNDING));
        assertThat(posterior.mean(0)).isCloseTo(kxx / (kxx + 1e-6), within(ROUNDING));
    }

    @Test
    void samplingAndValidation() throws IOException {
        // tag::sampling[]
        RandomGenerator random = new SplittableRandom(1);
        double[] eigenvalues = Ensembles.goe(400, 1.0, random).symmetricEigenvalues();   // N = 400
        Spectrum predicted = StieltjesInversion.invert(Laws.semicircle(1.0));
        double levy = Distances.levy(predicted, eigenvalues);
        double w1 = Distances.relativeWasserstein(predicted, eigenvalues);
        Thresholds thresholds = FiniteSizeRule.ENSEMBLE.at(eigenvalues.length);     // c/N from docs/validation.md
        System.out.printf(Locale.ROOT, "GOE: Levy %.4f (threshold %.4f), relative W1 %.4f (threshold %.4f)%n",
                levy, thresholds.levy(), w1, thresholds.relativeWasserstein());

        Network network = Network.of(Activation.relu(), WeightDistribution.ORTHOGONAL, 2.0, 0.0, 3)
                .withFirstVariance(1.0);
        SampledNetwork sample = SampledNetwork.sample(network, 250, random);     // N = 250, J = D₃W₃D₂W₂D₁W₁
        JacobianSpectrum law = JacobianSpectrum.of(network);
        Comparison comparison = Comparison.of(law.spectrum(), law.moments(6), sample.jacobianEigenvalues(),
                FiniteSizeRule.JACOBIAN);
        System.out.println(comparison);
        // end::sampling[]
        assertPrinted("sampling");
        // The thresholds are the measured finite-size rules (docs/validation.md): a correct prediction stays within.
        assertThat(levy).isLessThan(thresholds.levy());
        assertThat(w1).isLessThan(thresholds.relativeWasserstein());
        assertThat(comparison.passed()).as("%s", comparison).isTrue();
    }

    @Test
    void networksNngpExample() {
        // tag::networks-nngp[]
        NngpKernel kernel = NngpKernel.of(Activation.relu(), 2.0, 0.1, 2);
        double k = kernel.kernel(new double[] {1, 0}, new double[] {0.6, 0.8});   // Σ³(x, x′)
        NngpPosterior posterior = kernel.posterior(
                new double[][] {{1, 0}, {0, 1}}, new double[] {1.0, -1.0},       // training inputs and targets
                new double[][] {{0.6, 0.8}}, 1e-4);                              // a test input, σ_n²
        System.out.println(posterior.mean(0) + " ± " + posterior.standardDeviation(0));
        // end::networks-nngp[]
        // An independent evaluation of the definitions (NngpKernel's Javadoc; Cho and Saul 2009 for relu): the
        // three numbers (Σ(x, x), Σ(x′, x′), Σ(x, x′)) through two hidden layers, and GP regression with a 2×2 solve.
        double[] a = {1, 0};
        double[] b = {0, 1};
        double[] t = {0.6, 0.8};
        assertThat(k).isCloseTo(reluSigma3(a, t), within(ROUNDING));
        double kaa = reluSigma3(a, a) + 1e-4;
        double kbb = reluSigma3(b, b) + 1e-4;
        double kab = reluSigma3(a, b);
        double kat = reluSigma3(a, t);
        double kbt = reluSigma3(b, t);
        double det = kaa * kbb - kab * kab;
        double alphaA = (kbb * 1.0 - kab * -1.0) / det;
        double alphaB = (kaa * -1.0 - kab * 1.0) / det;
        assertThat(posterior.mean(0)).isCloseTo(kat * alphaA + kbt * alphaB, within(1e-12));
        double quadratic = (kbb * kat * kat - 2 * kab * kat * kbt + kaa * kbt * kbt) / det;
        assertThat(posterior.variance(0)).isCloseTo(reluSigma3(t, t) - quadratic, within(1e-12));
    }

    /** Σ³(x, y) of a relu network with σ_w² = 2, σ_b² = 0.1, two hidden layers, inputs in ℝ². */
    private static double reluSigma3(double[] x, double[] y) {
        double sxx = 2 * (x[0] * x[0] + x[1] * x[1]) / 2 + 0.1;
        double syy = 2 * (y[0] * y[0] + y[1] * y[1]) / 2 + 0.1;
        double sxy = 2 * (x[0] * y[0] + x[1] * y[1]) / 2 + 0.1;
        for (int layer = 0; layer < 2; layer++) {
            double cos = Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
            double theta = Math.acos(cos);
            double kxy = Math.sqrt(sxx * syy) * (Math.sin(theta) + (Math.PI - theta) * cos) / (2 * Math.PI);
            sxy = 2 * kxy + 0.1;
            sxx = 2 * sxx / 2 + 0.1;
            syy = 2 * syy / 2 + 0.1;
        }
        return sxy;
    }

    @Tag("slow")
    @Test
    void networksExampleRuns() {
        // The first example of docs/networks.md §8 (NetworkSpectra, its text checked by DocSnippetsTest): a critical
        // network has χ = 1 (to the 1e-12 of the critical-point solver) and every NTK layer matches the engine to
        // the 1e-8 that the network tests require.
        NetworkSpectra.main(new String[0]);
        String out = printed.toString(StandardCharsets.UTF_8);
        String chi = out.lines().filter(line -> line.startsWith("chi = ")).findFirst().orElseThrow();
        assertThat(Double.parseDouble(chi.substring(6))).isCloseTo(1, within(1e-12));
        List<String> layers = out.lines().filter(line -> line.startsWith("layer ")).toList();
        assertThat(layers).hasSize(4);
        for (String line : layers) {
            double error = Double.parseDouble(line.substring(line.indexOf("moment error = ") + 15).strip());
            assertThat(error).as(line).isLessThan(1e-8);
        }
    }

    @Test
    void readmeFirstLook() {
        // tag::readme-first-look[]
        Measure law = Laws.marchenkoPastur(2.0);                 // ratio λ = 2: an atom of mass 1/2 at 0
        Spectrum spectrum = StieltjesInversion.invert(law);      // from G alone
        spectrum.atoms();                                        // [Atom[location=0.0, mass=0.5]]
        spectrum.support();                                      // [[0.1715…, 5.8284…]]
        spectrum.density(1.0);                                   // ρ(1) = −Im G(1 + i0)/π
        spectrum.cdf(1.0);                                       // μ((−∞, 1]), the atom included
        MomentSequence exact = law.exactMoments(20, Precision.ofDigits(50));
        FreeCumulants kappa = MomentEngine.freeCumulants(exact); // κ_n = λ^{n−1}
        // end::readme-first-look[]
        // What the comments claim: the atom, the edges (1 ± √2)² = 0.1715…, 5.8284…, and κ_n = 2^{n−1} exactly.
        assertThat(spectrum.atoms().toString()).isEqualTo("[Atom[location=0.0, mass=0.5]]");
        Support support = spectrum.support();
        assertThat(support.toString()).startsWith("[[0.1715").contains(", 5.8284");
        assertThat(spectrum.density(1.0)).isCloseTo(mpDensity(2, 1), within(ROUNDING));
        for (int n = 1; n <= 20; n++) {
            assertThat(kappa.get(n).doubleValue()).isEqualTo(Math.pow(2, n - 1));
        }
    }

    @Test
    void readmeNetwork() {
        // tag::readme-network[]
        double[] point = MeanField.criticalPoint(Activation.tanh(), 1.0 / 64);     // (σ_w², σ_b²) with χ = 1, q* = 1/64
        Network network = Network.of(Activation.tanh(), WeightDistribution.ORTHOGONAL, point[0], point[1], 1000);
        JacobianSpectrum jacobian = JacobianSpectrum.of(network);                 // law of the eigenvalues of JJᵀ
        jacobian.lambdaMax();                                                     // its upper edge
        jacobian.variance();                                                      // = L(μ₂/μ₁² − 1) at χ = 1
        NtkSpectrum ntk = NtkSpectrum.of(network.withDepth(2));                   // μ_{ℓ+1} = (q + σ_w²·)_*(ν ⊠ μ_ℓ)
        ntk.learningRateBound();                                                  // 2/λ_max (docs/networks.md)
        // end::readme-network[]
        // At χ = 1 and q¹ = q*, the variance of μ_J is L(μ₂/μ₁² − 1) for the moments μ_k of σ_w²ν (Pennington,
        // Schoenholz and Ganguli 2018); predictedVariance() evaluates that formula from ν's moments, variance()
        // takes it from the free power's law: they agree to 1e-9, the accuracy of the L = 1000 free power against
        // the engine (docs/accuracy.md).
        assertThat(jacobian.variance()).isCloseTo(jacobian.predictedVariance(), within(1e-9));
        assertThat(ntk.learningRateBound()).isCloseTo(2 / ntk.lambdaMax(), within(ROUNDING));
        for (NtkLayer layer : ntk.layers()) {
            assertThat(layer.momentError()).as("NTK layer %d against the engine", layer.layer()).isLessThan(1e-8);
        }
    }

    /** The Marchenko–Pastur density of ratio λ (docs/conventions.md), 0 off its support. */
    static double mpDensity(double lambda, double x) {
        double a = Math.pow(1 - Math.sqrt(lambda), 2);
        double b = Math.pow(1 + Math.sqrt(lambda), 2);
        return x <= a || x >= b ? 0 : Math.sqrt((b - x) * (x - a)) / (2 * Math.PI * lambda * x);
    }

    /** The Fuss–Catalan number C((s + 1)n, n)/(s n + 1): the n-th moment of mp(1)^{⊠s}. */
    static double fussCatalan(int s, int n) {
        return binomial((s + 1) * n, n) / (s * n + 1);
    }

    /** Σ_k N(n, k) c^k with the Narayana numbers N(n, k) = C(n, k) C(n, k − 1)/n: the moments for κ_j = c. */
    static double narayanaSum(int n, double c) {
        double sum = 0;
        for (int k = 1; k <= n; k++) {
            sum += binomial(n, k) * binomial(n, k - 1) / n * Math.pow(c, k);
        }
        return sum;
    }

    static double binomial(int n, int k) {
        double out = 1;
        for (int i = 1; i <= k; i++) {
            out = out * (n - k + i) / i;
        }
        return out;
    }
}
