package io.github.freeprob.bench;

import io.github.freeprob.sampling.Ensembles;
import io.github.freeprob.sampling.Matrix;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Eigenvalues (no eigenvectors) of an N×N GOE matrix, single thread: the cost of one sampled spectrum.
 * Run: mvn -B -Pbench test-compile exec:exec -Dbench.args="EigenvalueBenchmark -f 1 -wi 1 -i 3".
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class EigenvalueBenchmark {

    @Param({"500", "1000", "2000"})
    public int n;

    private Matrix matrix;

    @Setup
    public void setUp() {
        matrix = Ensembles.goe(n, 1, new SplittableRandom(1));
    }

    @Benchmark
    public double[] symmetricEigenvalues() {
        return matrix.symmetricEigenvalues();
    }
}
