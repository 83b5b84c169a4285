package io.github.freeprob.bench;

import io.github.freeprob.convolution.FreeConvolution;
import io.github.freeprob.inversion.Spectrum;
import io.github.freeprob.inversion.StieltjesInversion;
import io.github.freeprob.measure.Laws;
import io.github.freeprob.measure.Measure;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The density of a free convolution on 1000 points, from scratch: Stieltjes inversion (atoms, support edges, compact
 * form) and the density on the grid, single thread. Target (issues 3 and 7): under 50 ms each.
 *
 * <p>Run: {@code mvn -B -Pbench test-compile exec:exec -Dbench.args="ConvolutionBenchmark"}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ConvolutionBenchmark {

    static double[] density(Measure law) {
        Spectrum spectrum = StieltjesInversion.invert(law);
        double lo = spectrum.compact().bounds().lo();
        double hi = spectrum.compact().bounds().hi();
        double[] x = new double[1000];
        for (int i = 0; i < x.length; i++) {
            x[i] = lo + (hi - lo) * i / (x.length - 1);
        }
        return spectrum.density(x);
    }

    /** The order of {@code bin/freeprob bench} (μ = semicircle carries G in the primary subordination equation). */
    @Benchmark
    public double[] additiveSemicircleMp() {
        return density(FreeConvolution.additive(Laws.semicircle(1), Laws.marchenkoPastur(0.5)));
    }

    @Benchmark
    public double[] additiveMpSemicircle() {
        return density(FreeConvolution.additive(Laws.marchenkoPastur(0.5), Laws.semicircle(1)));
    }

    @Benchmark
    public double[] multiplicativeMpRelu() {
        return density(FreeConvolution.multiplicative(Laws.marchenkoPastur(0.5),
                Laws.atoms(new double[] {0, 1}, new double[] {0.5, 0.5})));
    }
}
