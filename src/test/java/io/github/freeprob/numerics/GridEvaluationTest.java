package io.github.freeprob.numerics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The contract of {@link GridEvaluation}: blocks whose boundaries depend on the grid size and block size only, each
 * evaluated on its own; the lowest failing block's exception for any thread count; the thread count validated.
 */
class GridEvaluationTest {

    /** 200 points in blocks of 64: [0, 64), [64, 128), [128, 192), [192, 200), whatever the thread count. */
    @ParameterizedTest(name = "{0} threads")
    @ValueSource(ints = {1, 2, 3, 8})
    void blockBoundariesDoNotDependOnTheThreadCount(int threads) {
        Set<List<Integer>> seen = ConcurrentHashMap.newKeySet();
        GridEvaluation.parallel(threads).forEachBlock(200, 64, (from, to) -> seen.add(List.of(from, to)));
        assertThat(seen).containsExactlyInAnyOrder(List.of(0, 64), List.of(64, 128), List.of(128, 192),
                List.of(192, 200));
    }

    /**
     * A block function whose value at a point depends on the block's first point (as a continuation's does): the
     * values are the same for 1, 2 and 3 threads, and each block sees only its own points.
     */
    @Test
    void aBlockFunctionGivesTheSameArrayOnAnyNumberOfThreads() {
        double[] xs = new double[1000];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = Math.sin(i);
        }
        double[] reference = GridEvaluation.sequential().blocks(xs, 64, GridEvaluationTest::startDependent);
        // block 2 holds points 128 … 191; its first value is its first point alone
        assertThat(reference[128]).isEqualTo(xs[128]);
        assertThat(reference[129]).isEqualTo(xs[129] + 1e-3 * xs[128]);
        for (int threads : new int[] {2, 3}) {
            assertThat(GridEvaluation.parallel(threads).blocks(xs, 64, GridEvaluationTest::startDependent))
                    .containsExactly(reference);
            assertThat(GridEvaluation.parallel(threads).map(xs, Math::cos))
                    .containsExactly(GridEvaluation.sequential().map(xs, Math::cos));
        }
    }

    private static double[] startDependent(double[] block) {
        double[] out = new double[block.length];
        for (int i = 0; i < block.length; i++) {
            out[i] = block[i] + (i == 0 ? 0 : 1e-3 * block[0]);
        }
        return out;
    }

    @ParameterizedTest(name = "{0} threads")
    @ValueSource(ints = {1, 2, 3})
    void theLowestFailingBlockIsReportedOnAnyNumberOfThreads(int threads) {
        assertThatThrownBy(() -> GridEvaluation.parallel(threads).forEachBlock(640, 64, (from, to) -> {
            if (from == 64 || from == 320) {
                throw new ConvergenceException("block at " + from, 1, 1, 0, 1);
            }
        })).isInstanceOf(ConvergenceException.class).hasMessageContaining("block at 64");
    }

    /** max(256, ⌈n/8⌉): one cut per grid size. */
    @Test
    void theDefaultBlockSizeDependsOnTheGridSizeOnly() {
        assertThat(GridEvaluation.blockSize(0)).isEqualTo(256);
        assertThat(GridEvaluation.blockSize(1000)).isEqualTo(256);
        assertThat(GridEvaluation.blockSize(2048)).isEqualTo(256);
        assertThat(GridEvaluation.blockSize(2049)).isEqualTo(257);
        assertThat(GridEvaluation.blockSize(100_000)).isEqualTo(12_500);
        assertThat(GridEvaluation.blockSize(Integer.MAX_VALUE)).isEqualTo(268_435_456);
    }

    @Test
    void emptyAndShortGrids() {
        assertThat(GridEvaluation.parallel(2).map(new double[0], Math::cos)).isEmpty();
        assertThat(GridEvaluation.parallel(2).map(new double[] {0}, Math::cos)).containsExactly(1.0);
    }

    @Test
    void badArgumentsAreNamed() {
        assertThatThrownBy(() -> GridEvaluation.parallel(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("threads must be >= 1, but was 0");
        assertThatThrownBy(() -> GridEvaluation.sequential().forEachBlock(10, 0, (from, to) -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("blockSize must be >= 1, but was 0");
        assertThatThrownBy(() -> GridEvaluation.parallel(2).blocks(new double[200], 64, block -> new double[1]))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("a block of 64 points returned 1");
        assertThat(GridEvaluation.parallel(1)).isSameAs(GridEvaluation.sequential());
        assertThat(GridEvaluation.parallel(3).threads()).isEqualTo(3);
    }
}
