package io.github.freeprob.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code freeprob bench scaling}: the power-law fit against exact power laws, and the table it prints (timings are not
 * asserted: speed lives in benchmarks).
 */
class BenchScalingCommandTest {

    /**
     * On an exact power law t = a nᵇ the least-squares line of log t on log n is the law itself; the only error is
     * the rounding of the logarithms and exponentials (a few ulps of values of order 10), hence 10⁻¹².
     */
    @Test
    void theFitRecoversExactPowerLaws() {
        double[] sizes = {100, 1000, 10_000, 100_000};
        for (double[] law : new double[][] {{3e-7, 1}, {2.5, 1.5}, {0.04, 0}, {7, -0.5}}) {
            double[] times = new double[sizes.length];
            for (int i = 0; i < sizes.length; i++) {
                times[i] = law[0] * Math.pow(sizes[i], law[1]);
            }
            BenchScalingCommand.Fit fit = BenchScalingCommand.fit(sizes, times);
            assertThat(fit.exponent()).as("b = %s", law[1]).isCloseTo(law[1], offset(1e-12));
            assertThat(fit.factor()).as("a = %s", law[0]).isCloseTo(law[0], offset(1e-12 * law[0]));
            assertThat(fit.from()).isEqualTo(100);
            assertThat(fit.to()).isEqualTo(100_000);
        }
        // Not a power law: t = n + n², the slope lies between the two exponents and is the least-squares value.
        double[] n = {1, 10, 100};
        double[] t = {2, 110, 10_100};
        double[] x = {0, Math.log(10), Math.log(100)};
        double[] y = {Math.log(2), Math.log(110), Math.log(10_100)};
        // three equally spaced x: the slope is (y₃ − y₁)/(x₃ − x₁)
        assertThat(BenchScalingCommand.fit(n, t).exponent()).isCloseTo((y[2] - y[0]) / (x[2] - x[0]), offset(1e-12))
                .isBetween(1.0, 2.0);
    }

    @Test
    void theFitRefusesWhatItCannotFit() {
        assertThatThrownBy(() -> BenchScalingCommand.fit(new double[] {10, 10}, new double[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two distinct sizes");
        assertThatThrownBy(() -> BenchScalingCommand.fit(new double[] {10, 100}, new double[] {1, 0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("times[1]");
        assertThatThrownBy(() -> BenchScalingCommand.fit(new double[] {10, 100}, new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("same length");
    }

    @Test
    void theTablePrintsEachSeriesWithItsExponentAndTheSpeedUp() {
        List<BenchScalingCommand.Series> series = List.of(
                new BenchScalingCommand.Series("sum: density on n points", "n", List.of(
                        new BenchScalingCommand.Point(100, 1e-3), new BenchScalingCommand.Point(10_000, 0.1))),
                new BenchScalingCommand.Series("Jacobian: density on n points", "n", List.of(
                        new BenchScalingCommand.Point(100, 2e-3), new BenchScalingCommand.Point(10_000, 2e-3))));
        String table = BenchScalingCommand.table(series, 10_000, 2, List.of(new double[] {0.08, 0.1, 0.05},
            new double[] {2e-3, 2e-3, 4e-3}));
        assertThat(table).contains("fitted exponent 1.000 (least squares of log t on log n, n = 100 ... 10000)")
                .contains("fitted exponent 0.000").contains("10.00 us").contains("1.000 ms")
                .contains("at n = 10000: one walk over the whole grid, blocks of 1250 on 1 thread and on 2 threads");
        String[] lines = table.split("\n");
        // speed-up 0.1/0.05 = 2, blocks/walk 0.1/0.08 = 1.25; then 0.5 and 1
        assertThat(lines[lines.length - 2]).startsWith("  sum ").endsWith("2.00       1.25");
        assertThat(lines[lines.length - 1]).startsWith("  Jacobian ").endsWith("0.50       1.00");
    }

    /** The command end to end on the tiny plan (a few seconds): every series, its exponent and the thread row. */
    @Test
    void theTinyPlanRunsAndPrintsATable() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new BenchScalingCommand(BenchScalingCommand.Plan.TINY));
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        assertThat(cli.execute("--threads", "2")).as(err.toString()).isZero();
        String table = out.toString();
        assertThat(table).contains("semicircle(1) + mp(0.5)").contains("Jacobian, critical tanh, L = 10")
                .contains("NTK chain").contains("at n = 200: one walk").contains("2 threads");
        assertThat(table.split("fitted exponent", -1)).hasSize(5);
    }

    @Test
    void theSubcommandIsRegisteredAndValidatesThreads() {
        SpectrumCommandTest.Result help = SpectrumCommandTest.run("bench", "scaling", "--help");
        assertThat(help.status()).isZero();
        assertThat(help.out()).contains("--quick").contains("--threads=N");
        SpectrumCommandTest.Result refused = SpectrumCommandTest.run("bench", "scaling", "--threads", "0");
        assertThat(refused.status()).isEqualTo(2);
        assertThat(refused.err()).contains("--threads must be >= 1, but was 0");
    }
}
