package io.github.freeprob.cli;

import io.github.freeprob.convolution.FreeConvolution;
import io.github.freeprob.inversion.Spectrum;
import io.github.freeprob.inversion.StieltjesInversion;
import io.github.freeprob.measure.Interval;
import io.github.freeprob.measure.Laws;
import io.github.freeprob.measure.Measure;
import io.github.freeprob.network.Activation;
import io.github.freeprob.network.JacobianSpectrum;
import io.github.freeprob.network.MeanField;
import io.github.freeprob.network.Network;
import io.github.freeprob.network.NtkCauchyTransform;
import io.github.freeprob.network.NtkSpectrum;
import io.github.freeprob.network.WeightDistribution;
import io.github.freeprob.precision.Precision;
import io.github.freeprob.sampling.Ensembles;
import io.github.freeprob.sampling.SymmetricEigenvalues;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.hipparchus.complex.Complex;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code freeprob bench}: a quick look (2–3 minutes, {@code --quick} 30 s) at what the core operations cost on this machine, single thread:
 * each case is run a few times after a warm-up, and its median is printed next to the project's target and, for the
 * free convolution, next to the cost of one sampled matrix of the same law. Wall-clock medians of a handful of runs,
 * so expect ±20 % on a busy machine; the JMH benchmarks ({@code mvn -B -Pbench test-compile exec:exec}) are the careful
 * measurement.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        subcommands = {BenchScalingCommand.class, BenchAccuracyCommand.class},
        description = {"Time the core operations on this machine (single thread, 2-3 minutes): medians of a few"
                + " runs after a warm-up, next to the project's targets.",
            "Careful figures come from the JMH benchmarks (docs/performance.md):",
            "  mvn -B -Pbench test-compile exec:exec"})
final class BenchCommand implements Callable<Integer> {

    @Option(names = "--quick", description = "fewer repetitions and small depths only, without targets (about 30 s)")
    boolean quick;

    @Spec
    private CommandSpec spec;

    /** One timed case: what it computes, the unit its median is reported in, and the target (NaN: none). */
    private record Case(String name, String unit, double unitsPerRun, double target, Supplier<Object> run) {
    }

    /** A measured case. */
    record Row(String name, String unit, double median, double target) {

        boolean meetsTarget() {
            return !(median > target);
        }
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Row> rows = new ArrayList<>();
        for (Case c : cases()) {
            err.printf(Locale.ROOT, "freeprob bench: %s ...%n", c.name);
            err.flush();
            rows.add(measure(c));
        }
        out.println(table(rows));
        out.flush();
        return 0;
    }

    private List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        Measure semicircle = Laws.semicircle(1);
        Complex[] points = new Complex[100_000];
        for (int i = 0; i < points.length; i++) {
            points[i] = new Complex(-3 + 6.0 * i / points.length, 0.01 + 0.5 * (i % 7) / 7.0);
        }
        cases.add(new Case("G of semicircle(1), one point", "ns", points.length * 1e-9, 100,
                () -> semicircle.cauchy(points)));
        cases.add(new Case("semicircle(1) + mp(0.5) (free sum): inversion and density on 1000 points", "ms", 1e-3, 50,
                () -> density(FreeConvolution.additive(Laws.semicircle(1), Laws.marchenkoPastur(0.5)))));
        cases.add(new Case("mp(0.5) x (1/2 d0 + 1/2 d1) (free product with atoms): inversion and density", "ms", 1e-3, 50,
                () -> density(FreeConvolution.multiplicative(Laws.marchenkoPastur(0.5),
                        Laws.atoms(new double[] {0, 1}, new double[] {0.5, 0.5})))));
        cases.add(new Case("sampled: eigenvalues of GOE + Wishart, N = 1000 (one matrix)", "ms", 1e-3, Double.NaN,
                () -> sampledSum(1000)));
        int[] jacobianDepths = quick ? new int[] {1000} : new int[] {1000, 10_000};
        for (int depth : jacobianDepths) {
            cases.add(new Case("Jacobian of critical tanh, L = " + depth + ": law, lambda_max, density on 1000 points",
                    "ms", 1e-3, 500, () -> jacobianDensity(depth)));
        }
        int[] ntkDepths = quick ? new int[] {10} : new int[] {100, 1000};
        for (int depth : ntkDepths) {
            cases.add(new Case("NTK of critical tanh, L = " + depth + ": density of the last layer on 1000 points",
                    "s", 1, depth == 100 ? 5 : depth == 1000 ? 30 : Double.NaN, () -> ntkDensity(depth)));
        }
        int momentDepth = quick ? 10 : 100;
        cases.add(new Case("exact moments of the NTK, L = " + momentDepth + ": 64 moments at 100 digits", "s", 1,
                momentDepth == 100 ? 2 : Double.NaN,
                () -> NtkSpectrum.exactMoments(criticalTanh(momentDepth), 64, Precision.ofDigits(100))));
        return cases;
    }

    private Row measure(Case c) {
        int warmup = quick ? 1 : 2;
        int runs = quick ? 3 : 5;
        if (c.unit.equals("ns")) {
            // a per-point microbenchmark: the first case of a fresh JVM, so give the JIT time to compile its kernel
            // (two warm-up runs measured 51 and 117 ns in two idle runs; JMH, properly warmed, 24 ns)
            warmup = quick ? 5 : 20;
            runs = quick ? 5 : 9;
        }
        boolean slow = c.unit.equals("s");
        if (slow) {
            warmup = 1;
            runs = quick ? 1 : 3;
        }
        for (int i = 0; i < warmup; i++) {
            c.run.get();
        }
        double[] times = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            c.run.get();
            times[i] = (System.nanoTime() - start) * 1e-9 / c.unitsPerRun;
        }
        Arrays.sort(times);
        double median = runs % 2 == 1 ? times[runs / 2] : 0.5 * (times[runs / 2 - 1] + times[runs / 2]);
        return new Row(c.name, c.unit, median, c.target);
    }

    static String table(List<Row> rows) {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%-92s %12s %10s  %s%n", "case (single thread)",
                "median", "target", "target/median"));
        Row sampled = null;
        Row freeSum = null;
        for (Row row : rows) {
            String target = Double.isNaN(row.target) ? "-" : String.format(Locale.ROOT, "%.4g %s", row.target, row.unit);
            String ratio = Double.isNaN(row.target) ? "" : String.format(Locale.ROOT, "%.3g%s", row.target / row.median,
                    row.meetsTarget() ? "" : "  (target missed)");
            text.append(String.format(Locale.ROOT, "%-92s %9.4g %-2s %10s  %s%n", row.name, row.median, row.unit, target,
                    ratio));
            if (row.name.startsWith("sampled")) {
                sampled = row;
            }
            if (row.name.contains("(free sum)")) {
                freeSum = row;
            }
        }
        if (sampled != null && freeSum != null) {
            text.append(String.format(Locale.ROOT, "%nThe free sum's exact density took %.3g times the time of one sampled"
                    + " 1000 x 1000 matrix, whose histogram is a noisy estimate of it (Levy distance about 1/N).%n",
                    freeSum.median / sampled.median));
        }
        return text.toString();
    }

    private static double[] density(Measure law) {
        Spectrum spectrum = StieltjesInversion.invert(law);
        Interval bounds = spectrum.compact().bounds();
        return spectrum.density(grid(bounds.lo(), bounds.hi(), 1000));
    }

    private static double[] sampledSum(int n) {
        SplittableRandom random = new SplittableRandom(1);
        return SymmetricEigenvalues.of(Ensembles.goe(n, 1, random).add(Ensembles.wishart(n, 0.5, random)));
    }

    static Network criticalTanh(int depth) {
        double[] point = MeanField.criticalPoint(Activation.tanh(), 1.0 / 64);
        return Network.of(Activation.tanh(), WeightDistribution.ORTHOGONAL, point[0], point[1], depth);
    }

    private static double[] jacobianDensity(int depth) {
        JacobianSpectrum jacobian = JacobianSpectrum.of(criticalTanh(depth));
        return jacobian.density(grid(0, jacobian.lambdaMax(), 1000));
    }

    /** The grid ends where at most 10⁻⁶ of the mass lies above ({@link NtkCauchyTransform#upperBound}). */
    private static double[] ntkDensity(int depth) {
        Network network = criticalTanh(depth);
        return NtkCauchyTransform.of(network).density(grid(0, NtkCauchyTransform.upperBound(network, 1e-6), 1000));
    }

    private static double[] grid(double lo, double hi, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = lo + (hi - lo) * (i + 0.5) / n;
        }
        return x;
    }
}
