package io.github.freeprob.bench;

import io.github.freeprob.convolution.FreeConvolution;
import io.github.freeprob.inversion.StieltjesInversion;
import io.github.freeprob.measure.Interval;
import io.github.freeprob.measure.Laws;
import io.github.freeprob.measure.Measure;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.hipparchus.complex.Complex;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * G per point for each representation of a measure, single thread (issue 7 target for a named law: under 100 ns per
 * point): the named laws, a discrete law, an empirical law of 1000 samples, a free sum and a free product (each point
 * a cold subordination solve), and the compact Chebyshev form that Stieltjes inversion returns. The {@value #POINTS}
 * points cover the law's bounds with a margin of half their width on each side, at heights 0.01 to 0.5 of the width
 * (as {@code bin/freeprob bench} takes them for the semicircle); scores are per point, sampled per invocation of
 * {@value #POINTS} points (JMH reports the median and the minimum, the latter the steadier on a loaded machine).
 *
 * <p>Run: {@code mvn -B -Pbench test-compile exec:exec -Dbench.args="MeasureBenchmark"}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
public class MeasureBenchmark {

    /** Points per invocation. */
    static final int POINTS = 1000;

    @Param({"semicircle", "mp", "mp2", "atoms", "uniform", "arcsine", "empirical", "sum", "product", "chebyshev"})
    String law;

    private Measure measure;
    private Complex[] points;
    private double[] re;
    private double[] im;
    private double[] outRe;
    private double[] outIm;

    static Measure law(String name) {
        return switch (name) {
            case "semicircle" -> Laws.semicircle(1);
            case "mp" -> Laws.marchenkoPastur(0.5);
            case "mp2" -> Laws.marchenkoPastur(2);
            case "atoms" -> Laws.atoms(new double[] {0, 1, 2.5}, new double[] {0.25, 0.5, 0.25});
            case "uniform" -> Laws.uniform(-1, 2);
            case "arcsine" -> Laws.arcsine(0, 4);
            case "empirical" -> {
                SplittableRandom random = new SplittableRandom(7);
                double[] samples = new double[1000];
                for (int i = 0; i < samples.length; i++) {
                    samples[i] = random.nextGaussian();
                }
                yield Laws.empirical(samples);
            }
            case "sum" -> FreeConvolution.additive(Laws.semicircle(1), Laws.marchenkoPastur(0.5));
            case "product" -> FreeConvolution.multiplicative(Laws.marchenkoPastur(0.5), Laws.uniform(0.5, 2));
            case "chebyshev" -> StieltjesInversion.invert(FreeConvolution.additive(Laws.semicircle(1),
                    Laws.marchenkoPastur(0.5))).compact();
            default -> throw new IllegalArgumentException("unknown law " + name);
        };
    }

    @Setup
    public void setUp() {
        measure = law(law);
        Interval bounds = measure.bounds();
        double width = Math.max(bounds.width(), 1);
        points = new Complex[POINTS];
        re = new double[POINTS];
        im = new double[POINTS];
        outRe = new double[POINTS];
        outIm = new double[POINTS];
        for (int i = 0; i < POINTS; i++) {
            re[i] = bounds.lo() - 0.5 * width + 2 * width * i / POINTS;
            im[i] = width * (0.01 + 0.5 * (i % 7) / 7.0);
            points[i] = new Complex(re[i], im[i]);
        }
    }

    /** The {@link Complex} API: {@code measure.cauchy(Complex[])}. */
    @Benchmark
    @OperationsPerInvocation(POINTS)
    public Complex[] complexPoints() {
        return measure.cauchy(points);
    }

    /** The batch API on real and imaginary parts: {@code measure.cauchy(re, im, outRe, outIm)}. */
    @Benchmark
    @OperationsPerInvocation(POINTS)
    public double[] primitivePoints() {
        measure.cauchy(re, im, outRe, outIm);
        return outIm;
    }
}
