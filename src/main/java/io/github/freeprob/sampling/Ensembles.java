package io.github.freeprob.sampling;

import io.github.freeprob.numerics.Checks;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.QRDecomposition;

/**
 * Random matrix ensembles whose limit spectral laws are the named laws of {@code docs/conventions.md}, and the
 * matrices that realise free convolutions. Every sampler takes its {@link RandomGenerator}; the same seed gives the
 * same matrix.
 */
public final class Ensembles {

    private Ensembles() {
    }

    /**
     * An n×m matrix of i.i.d. N(0, variance) entries (a real Ginibre matrix when variance = 1/n).
     *
     * @param rows     n ≥ 1
     * @param cols     m ≥ 1
     * @param variance the variance of each entry, ≥ 0
     * @param random   the source of randomness
     * @return the matrix
     * @throws IllegalArgumentException if a size is &lt; 1 or the variance is negative or not finite
     */
    public static Matrix gaussian(int rows, int cols, double variance, RandomGenerator random) {
        Checks.atLeast("rows", rows, 1);
        Checks.atLeast("cols", cols, 1);
        double sd = Math.sqrt(Checks.nonNegative("variance", variance));
        double[] d = new double[rows * cols];
        for (int k = 0; k < d.length; k++) {
            d[k] = sd * random.nextGaussian();
        }
        return Matrix.wrap(rows, cols, d);
    }

    /**
     * A real Ginibre matrix: n×n with i.i.d. N(0, 1/n) entries (singular values of G follow the quarter circle;
     * GᵀG has limit law mp(1)).
     *
     * @param n      the size, ≥ 1
     * @param random the source of randomness
     * @return the matrix
     */
    public static Matrix ginibre(int n, RandomGenerator random) {
        return gaussian(n, n, 1.0 / Checks.atLeast("n", n, 1), random);
    }

    /**
     * A Haar-distributed orthogonal matrix: the QR factorisation of an n×n standard Gaussian matrix G = QR, with
     * column j of Q multiplied by sign(R_jj) so that the factorisation is the unique one with R_jj &gt; 0 (Mezzadri,
     * "How to generate random matrices from the classical compact groups", Notices AMS 54, 2007, §5). Without the sign
     * fix Q is not Haar.
     *
     * @param n      the size, ≥ 1
     * @param random the source of randomness
     * @return O with OᵀO = I
     */
    public static Matrix haarOrthogonal(int n, RandomGenerator random) {
        Matrix g = gaussian(n, n, 1, random);
        QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(n, n);
        if (!qr.decompose(new DMatrixRMaj(n, n, true, g.data()))) {
            throw new IllegalStateException("QR of a Gaussian matrix failed (n = " + n + ")");
        }
        DMatrixRMaj q = qr.getQ(null, false);
        DMatrixRMaj r = qr.getR(null, false);
        double[] sign = new double[n];
        for (int j = 0; j < n; j++) {
            sign[j] = r.get(j, j) < 0 ? -1 : 1;
        }
        return Matrix.of(q).scaleColumns(sign);
    }

    /**
     * The Gaussian orthogonal ensemble scaled to semicircle(v): symmetric, off-diagonal entries N(0, v/n), diagonal
     * entries N(0, 2v/n), i.e. (G + Gᵀ)/√2 for G with i.i.d. N(0, v/n) entries. The limit law of its eigenvalues is
     * the semicircle of variance v on [−2√v, 2√v]; E (1/n) tr A² = v (n + 1)/n exactly.
     *
     * @param n        the size, ≥ 1
     * @param variance v &gt; 0
     * @param random   the source of randomness
     * @return the matrix
     */
    public static Matrix goe(int n, double variance, RandomGenerator random) {
        Checks.atLeast("n", n, 1);
        Checks.positive("variance", variance);
        double sd = Math.sqrt(variance / n);
        double[] d = new double[n * n];
        for (int i = 0; i < n; i++) {
            d[i * n + i] = Math.sqrt(2) * sd * random.nextGaussian();
            for (int j = i + 1; j < n; j++) {
                double v = sd * random.nextGaussian();
                d[i * n + j] = v;
                d[j * n + i] = v;
            }
        }
        return Matrix.wrap(n, n, d);
    }

    /**
     * The Wishart matrix scaled to mp(λ): X Xᵀ/m with X an n×m standard Gaussian matrix and m = round(n/λ), so that
     * n/m ≈ λ (exactly when n/λ is an integer). Its limit law is mp(λ), with an atom 1 − 1/λ at 0 when λ &gt; 1
     * (X Xᵀ has rank m &lt; n). E (1/n) tr = 1 and E (1/n) tr (·)² = 1 + n/m + 1/m exactly.
     *
     * @param n      the size, ≥ 1
     * @param ratio  λ &gt; 0
     * @param random the source of randomness
     * @return the n×n matrix
     * @throws IllegalArgumentException if n &lt; 1, λ ≤ 0, or round(n/λ) &lt; 1
     */
    public static Matrix wishart(int n, double ratio, RandomGenerator random) {
        int m = wishartColumns(n, ratio);
        Matrix x = gaussian(n, m, 1.0 / m, random);
        return x.multiplyTransposed(x);
    }

    /**
     * @return m = round(n/λ), the number of columns of X in {@link #wishart}
     * @throws IllegalArgumentException if n &lt; 1, λ ≤ 0, or m &lt; 1
     */
    public static int wishartColumns(int n, double ratio) {
        Checks.atLeast("n", n, 1);
        Checks.positive("Marchenko-Pastur ratio", ratio);
        long m = Math.round(n / ratio);
        if (m < 1 || m > Integer.MAX_VALUE / Math.max(1, n)) {
            throw new IllegalArgumentException("Wishart columns round(n/ratio) = " + m + " out of range for n = " + n
                    + ", ratio = " + Checks.format(ratio));
        }
        return (int) m;
    }

    /**
     * A matrix with given eigenvalues in a uniformly random (Haar) basis: O diag(x) Oᵀ. With x the quantiles
     * Q((i − ½)/n) of a law μ its spectrum is a deterministic approximation of μ and its eigenvectors are Haar, which
     * is what freeness needs.
     *
     * @param eigenvalues x, finite
     * @param random      the source of randomness
     * @return the n×n symmetric matrix, n = x.length
     */
    public static Matrix withEigenvalues(double[] eigenvalues, RandomGenerator random) {
        int n = Checks.atLeast("number of eigenvalues", eigenvalues.length, 1);
        for (double x : eigenvalues) {
            Checks.finite("eigenvalue", x);
        }
        return haarOrthogonal(n, random).conjugateDiagonal(eigenvalues);
    }

    /**
     * A + O B Oᵀ with A = diag(a), B = diag(b) and O Haar: the matrix model of μ ⊞ ν when a and b approximate μ and ν
     * (Voiculescu 1991: diag(a) and O diag(b) Oᵀ are asymptotically free).
     *
     * @param a the eigenvalues of A
     * @param b the eigenvalues of B, same length
     * @param random the source of randomness
     * @return the symmetric n×n matrix
     */
    public static Matrix freeSum(double[] a, double[] b, RandomGenerator random) {
        requireSameLength(a, b);
        return withEigenvalues(b, random).add(Matrix.diagonal(a));
    }

    /**
     * diag(√a) O diag(b) Oᵀ diag(√a) with O Haar: the matrix model of μ ⊠ ν for μ on [0, ∞). It has the spectrum of
     * √A O B Oᵀ √A (A = diag(a) is already diagonal), and is symmetric.
     *
     * @param a the eigenvalues of A, ≥ 0
     * @param b the eigenvalues of B, same length
     * @param random the source of randomness
     * @return the symmetric n×n matrix
     * @throws IllegalArgumentException if some a_i &lt; 0 or the lengths differ
     */
    public static Matrix freeProduct(double[] a, double[] b, RandomGenerator random) {
        requireSameLength(a, b);
        double[] root = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            root[i] = Math.sqrt(Checks.nonNegative("eigenvalue of A in a free product", a[i]));
        }
        return withEigenvalues(b, random).scaleBothSides(root).symmetrize();
    }

    private static void requireSameLength(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("eigenvalue lists must have the same length, but had " + a.length
                    + " and " + b.length);
        }
    }
}
