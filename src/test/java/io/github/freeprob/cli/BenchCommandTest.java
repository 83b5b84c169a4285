package io.github.freeprob.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The table of {@code freeprob bench} (the timings themselves are not asserted: speed lives in benchmarks). */
class BenchCommandTest {

    @Test
    void theTableFlagsMissedTargetsAndComparesTheFreeSumWithOneSample() {
        String table = BenchCommand.table(List.of(
                new BenchCommand.Row("G of semicircle(1), one point", "ns", 50, 100),
                new BenchCommand.Row("semicircle(1) + mp(0.5) (free sum)", "ms", 80, 50),
                new BenchCommand.Row("sampled: eigenvalues", "ms", 800, Double.NaN)));
        String[] lines = table.split("\n");
        assertThat(lines[1]).contains("50.00 ns").contains("2.00").doesNotContain("missed");
        assertThat(lines[2]).contains("80.00 ms").contains("0.625").contains("(target missed)");
        assertThat(lines[3]).contains("800.0 ms").doesNotContain("missed");
        // 80 ms against 800 ms for one sample
        assertThat(table).contains("took 0.100 times the time of one sampled");
    }

    @Test
    void helpNamesTheJmhSuite() {
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new Freeprob());
        cli.setOut(new PrintWriter(out));
        assertThat(cli.execute("bench", "--help")).isZero();
        assertThat(out.toString()).contains("--quick").contains("mvn -B -Pbench test-compile exec:exec");
    }
}
