package io.github.freeprob.convolution;

import io.github.freeprob.measure.Laws;
import io.github.freeprob.measure.Measure;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded generator of random measures for property tests: discrete laws with 1–6 atoms, mixtures of a named law with
 * a point mass, and affine images of named laws; on [0, ∞) when asked.
 */
final class RandomMeasures {

    private RandomMeasures() {
    }

    static Measure draw(SplittableRandom random, boolean positive) {
        int type = random.nextInt(3);
        if (type == 0) {
            int n = 1 + random.nextInt(6);
            double[] x = new double[n];
            double[] p = new double[n];
            double sum = 0;
            for (int i = 0; i < n; i++) {
                x[i] = positive ? random.nextDouble(0, 3) : random.nextDouble(-2, 2);
                p[i] = random.nextDouble(0.05, 1);
                sum += p[i];
            }
            double last = 1;
            for (int i = 0; i < n - 1; i++) {
                p[i] /= sum;
                last -= p[i];
            }
            p[n - 1] = last;
            return Laws.atoms(x, p);
        }
        Measure base = switch (random.nextInt(4)) {
            case 0 -> positive ? Laws.marchenkoPastur(random.nextDouble(0.1, 2)) : Laws.semicircle(random.nextDouble(0.1, 2));
            case 1 -> Laws.marchenkoPastur(random.nextDouble(0.1, 3));
            case 2 -> Laws.uniform(positive ? 0.1 : -1, 2);
            default -> Laws.arcsine(positive ? 0 : -1.5, 1.5);
        };
        if (type == 1) {
            double w = random.nextDouble(0.2, 0.8);
            double atom = positive ? random.nextDouble(0, 3) : random.nextDouble(-2, 2);
            return Laws.mixture(new double[] {w, 1 - w}, List.of(base, Laws.dirac(atom)));
        }
        double scale = random.nextDouble(0.5, 2);
        return Laws.affine(base, positive ? 0 : random.nextDouble(-1, 1), scale);
    }

    /** A pair for seed {@code seed}: two laws, both on [0, ∞) when {@code positive}. */
    static Measure[] pair(long seed, boolean positive) {
        SplittableRandom random = new SplittableRandom(seed);
        return new Measure[] {draw(random, positive), draw(random, positive)};
    }
}
