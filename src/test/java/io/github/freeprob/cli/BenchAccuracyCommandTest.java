package io.github.freeprob.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.freeprob.validation.TimeToAccuracy.Checkpoint;
import io.github.freeprob.validation.TimeToAccuracy.FreeprobResult;
import io.github.freeprob.validation.TimeToAccuracy.SamplingResult;
import io.github.freeprob.validation.TimeToAccuracy.Target;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code freeprob bench time-to-accuracy}: the table, a tiny run, bad input (no time is asserted). */
class BenchAccuracyCommandTest {

    private static final Target FAKE = new Target("fake", "a law", "a reference", "a route", null, null, null, null,
            false);

    /** 2 s of sampling against 10 ms of freeprob: ratio 200, below the goal 1000; the best is the later checkpoint. */
    @Test
    void theTableShowsTheBestCheckpointAndTheRatio() {
        FreeprobResult freeprob = new FreeprobResult(FAKE, 0.01, 5, 3e-12, 0.5);
        SamplingResult sampling = new SamplingResult(250, List.of(new Checkpoint(1, 1.0, 0.01),
                new Checkpoint(2, 2.0, 0.005), new Checkpoint(4, 4.0, 0.0049)), true);
        String table = BenchAccuracyCommand.table(List.of(new BenchAccuracyCommand.Row(freeprob, sampling)));
        assertThat(table).contains("fake: a law").contains("density error 3.00e-12 (goal 1e-06, met)")
                .contains("a reference (0.500 s)");
        assertThat(table).containsPattern("250\\s+4/4\\s+4\\.000 s\\s+4\\.900e-03\\s+plateau\\s+400\\.0\\n");
        assertThat(table).contains("Smallest ratio (sampling time to its best / freeprob time): 400.0 (goal 1000: missed)");
    }

    @Test
    void aTinyRunPrintsTheTable() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new Freeprob());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int status = cli.execute("bench", "time-to-accuracy", "--quick", "--targets", "product", "--widths", "100");
        assertThat(status).as(err.toString()).isZero();
        assertThat(out.toString()).contains("product: mp(0.5)").contains("(goal 1e-06, met)")
                .containsPattern("\\n\\s+100\\s+\\d+/\\d+ ").contains("Smallest ratio");
    }

    @Test
    void anUnknownTargetIsNamed() {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new Freeprob());
        cli.setErr(new PrintWriter(err));
        assertThat(cli.execute("bench", "time-to-accuracy", "--targets", "sum,nope")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown target 'nope'");
        assertThat(cli.execute("bench", "time-to-accuracy", "--widths", "1")).isEqualTo(2);
        assertThat(err.toString()).contains("every N must be >= 2, but got 1");
    }
}
