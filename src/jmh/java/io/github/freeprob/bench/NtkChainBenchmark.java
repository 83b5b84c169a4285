package io.github.freeprob.bench;

import io.github.freeprob.network.Network;
import io.github.freeprob.network.NtkCauchyTransform;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The density of the last NTK layer of a critical tanh network (q* = 1/64, orthogonal weights) on 1000 points of
 * [0, t] by {@link NtkCauchyTransform} (all layers' subordination equations solved together at each point), from
 * scratch (the layer factor's compaction included), single thread. Targets: L = 100 under 5 s (issue 4), L = 1000
 * under 30 s (issue 7). The grid's end t = (m₄₀/10⁻⁶)^{1/40} (exact moments) leaves at most 10⁻⁶ of the mass
 * above it (Markov's inequality); it is computed once, outside the timed part.
 *
 * <p>Run: {@code mvn -B -Pbench test-compile exec:exec -Dbench.args="NtkChainBenchmark"}.
 */
@State(Scope.Benchmark)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
public class NtkChainBenchmark {

    @Param({"100", "1000"})
    int depth;

    private double[] grid;

    @Setup
    public void grid() {
        grid = grid(NetworkBenchmark.criticalTanh(depth), 1000);
    }

    /** n midpoints of [0, t], with at most 10⁻⁶ of the mass above t ({@link NtkCauchyTransform#upperBound}). */
    static double[] grid(Network network, int n) {
        double hi = NtkCauchyTransform.upperBound(network, 1e-6);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = hi * (i + 0.5) / n;
        }
        return x;
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @Warmup(iterations = 1)
    @Measurement(iterations = 3)
    public double[] ntkDensity() {
        return NtkCauchyTransform.of(NetworkBenchmark.criticalTanh(depth)).density(grid);
    }
}
