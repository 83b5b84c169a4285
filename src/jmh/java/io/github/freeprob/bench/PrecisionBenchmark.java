package io.github.freeprob.bench;

import io.github.freeprob.network.Network;
import io.github.freeprob.network.NtkSpectrum;
import io.github.freeprob.precision.ChiSeries;
import io.github.freeprob.precision.MomentEngine;
import io.github.freeprob.precision.MomentSequence;
import io.github.freeprob.precision.Precision;
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
 * The exact moment engine, single thread, on the critical tanh network of the other benchmarks (q* = 1/64, orthogonal
 * weights).
 *
 * <ul>
 *   <li>{@code layer}: one NTK layer on χ-series, μ ↦ (q* + ·)_*(ν ⊠ μ) ({@link ChiSeries#multiplicative} then
 *       {@link ChiSeries#affine}), at 50 … 500 digits and 16 … 256 moments: the unit the depth-L cost is made of
 *       (L − 1 layers plus two reversions). Its input μ is the layer factor's own law, so its χ-series is generic.</li>
 *   <li>{@code ntkDepth100}: the target, {@code NtkSpectrum.exactMoments} of the depth-100 network, 64 moments
 *       at 100 digits, from scratch (the layer factor's moments included): under 2 s (issue 7).</li>
 * </ul>
 *
 * <p>Run: {@code mvn -B -Pbench test-compile exec:exec -Dbench.args="PrecisionBenchmark"} (about 4 minutes; one
 * method: {@code PrecisionBenchmark.ntkDepth100}).
 */
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
public class PrecisionBenchmark {

    /** The scaling grid of the layer benchmark. */
    @State(Scope.Benchmark)
    public static class Grid {

        @Param({"50", "100", "200", "500"})
        int digits;

        @Param({"16", "64", "256"})
        int moments;

        double shift;
        ChiSeries factor;

        @Setup
        public void factor() {
            Network network = NetworkBenchmark.criticalTanh(2);
            double q = network.variances()[0];
            Precision precision = Precision.ofDigits(digits);
            MomentSequence nu = network.activation().derivativeSquaredLaw(q).exactMoments(moments, precision);
            factor = ChiSeries.of(MomentEngine.affine(nu, 0, network.weightVariance()));
            shift = q;
        }
    }

    /** The case, built outside the timed part only as far as the network object. */
    @State(Scope.Benchmark)
    public static class Target {

        Network network;

        @Setup
        public void network() {
            network = NetworkBenchmark.criticalTanh(100);
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @Warmup(iterations = 1, time = 1)
    @Measurement(iterations = 3, time = 1)
    public ChiSeries layer(Grid grid) {
        return grid.factor.multiplicative(grid.factor).affine(grid.shift, 1);
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @Warmup(iterations = 2)
    @Measurement(iterations = 5)
    public MomentSequence ntkDepth100(Target target) {
        return NtkSpectrum.exactMoments(target.network, 64, Precision.ofDigits(100));
    }
}
