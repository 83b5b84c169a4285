package io.github.freeprob.numerics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;

/**
 * How a function is evaluated on a grid of points: on one thread or on several, with the same result to the last bit.
 *
 * <p><b>Blocks.</b> The grid's indices 0 … n − 1 are cut into consecutive blocks of a fixed size B (the last one
 * shorter): block k holds the indices kB … min(n, (k + 1)B) − 1, with B = {@link #blockSize(int)} unless a caller
 * gives its own. The cut depends on n and B only, never on the number of threads, and every block is evaluated on its
 * own, as if it were the whole grid. A route that carries a solution from one point to the next (a free convolution's
 * {@code cauchyBoundary}, the NTK layer chain) therefore restarts at the first point of every block, the same way for
 * any thread count, and a block's values do not depend on which thread evaluates it, or when. With {@code threads} threads the blocks are handed out in increasing order to
 * whichever thread is free; with one thread they run in order on the calling thread. The identity of the results
 * holds provided the block function is a deterministic function of its block's points and safe to call from several
 * threads at once (no state that changes results; lazily computed values that every thread would compute the same
 * are fine).
 *
 * <p><b>Failure.</b> If blocks throw, the exception of the lowest failing block is rethrown, which is the one a single
 * thread meets first; blocks after it are not started once it is known.
 *
 * <p>This object holds no threads: each call starts {@code min(threads, blocks) − 1} worker threads (the calling
 * thread is the last worker) and stops them before it returns: a thread start-up per worker and call, small against
 * a block's work.
 */
public final class GridEvaluation {

    /**
     * The shortest block of {@link #blockSize(int)}. A route that continues its solution along the grid pays for one
     * fresh solve per block: a cold subordination solve costs about 15 continuation steps for a free sum of two named
     * laws and about 60 for the Jacobian of a deep network at its fixed point (critical tanh, L = 1000), the NTK
     * chain's descent about 60 (L = 100; measured on the build machine under load). Blocks of 256 keep that below about
     * a fifth of the walk on one thread.
     */
    public static final int SHORTEST_BLOCK = 256;
    /**
     * The most blocks {@link #blockSize(int)} cuts a grid into: enough to keep 2, 4 or 8 threads evenly busy, few
     * enough that the restarts cost nothing on large grids.
     */
    public static final int MOST_BLOCKS = 8;

    private static final GridEvaluation SEQUENTIAL = new GridEvaluation(1);

    private final int threads;

    private GridEvaluation(int threads) {
        this.threads = threads;
    }

    /** @return evaluation on the calling thread, block after block */
    public static GridEvaluation sequential() {
        return SEQUENTIAL;
    }

    /**
     * @param threads the number of threads, ≥ 1 (1 is {@link #sequential()})
     * @return evaluation on that many threads
     * @throws IllegalArgumentException if threads &lt; 1
     */
    public static GridEvaluation parallel(int threads) {
        Checks.atLeast("threads", threads, 1);
        return threads == 1 ? SEQUENTIAL : new GridEvaluation(threads);
    }

    /** @return the number of threads */
    public int threads() {
        return threads;
    }

    /**
     * The block size for a grid of {@code size} points: max({@value #SHORTEST_BLOCK}, ⌈size/{@value #MOST_BLOCKS}⌉). It
     * depends on the grid's size only, so the cut, and every value, is the same for any number of threads.
     *
     * @param size the number of points, ≥ 0
     * @return the block size
     */
    public static int blockSize(int size) {
        Checks.atLeast("size", size, 0);
        return Math.max(SHORTEST_BLOCK, (int) ((size + (long) MOST_BLOCKS - 1) / MOST_BLOCKS));
    }

    /** A computation on the block of indices {@code from … to − 1}. */
    @FunctionalInterface
    public interface BlockTask {
        /**
         * @param from first index of the block
         * @param to   one past its last index
         */
        void run(int from, int to);
    }

    /**
     * Runs {@code task} on every block of {@code 0 … size − 1}. Blocks write disjoint parts of their output; the
     * writes are visible to the caller when this returns.
     *
     * @param size      the number of indices, ≥ 0
     * @param blockSize B, ≥ 1
     * @param task      the computation of one block
     * @throws IllegalArgumentException if size &lt; 0 or blockSize &lt; 1
     */
    public void forEachBlock(int size, int blockSize, BlockTask task) {
        Checks.atLeast("size", size, 0);
        Checks.atLeast("blockSize", blockSize, 1);
        int blocks = (int) ((size + (long) blockSize - 1) / blockSize);
        if (threads == 1 || blocks <= 1) {
            for (int k = 0; k < blocks; k++) {
                task.run(k * blockSize, end(k, blockSize, size));
            }
            return;
        }
        int workers = Math.min(threads, blocks);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger firstFailure = new AtomicInteger(Integer.MAX_VALUE);
        RuntimeException[] failures = new RuntimeException[blocks];
        Runnable worker = () -> {
            for (int k = next.getAndIncrement(); k < blocks && k < firstFailure.get(); k = next.getAndIncrement()) {
                try {
                    task.run(k * blockSize, end(k, blockSize, size));
                } catch (RuntimeException e) {
                    failures[k] = e;
                    firstFailure.accumulateAndGet(k, Math::min);
                }
            }
        };
        ExecutorService pool = Executors.newFixedThreadPool(workers - 1, runnable -> {
            Thread thread = new Thread(runnable, "freeprob-grid");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 1; w < workers; w++) {
                futures.add(pool.submit(worker));
            }
            worker.run();
            for (Future<?> future : futures) {
                await(future);
            }
        } finally {
            pool.shutdownNow();
        }
        int failed = firstFailure.get();
        if (failed != Integer.MAX_VALUE) {
            throw failures[failed];
        }
    }

    private static int end(int block, int blockSize, int size) {
        return (int) Math.min(size, (long) (block + 1) * blockSize);
    }

    private static void await(Future<?> future) {
        try {
            future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("grid evaluation interrupted");
        } catch (ExecutionException e) {
            // the workers catch RuntimeException themselves: what arrives here is an Error
            Throwable cause = e.getCause();
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("grid evaluation failed: " + cause, cause);
        }
    }

    /**
     * Evaluates a function block by block, in blocks of {@link #blockSize(int)}: {@code block} receives a copy of the
     * points of one block and returns its values, one per point, in order.
     *
     * @param xs    the points
     * @param block the evaluation of one block; must return as many values as it received points
     * @return the values at all points
     * @throws IllegalStateException if a block returns the wrong number of values
     */
    public double[] blocks(double[] xs, UnaryOperator<double[]> block) {
        return blocks(xs, blockSize(xs.length), block);
    }

    /**
     * Evaluates a function block by block, in blocks of a given size: {@code block} receives a copy of the points of
     * one block and returns its values, one per point, in order.
     *
     * @param xs        the points
     * @param blockSize B, ≥ 1
     * @param block     the evaluation of one block; must return as many values as it received points
     * @return the values at all points
     * @throws IllegalArgumentException if blockSize &lt; 1
     * @throws IllegalStateException    if a block returns the wrong number of values
     */
    public double[] blocks(double[] xs, int blockSize, UnaryOperator<double[]> block) {
        double[] out = new double[xs.length];
        forEachBlock(xs.length, blockSize, (from, to) -> {
            double[] values = block.apply(Arrays.copyOfRange(xs, from, to));
            if (values.length != to - from) {
                throw new IllegalStateException("a block of " + (to - from) + " points returned " + values.length
                        + " values");
            }
            System.arraycopy(values, 0, out, from, values.length);
        });
        return out;
    }

    /**
     * Evaluates a function of one point at every point, in blocks of {@link #blockSize(int)}.
     *
     * @param xs the points
     * @param f  the function; called from several threads when threads &gt; 1
     * @return f at each point
     */
    public double[] map(double[] xs, DoubleUnaryOperator f) {
        double[] out = new double[xs.length];
        forEachBlock(xs.length, blockSize(xs.length), (from, to) -> {
            for (int i = from; i < to; i++) {
                out[i] = f.applyAsDouble(xs[i]);
            }
        });
        return out;
    }

    @Override
    public String toString() {
        return threads == 1 ? "sequential" : threads + " threads";
    }
}
