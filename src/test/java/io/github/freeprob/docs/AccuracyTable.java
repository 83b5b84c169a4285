package io.github.freeprob.docs;

import io.github.freeprob.convolution.FreeConvolution;
import io.github.freeprob.convolution.Route;
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
import io.github.freeprob.network.NtkLayer;
import io.github.freeprob.network.NtkSpectrum;
import io.github.freeprob.network.WeightDistribution;
import io.github.freeprob.precision.MomentEngine;
import io.github.freeprob.precision.MomentSequence;
import io.github.freeprob.precision.Precision;
import io.github.freeprob.sampling.Ensembles;
import io.github.freeprob.sampling.SampledNetwork;
import io.github.freeprob.validation.Comparison;
import io.github.freeprob.validation.FiniteSizeRule;
import io.github.freeprob.validation.Quantiles;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Supplier;
import org.hipparchus.complex.Complex;

/**
 * The rows of {@code docs/accuracy.md}: each measures one error of the library against a closed form, the exact
 * moment engine, or sampled matrices, and states the bound that {@link AccuracyTest} holds it to.
 *
 * <p>Bounds. For deterministic numerical rows the bound is the measured error, rounded up to a power of ten and
 * multiplied by 10: a margin for rounding that differs between JVMs and platforms (errors of 1e-16 … 1e-12 move by
 * their own size when an intrinsic differs by an ulp), small enough that a real loss of accuracy fails the row. For
 * sampled rows the bound is the threshold of the project's {@link FiniteSizeRule} at that N (docs/validation.md): the
 * row says that a correct prediction stays within the rule, as {@code validate} requires.
 *
 * <p>Run {@code main} (or {@code mvn -B -o test -Dgroups=slow -Dtest=AccuracyTest}, which writes
 * {@code target/accuracy-table.md}) to measure every row and print the markdown table.
 */
final class AccuracyTable {

    /** Moments compared with the engine: m₁ … m₈, as in the network tests (docs/networks.md). */
    static final int MOMENTS = 8;

    /** The engine's precision for these comparisons: 40 digits, far beyond the double results it checks. */
    static final Precision ENGINE = Precision.ofDigits(40);

    /** The reference of the route rows: G of semicircle(2), the branch with G ~ 1/z. */
    static final String GOF_SC2 = "G of semicircle(2) = (z − √(z − 2√2)√(z + 2√2))/4";

    /** Points of a density grid: midpoints of this many equal cells of the support. */
    static final int GRID = 1000;

    /**
     * One row.
     *
     * @param id        a short stable name (the first column)
     * @param quantity  what is measured, and how the error is defined
     * @param reference what it is compared with, and where that comes from
     * @param grid      the grid, sample size or precision
     * @param bound     the bound the tests hold the error to
     * @param slow      whether the row takes more than a few seconds (measured only by the slow-tagged test)
     * @param error     measures the error
     */
    record Row(String id, String quantity, String reference, String grid, double bound, boolean slow,
               DoubleSupplier error) {

        /** @return the bound as the table prints it: a power of ten as 1e-14, a threshold to 3 digits */
        String boundText() {
            double exponent = Math.log10(bound);
            if (exponent == Math.rint(exponent)) {
                return "1e" + (int) exponent;
            }
            return String.format(Locale.ROOT, "%.3g", bound);
        }

        @Override
        public String toString() {
            return id;
        }
    }

    private AccuracyTable() {
    }

    /** @return every row, in table order */
    static List<Row> rows() {
        Supplier<Comparison> goe = memo(() -> ensemble(Laws.semicircle(1),
                Ensembles.goe(400, 1, new SplittableRandom(1)).symmetricEigenvalues()));
        Supplier<Comparison> wishart = memo(() -> ensemble(Laws.marchenkoPastur(0.5),
                Ensembles.wishart(400, 0.5, new SplittableRandom(2)).symmetricEigenvalues()));
        Supplier<Comparison> freeSum = memo(() -> {
            Measure a = Laws.semicircle(1);
            Measure b = Laws.marchenkoPastur(0.5);
            double[] e = Ensembles.freeSum(Quantiles.midpoints(StieltjesInversion.invert(a), 400),
                    Quantiles.midpoints(StieltjesInversion.invert(b), 400), new SplittableRandom(3))
                    .symmetricEigenvalues();
            return ensemble(FreeConvolution.additive(a, b), e);
        });
        Supplier<Comparison> reluJacobian = memo(() -> {
            Network network = reluNetwork(WeightDistribution.ORTHOGONAL, 3);
            JacobianSpectrum law = JacobianSpectrum.of(network);
            double[] e = SampledNetwork.sample(network, 250, new SplittableRandom(4)).jacobianEigenvalues();
            return Comparison.of(law.spectrum(), law.moments(MOMENTS), e, FiniteSizeRule.JACOBIAN);
        });
        Supplier<Comparison> tanhNtk = memo(() -> {
            double[] point = MeanField.criticalPoint(Activation.tanh(), 0.25);
            Network network = Network.of(Activation.tanh(), WeightDistribution.ORTHOGONAL, point[0], point[1], 2);
            NtkSpectrum law = NtkSpectrum.of(network);
            double[] e = SampledNetwork.sample(network, 250, new SplittableRandom(5)).ntkEigenvalues();
            return Comparison.of(law.spectrum(), law.last().moments(), e, FiniteSizeRule.NTK);
        });
        String sc = "√(4v − x²)/(2πv)";
        String mp = "√((b − x)(x − a))/(2πλx), a, b = (1 ∓ √λ)²";
        String density = "max |ρ̂ − ρ| / max ρ";
        String densityGrid = GRID + " midpoints of the support";
        String engine = "engine, " + ENGINE.digits() + " digits";
        String moments = "max_k |m̂_k − m_k|/|m_k|, k ≤ " + MOMENTS + ", of the inverted law";
        return List.of(
                // Stieltjes inversion of the named laws, against their closed forms.
                new Row("sc-density", "semicircle(1): density, " + density, "closed form " + sc, densityGrid, 1e-14,
                        false, () -> densityError(Laws.semicircle(1), x -> semicircle(1, x))),
                new Row("sc-cdf", "semicircle(1): CDF, max |F̂ − F|",
                        "F = ½ + x√(4 − x²)/(4π) + arcsin(x/2)/π", "1001 points of [−2, 2]", 1e-14, false,
                        AccuracyTable::semicircleCdfError),
                new Row("sc-quantile", "semicircle(1): quantiles, max |F(Q̂(u)) − u|", "the closed-form F above",
                        "u = 0.01, 0.02, …, 0.99", 1e-14, false, AccuracyTable::semicircleQuantileError),
                new Row("mp-density", "mp(0.5): density, " + density, "closed form " + mp, densityGrid, 1e-14,
                        false, () -> densityError(Laws.marchenkoPastur(0.5), x -> marchenkoPastur(0.5, x))),
                new Row("mp-edges", "mp(0.5): support edges, max |edge − exact|", "(1 ∓ √λ)²", "edge search",
                        1e-15, false, () -> edgeError(Laws.marchenkoPastur(0.5),
                                Math.pow(1 - Math.sqrt(0.5), 2), Math.pow(1 + Math.sqrt(0.5), 2))),
                new Row("mp-atom", "mp(2): mass of the atom at 0, |p̂ − p|", "1 − 1/λ = ½", "iε G(iε), ε → 0",
                        1e-15, false, () -> atomError(Laws.marchenkoPastur(2), 0, 0.5)),
                new Row("mp2-density", "mp(2): density beside the atom, " + density, "closed form " + mp,
                        densityGrid, 1e-14, false,
                        () -> densityError(Laws.marchenkoPastur(2), x -> marchenkoPastur(2, x))),
                // Free convolutions with closed forms.
                new Row("sc-sum", "semicircle(1) ⊞ semicircle(1): density, " + density,
                        "semicircle(2) (variances add)", densityGrid, 1e-14, false,
                        () -> densityError(FreeConvolution.additive(Laws.semicircle(1), Laws.semicircle(1)),
                                x -> semicircle(2, x))),
                new Row("route-subordination", "semicircle(1) ⊞ semicircle(1) by subordination: G off the axis, "
                        + "max |Ĝ − G|", GOF_SC2, "z = x + iy, x = −4, −3.8, …, 4, y ∈ {0.1, 2}", 1e-14, false,
                        () -> routeError(Route.SUBORDINATION, 0.1, 2)),
                new Row("route-transform", "semicircle(1) ⊞ semicircle(1) by R-transforms: G off the axis, "
                        + "max |Ĝ − G|", GOF_SC2, "z = x + iy, x = −4, −3.8, …, 4, y ∈ {0.1, 2}", 1e-14, false,
                        () -> routeError(Route.TRANSFORM, 0.1, 2)),
                new Row("route-moments-0.5", "semicircle(1) ⊞ semicircle(1) by moments (continued fraction): "
                        + "max |Ĝ − G| at distance 0.5 from the axis", GOF_SC2, "z = x + 0.5i, x = −4, −3.8, …, 4",
                        1e-5, false, () -> routeError(Route.MOMENTS, 0.5)),
                new Row("route-moments-1", "the same at distance 1", GOF_SC2, "z = x + i, x = −4, −3.8, …, 4",
                        1e-11, false, () -> routeError(Route.MOMENTS, 1)),
                new Row("route-moments-2", "the same at distance 2", GOF_SC2, "z = x + 2i, x = −4, −3.8, …, 4",
                        1e-14, false, () -> routeError(Route.MOMENTS, 2)),
                new Row("mp-sum", "mp(0.5) ⊞ mp(0.5) (free Poisson): density, " + density,
                        "(2·)_*mp(0.25): κ_n = 2λ^{n−1} (free cumulants add)", densityGrid, 1e-13, false,
                        () -> densityError(FreeConvolution.additive(Laws.marchenkoPastur(0.5),
                                Laws.marchenkoPastur(0.5)), x -> marchenkoPastur(0.25, x / 2) / 2)),
                new Row("mp2-sum", "mp(2) ⊞ mp(2): density (the atoms at 0 cancel), " + density,
                        "(2·)_*mp(1), as above", densityGrid, 1e-12, false,
                        () -> densityError(FreeConvolution.additive(Laws.marchenkoPastur(2),
                                Laws.marchenkoPastur(2)), x -> marchenkoPastur(1, x / 2) / 2)),
                new Row("sc-power", "semicircle(1)^{⊞4}: density, " + density, "semicircle(4)", densityGrid, 1e-14,
                        false, () -> densityError(FreeConvolution.additivePower(Laws.semicircle(1), 4),
                                x -> semicircle(4, x))),
                new Row("fc2-moments", "mp(1) ⊠ mp(1): " + moments,
                        "Fuss–Catalan C(3n, n)/(2n + 1) (Penson, Życzkowski 2011)", "Chebyshev form of the density",
                        1e-14, false, () -> momentError(StieltjesInversion.invert(FreeConvolution.multiplicative(
                                Laws.marchenkoPastur(1), Laws.marchenkoPastur(1))).moments(MOMENTS), fussCatalan(2))),
                new Row("fc2-edge", "mp(1) ⊠ mp(1): upper edge, |edge − exact|", "27/4", "edge search", 1e-12, false,
                        () -> edgeError(FreeConvolution.multiplicative(Laws.marchenkoPastur(1),
                                Laws.marchenkoPastur(1)), 0, 27.0 / 4)),
                new Row("fc3-moments", "mp(1)^{⊠3}: " + moments, "Fuss–Catalan C(4n, n)/(3n + 1)",
                        "Chebyshev form of the density", 1e-14, false,
                        () -> momentError(StieltjesInversion.invert(FreeConvolution.multiplicativePower(
                                Laws.marchenkoPastur(1), 3)).moments(MOMENTS), fussCatalan(3))),
                new Row("fc3-edge", "mp(1)^{⊠3}: upper edge, |edge − exact|", "4⁴/3³ = 256/27", "edge search",
                        1e-13, false, () -> edgeError(FreeConvolution.multiplicativePower(Laws.marchenkoPastur(1), 3),
                                0, 256.0 / 27)),
                // The exact moment engine, and the numerical routes against it.
                new Row("engine-precision", "MomentEngine.multiplicative(mp(1), mp(1)): max_n |m̂_n − m_n|/m_n, "
                        + "n ≤ 30", "Fuss–Catalan C(3n, n)/(2n + 1), exact integers", "50 digits", 1e-48, false,
                        AccuracyTable::engineFussCatalanError),
                new Row("engine-sum", "semicircle(1) ⊞ mp(0.5): " + moments, engine, "Chebyshev form", 1e-14, false,
                        () -> engineError(FreeConvolution.additive(Laws.semicircle(1), Laws.marchenkoPastur(0.5)))),
                new Row("engine-arcsine", "arcsine(−1, 1) ⊞ uniform(0, 1): " + moments, engine, "Chebyshev form",
                        1e-13, false,
                        () -> engineError(FreeConvolution.additive(Laws.arcsine(-1, 1), Laws.uniform(0, 1)))),
                new Row("engine-product", "mp(0.5) ⊠ uniform(1, 2): " + moments, engine, "Chebyshev form", 1e-13,
                        false, () -> engineError(FreeConvolution.multiplicative(Laws.marchenkoPastur(0.5),
                                Laws.uniform(1, 2)))),
                new Row("engine-atom", "mp(0.5) ⊠ (½δ₀ + ½δ₁): " + moments, engine, "Chebyshev form and atom",
                        1e-14, false, () -> engineError(FreeConvolution.multiplicative(Laws.marchenkoPastur(0.5),
                                Laws.atoms(new double[] {0, 1}, new double[] {0.5, 0.5})))),
                new Row("jac-relu-8", "Jacobian JJᵀ, relu, Gaussian, σ_w² = 2, L = 8: " + moments, engine,
                        "Chebyshev form", 1e-13, false,
                        () -> jacobianError(reluNetwork(WeightDistribution.GAUSSIAN, 8))),
                new Row("jac-relu-64", "Jacobian JJᵀ, relu, Gaussian, σ_w² = 2, L = 64: " + moments, engine,
                        "Chebyshev form", 1e-11, true,
                        () -> jacobianError(reluNetwork(WeightDistribution.GAUSSIAN, 64))),
                new Row("jac-tanh-1000", "Jacobian JJᵀ, tanh, orthogonal, critical q* = 1/64, L = 1000: " + moments,
                        engine, "Chebyshev form", 1e-8, true,
                        () -> jacobianError(criticalTanh(WeightDistribution.ORTHOGONAL, 1.0 / 64, 1000))),
                new Row("jac-tanh-8", "Jacobian JJᵀ, tanh, orthogonal, critical q* = ¼, L = 8: " + moments, engine,
                        "Chebyshev form", 1e-10, true,
                        () -> jacobianError(criticalTanh(WeightDistribution.ORTHOGONAL, 0.25, 8))),
                new Row("jac-htanh-8", "Jacobian JJᵀ, hard tanh, Gaussian, critical q* = ¼, L = 8: " + moments,
                        engine, "Chebyshev form", 1e-13, true, () -> jacobianError(Network.of(Activation.hardTanh(),
                                WeightDistribution.GAUSSIAN, critical(Activation.hardTanh(), 0.25)[0],
                                critical(Activation.hardTanh(), 0.25)[1], 8))),
                new Row("ntk-relu-4", "NTK, relu, Gaussian, σ_w² = 2, q¹ = 1, L = 4: max over layers of momentError()",
                        engine + ", same recursion", "Chebyshev form per layer", 1e-13, false,
                        () -> ntkError(reluNetwork(WeightDistribution.GAUSSIAN, 4))),
                new Row("ntk-relu-8",
                        "NTK, relu, orthogonal, σ_w² = 2, q¹ = 1, L = 8: max over layers of momentError()",
                        engine + ", same recursion", "Chebyshev form per layer", 1e-12, true,
                        () -> ntkError(reluNetwork(WeightDistribution.ORTHOGONAL, 8))),
                new Row("ntk-tanh-8", "NTK, tanh, orthogonal, critical q* = ¼, L = 8: max over layers of momentError()",
                        engine + ", same recursion", "Chebyshev form per layer", 1e-8, true,
                        () -> ntkError(criticalTanh(WeightDistribution.ORTHOGONAL, 0.25, 8))),
                // Sampled matrices, against the finite-size rules.
                new Row("goe-levy", "GOE → semicircle(1): Lévy distance", "FiniteSizeRule.ENSEMBLE: 9/N",
                        "N = 400, seed 1", FiniteSizeRule.ENSEMBLE.at(400).levy(), false, () -> goe.get().levy()),
                new Row("goe-w1", "GOE → semicircle(1): relative W₁", "FiniteSizeRule.ENSEMBLE: 16/N",
                        "N = 400, seed 1", FiniteSizeRule.ENSEMBLE.at(400).relativeWasserstein(), false,
                        () -> goe.get().relativeWasserstein()),
                new Row("wishart-levy", "Wishart X Xᵀ/m → mp(0.5): Lévy distance", "FiniteSizeRule.ENSEMBLE: 9/N",
                        "N = 400, seed 2", FiniteSizeRule.ENSEMBLE.at(400).levy(), false, () -> wishart.get().levy()),
                new Row("wishart-w1", "Wishart X Xᵀ/m → mp(0.5): relative W₁", "FiniteSizeRule.ENSEMBLE: 16/N",
                        "N = 400, seed 2", FiniteSizeRule.ENSEMBLE.at(400).relativeWasserstein(), false,
                        () -> wishart.get().relativeWasserstein()),
                new Row("sum-levy", "diag(a) + O diag(b) Oᵀ → semicircle(1) ⊞ mp(0.5): Lévy distance",
                        "FiniteSizeRule.ENSEMBLE: 9/N", "N = 400, seed 3", FiniteSizeRule.ENSEMBLE.at(400).levy(),
                        false, () -> freeSum.get().levy()),
                new Row("sum-w1", "diag(a) + O diag(b) Oᵀ → semicircle(1) ⊞ mp(0.5): relative W₁",
                        "FiniteSizeRule.ENSEMBLE: 16/N", "N = 400, seed 3",
                        FiniteSizeRule.ENSEMBLE.at(400).relativeWasserstein(), false,
                        () -> freeSum.get().relativeWasserstein()),
                new Row("net-jac-levy", "sampled JJᵀ, relu, orthogonal, σ_w² = 2, q¹ = 1, L = 3: Lévy distance",
                        "FiniteSizeRule.JACOBIAN: 1.5/√N", "N = 250, seed 4", FiniteSizeRule.JACOBIAN.at(250).levy(),
                        false, () -> reluJacobian.get().levy()),
                new Row("net-jac-w1", "sampled JJᵀ, relu, orthogonal, σ_w² = 2, q¹ = 1, L = 3: relative W₁",
                        "FiniteSizeRule.JACOBIAN: 6/√N", "N = 250, seed 4",
                        FiniteSizeRule.JACOBIAN.at(250).relativeWasserstein(), false,
                        () -> reluJacobian.get().relativeWasserstein()),
                new Row("net-ntk-levy", "sampled NTK, tanh, orthogonal, critical q* = ¼, L = 2: Lévy distance",
                        "FiniteSizeRule.NTK: 10/√N", "N = 250, seed 5", FiniteSizeRule.NTK.at(250).levy(), false,
                        () -> tanhNtk.get().levy()),
                new Row("net-ntk-w1", "sampled NTK, tanh, orthogonal, critical q* = ¼, L = 2: relative W₁",
                        "FiniteSizeRule.NTK: 5.5/√N", "N = 250, seed 5",
                        FiniteSizeRule.NTK.at(250).relativeWasserstein(), false,
                        () -> tanhNtk.get().relativeWasserstein()));
    }

    /** Measures every row and prints the markdown table (the times go to standard error). */
    public static void main(String[] args) {
        System.out.print(table(measure(rows())));
    }

    /** @return each row with its measured error, in order; the time each took goes to standard error */
    static Map<Row, Double> measure(List<Row> rows) {
        Map<Row, Double> errors = new LinkedHashMap<>();
        for (Row row : rows) {
            long start = System.nanoTime();
            double error = row.error().getAsDouble();
            System.err.printf(Locale.ROOT, "%s: %s in %.1f s%n", row.id(), format(error),
                    (System.nanoTime() - start) / 1e9);
            errors.put(row, error);
        }
        return errors;
    }

    /** @return the markdown table of measured rows */
    static String table(Map<Row, Double> errors) {
        StringBuilder out = new StringBuilder("| id | quantity | reference | grid / precision | measured | bound |\n"
                + "|---|---|---|---|---|---|\n");
        errors.forEach((row, error) -> out.append(line(row, format(error))));
        return out.toString();
    }

    /** @return the cells of a row's table line, unescaped */
    static String[] cells(Row row, String measured) {
        return new String[] {row.id(), row.quantity(), row.reference(), row.grid(), measured, row.boundText()};
    }

    /** @return the table line of a row with its measured value, bars in cells escaped */
    static String line(Row row, String measured) {
        StringBuilder out = new StringBuilder("|");
        for (String cell : cells(row, measured)) {
            out.append(' ').append(cell.replace("|", "\\|")).append(" |");
        }
        return out.append('\n').toString();
    }

    /** Two significant digits, so the table reads like the other docs (1.2e-15; 0.0062). */
    static String format(double value) {
        if (value == 0) {
            return "0";
        }
        return Math.abs(value) >= 1e-3 ? String.format(Locale.ROOT, "%.2g", value)
                : String.format(Locale.ROOT, "%.1e", value).replace("e-0", "e-");
    }

    // ----- the measurements -----

    static double densityError(Measure law, DoubleUnaryOperator exact) {
        Spectrum spectrum = StieltjesInversion.invert(law);
        Interval hull = spectrum.support().hull().orElseThrow();
        double[] xs = new double[GRID];
        for (int i = 0; i < GRID; i++) {
            xs[i] = hull.lo() + hull.width() * (i + 0.5) / GRID;
        }
        double[] rho = spectrum.density(xs);
        double error = 0;
        double max = 0;
        for (int i = 0; i < GRID; i++) {
            double reference = exact.applyAsDouble(xs[i]);
            error = Math.max(error, Math.abs(rho[i] - reference));
            max = Math.max(max, reference);
        }
        return error / max;
    }

    static double semicircleCdfError() {
        Spectrum spectrum = StieltjesInversion.invert(Laws.semicircle(1));
        double error = 0;
        for (int i = 0; i <= 1000; i++) {
            double x = -2 + 4.0 * i / 1000;
            error = Math.max(error, Math.abs(spectrum.cdf(x) - semicircleCdf(x)));
        }
        return error;
    }

    static double semicircleQuantileError() {
        Spectrum spectrum = StieltjesInversion.invert(Laws.semicircle(1));
        double error = 0;
        for (int i = 1; i <= 99; i++) {
            double u = i / 100.0;
            error = Math.max(error, Math.abs(semicircleCdf(spectrum.quantile(u)) - u));
        }
        return error;
    }

    static double semicircleCdf(double x) {
        double t = Math.max(-2, Math.min(2, x));
        return 0.5 + t * Math.sqrt(4 - t * t) / (4 * Math.PI) + Math.asin(t / 2) / Math.PI;
    }

    static double edgeError(Measure law, double lo, double hi) {
        Interval hull = StieltjesInversion.invert(law).support().hull().orElseThrow();
        return Math.max(Math.abs(hull.lo() - lo), Math.abs(hull.hi() - hi));
    }

    static double atomError(Measure law, double location, double mass) {
        List<Atom> atoms = StieltjesInversion.invert(law).atoms();
        if (atoms.size() != 1) {
            return Double.POSITIVE_INFINITY;
        }
        return Math.max(Math.abs(atoms.get(0).location() - location), Math.abs(atoms.get(0).mass() - mass));
    }

    /** One route of semicircle(1) ⊞ semicircle(1) against G of semicircle(2), on lines Im z = y. */
    static double routeError(Route route, double... ys) {
        double error = 0;
        Measure sum = FreeConvolution.additive(Laws.semicircle(1), Laws.semicircle(1), route);
        Complex edge = new Complex(2 * Math.sqrt(2));
        for (double y : ys) {
            for (int i = 0; i <= 40; i++) {
                Complex z = new Complex(-4 + 0.2 * i, y);
                Complex exact = z.subtract(z.subtract(edge).sqrt().multiply(z.add(edge).sqrt())).divide(4);
                error = Math.max(error, sum.cauchy(z).subtract(exact).norm());
            }
        }
        return error;
    }

    /** The engine's own accuracy: m_1 … m_30 of mp(1) ⊠ mp(1) at 50 digits against the exact integers. */
    static double engineFussCatalanError() {
        int order = 30;
        MomentSequence mp = Laws.marchenkoPastur(1).exactMoments(order, Precision.ofDigits(50));
        MomentSequence product = MomentEngine.multiplicative(mp, mp);
        double error = 0;
        for (int n = 1; n <= order; n++) {
            BigDecimal exact = new BigDecimal(binomial(3 * n, n).divide(BigInteger.valueOf(2L * n + 1)));
            BigDecimal computed = product.get(n).toBigDecimal(60);
            error = Math.max(error, computed.subtract(exact).abs().divide(exact, MathContext.DECIMAL64)
                    .doubleValue());
        }
        return error;
    }

    static BigInteger binomial(int n, int k) {
        BigInteger out = BigInteger.ONE;
        for (int i = 1; i <= k; i++) {
            out = out.multiply(BigInteger.valueOf(n - k + i)).divide(BigInteger.valueOf(i));
        }
        return out;
    }

    static double engineError(Measure law) {
        return momentError(StieltjesInversion.invert(law).moments(MOMENTS),
                law.exactMoments(MOMENTS, ENGINE).toDoubleArray());
    }

    static double jacobianError(Network network) {
        JacobianSpectrum jacobian = JacobianSpectrum.of(network);
        return momentError(jacobian.spectrum().moments(MOMENTS),
                jacobian.exactMoments(MOMENTS, ENGINE).toDoubleArray());
    }

    static double ntkError(Network network) {
        double error = 0;
        for (NtkLayer layer : NtkSpectrum.of(network).layers()) {
            error = Math.max(error, layer.momentError());
        }
        return error;
    }

    /** max_k |m̂_k − m_k|/|m_k| over k = 1 … 8, the absolute error where m_k = 0 (odd moments of symmetric laws). */
    static double momentError(double[] computed, double[] exact) {
        double error = 0;
        for (int k = 1; k <= MOMENTS; k++) {
            double scale = exact[k] == 0 ? 1 : Math.abs(exact[k]);
            error = Math.max(error, Math.abs(computed[k] - exact[k]) / scale);
        }
        return error;
    }

    static Comparison ensemble(Measure law, double[] eigenvalues) {
        return Comparison.of(StieltjesInversion.invert(law), law.moments(MOMENTS), eigenvalues,
                FiniteSizeRule.ENSEMBLE);
    }

    // ----- closed forms and networks -----

    /** The density of semicircle(v). */
    static double semicircle(double v, double x) {
        double r = 4 * v - x * x;
        return r <= 0 ? 0 : Math.sqrt(r) / (2 * Math.PI * v);
    }

    /** The density of mp(λ), without its atom. */
    static double marchenkoPastur(double lambda, double x) {
        return ApiGuideTest.mpDensity(lambda, x);
    }

    /** m_0 … m_8 of mp(1)^{⊠s}: the Fuss–Catalan numbers. */
    static double[] fussCatalan(int s) {
        double[] m = new double[MOMENTS + 1];
        for (int n = 0; n <= MOMENTS; n++) {
            m[n] = ApiGuideTest.fussCatalan(s, n);
        }
        return m;
    }

    static Network reluNetwork(WeightDistribution weights, int depth) {
        return Network.of(Activation.relu(), weights, 2, 0, depth).withFirstVariance(1);
    }

    static double[] critical(Activation activation, double qStar) {
        return MeanField.criticalPoint(activation, qStar);
    }

    static Network criticalTanh(WeightDistribution weights, double qStar, int depth) {
        double[] point = critical(Activation.tanh(), qStar);
        return Network.of(Activation.tanh(), weights, point[0], point[1], depth);
    }

    private static <T> Supplier<T> memo(Supplier<T> supplier) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = supplier.get();
                }
                return value;
            }
        };
    }
}
