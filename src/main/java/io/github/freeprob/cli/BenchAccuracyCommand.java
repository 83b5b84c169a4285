package io.github.freeprob.cli;

import io.github.freeprob.inversion.Spectrum;
import io.github.freeprob.validation.TimeToAccuracy;
import io.github.freeprob.validation.TimeToAccuracy.Checkpoint;
import io.github.freeprob.validation.TimeToAccuracy.FreeprobResult;
import io.github.freeprob.validation.TimeToAccuracy.SamplingResult;
import io.github.freeprob.validation.TimeToAccuracy.Target;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code freeprob bench time-to-accuracy}: for each target of {@link TimeToAccuracy}, freeprob's median time to a
 * density within 1e-6 of an independent reference, against the time sampled matrices need to reach their best Lévy
 * distance at each width, and the ratio. The protocol lives in {@link TimeToAccuracy}; this command runs it and
 * prints the table.
 */
@Command(name = "time-to-accuracy", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Time to accuracy against sampling (single thread): freeprob's median time to a density within"
                + " 1e-6 of a reference, against the time sampled matrices (pooled over seeds) take to reach their"
                + " best Levy distance at N = 250 ... 2000, and the ratio. About 5 minutes on an idle 2-core machine"
                + " (--quick: N = 250, 500, few seeds, about a minute).",
            "Protocol: docs/performance.md, \"Time to accuracy against sampling\"."})
final class BenchAccuracyCommand implements Callable<Integer> {

    /** With {@code --quick}, at most this / N seeds per width. */
    private static final int QUICK_SEEDS = 1000;

    @Option(names = "--quick", description = "N = 250, 500 by default, at most 1000/N seeds (4 and 2), 1 warm-up and 3 timed runs")
    boolean quick;

    @Option(names = "--targets", split = ",", paramLabel = "NAME",
            description = "targets to run, of sum, product, jacobian, ntk (default: all)")
    List<String> targets;

    @Option(names = "--widths", split = ",", paramLabel = "N",
            description = "widths N of the sampled matrices (default 250,500,1000,2000; --quick: 250,500)")
    List<Integer> widths;

    @Option(names = "--seed", description = "seed of the sampling generator (default: ${DEFAULT-VALUE})")
    long seed = 1;

    @Spec
    private CommandSpec spec;

    /** One row of the table: a target's freeprob result next to its sampling result at one width. */
    record Row(FreeprobResult freeprob, SamplingResult sampling) {

        double ratio() {
            return sampling.best().seconds() / freeprob.medianSeconds();
        }
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Target> chosen = chosenTargets();
        List<Integer> ns = widths != null ? widths : quick ? List.of(250, 500) : List.of(250, 500, 1000, 2000);
        for (int n : ns) {
            if (n < 2) {
                throw new ParameterException(spec.commandLine(), "--widths: every N must be >= 2, but got " + n);
            }
        }
        List<Row> rows = new ArrayList<>();
        for (Target target : chosen) {
            err.printf(Locale.ROOT, "freeprob bench time-to-accuracy: %s, freeprob and its reference ...%n",
                    target.name());
            err.flush();
            FreeprobResult freeprob = TimeToAccuracy.freeprob(target, quick ? 1 : 2, quick ? 3 : 5);
            Spectrum law = target.cdf().get();
            for (int n : ns) {
                int cap = quick ? Math.max(1, QUICK_SEEDS / n) : TimeToAccuracy.seedCap(target, n);
                err.printf(Locale.ROOT, "freeprob bench time-to-accuracy: %s, sampling N = %d (at most %d seeds) ...%n",
                        target.name(), n, cap);
                err.flush();
                rows.add(new Row(freeprob, TimeToAccuracy.sampling(target, law, n, cap, seed)));
            }
        }
        out.print(table(rows));
        out.flush();
        return 0;
    }

    private List<Target> chosenTargets() {
        List<Target> all = TimeToAccuracy.targets();
        if (targets == null) {
            return all;
        }
        List<Target> chosen = new ArrayList<>();
        for (String name : targets) {
            Target match = all.stream().filter(t -> t.name().equals(name.strip())).findFirst()
                    .orElseThrow(() -> new ParameterException(spec.commandLine(), "--targets: unknown target '"
                            + name + "', expected one of sum, product, jacobian, ntk"));
            chosen.add(match);
        }
        return chosen;
    }

    /** The table: per target its description, then one line per width; a summary of the smallest ratio at the end. */
    static String table(List<Row> rows) {
        StringBuilder text = new StringBuilder();
        Target current = null;
        double smallest = Double.POSITIVE_INFINITY;
        for (Row row : rows) {
            FreeprobResult f = row.freeprob();
            if (f.target() != current) {
                current = f.target();
                text.append(String.format(Locale.ROOT, "%n%s: %s%n", current.name(), current.law()));
                text.append(String.format(Locale.ROOT, "  freeprob: %s: median %.4g s of %d runs, density error %.2e"
                        + " (goal %.0e%s)%n", current.route(), f.medianSeconds(), f.runs(), f.densityError(),
                        TimeToAccuracy.DENSITY_GOAL, f.meetsGoal() ? ", met" : ", MISSED"));
                text.append(String.format(Locale.ROOT, "  reference: %s (%.3g s)%n", current.reference(),
                        f.referenceSeconds()));
                text.append(String.format(Locale.ROOT, "  %6s %6s %14s %12s %9s %12s%n", "N", "seeds",
                        "time to best", "best Levy", "stopped", "ratio"));
            }
            Checkpoint best = row.sampling().best();
            int drawn = row.sampling().checkpoints().get(row.sampling().checkpoints().size() - 1).seeds();
            text.append(String.format(Locale.ROOT, "  %6d %6s %12.4g s %12.3e %9s %12.4g%n", row.sampling().width(),
                    best.seeds() + "/" + drawn, best.seconds(), best.levy(),
                    row.sampling().plateau() ? "plateau" : "cap", row.ratio()));
            smallest = Math.min(smallest, row.ratio());
        }
        if (!rows.isEmpty()) {
            text.append(String.format(Locale.ROOT, "%nSmallest ratio (sampling time to its best / freeprob time): %.4g"
                    + " (goal 1000: %s). Sampling never reaches freeprob's accuracy: its best Levy distance is the"
                    + " column above, freeprob's density is within %.0e.%n", smallest,
                    smallest >= 1000 ? "met" : "missed", TimeToAccuracy.DENSITY_GOAL));
        }
        return text.toString();
    }
}
