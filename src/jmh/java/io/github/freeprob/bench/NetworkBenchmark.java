package io.github.freeprob.bench;

import io.github.freeprob.inversion.Spectrum;
import io.github.freeprob.network.Activation;
import io.github.freeprob.network.JacobianSpectrum;
import io.github.freeprob.network.MeanField;
import io.github.freeprob.network.Network;
import io.github.freeprob.network.NtkSpectrum;
import io.github.freeprob.network.WeightDistribution;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Network spectra from scratch to the density on 1000 points, single thread (issue 4): the Jacobian of a critical
 * tanh network at depth L (target at L = 1000: under 0.5 s) and the NTK of a critical tanh network at depth L (target
 * at L = 100: under 5 s). Critical tanh with q* = 1/64 (the setting of Pennington, Schoenholz and Ganguli 2017's
 * figures); orthogonal weights.
 *
 * <p>Run: {@code mvn -B -Pbench verify -Dbench.args="NetworkBenchmark"}.
 */
@State(Scope.Benchmark)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
public class NetworkBenchmark {

    /** q* of the critical tanh networks. */
    static final double Q_STAR = 1.0 / 64;

    @Param({"1000", "10000"})
    int jacobianDepth;

    @Param({"100"})
    int ntkDepth;

    static Network criticalTanh(int depth) {
        double[] point = MeanField.criticalPoint(Activation.tanh(), Q_STAR);
        return Network.of(Activation.tanh(), WeightDistribution.ORTHOGONAL, point[0], point[1], depth);
    }

    static double[] grid(Spectrum spectrum) {
        double lo = spectrum.compact().bounds().lo();
        double hi = spectrum.compact().bounds().hi();
        double[] x = new double[1000];
        for (int i = 0; i < x.length; i++) {
            x[i] = lo + (hi - lo) * i / (x.length - 1);
        }
        return x;
    }

    /** n points of [0, top]. */
    static double[] grid(double top, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = top * i / (n - 1);
        }
        return x;
    }

    /**
     * What a user runs for a picture of the law: the law, its λ_max (exact at the fixed point, from the free power's
     * real branch) and the density on 1000 points of [0, λ_max] straight from G (no inversion).
     */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @Warmup(iterations = 3, time = 2)
    @Measurement(iterations = 5, time = 2)
    public double[] jacobianDensity() {
        JacobianSpectrum jacobian = JacobianSpectrum.of(criticalTanh(jacobianDepth));
        return jacobian.density(grid(jacobian.lambdaMax(), 1000));
    }

    /** The same law's full Stieltjes inversion (atoms, support, edges, a density with stated accuracy, CDF). */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @Warmup(iterations = 3, time = 2)
    @Measurement(iterations = 5, time = 2)
    public Spectrum jacobianInversion() {
        return JacobianSpectrum.of(criticalTanh(jacobianDepth)).spectrum();
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @Warmup(iterations = 1)
    @Measurement(iterations = 3)
    public double[] ntkDensity() {
        NtkSpectrum ntk = NtkSpectrum.of(criticalTanh(ntkDepth));
        return ntk.density(grid(ntk.spectrum()));
    }
}
