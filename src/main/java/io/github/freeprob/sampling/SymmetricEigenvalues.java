package io.github.freeprob.sampling;

import io.github.freeprob.numerics.Checks;
import io.github.freeprob.numerics.ConvergenceException;
import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Eigenvalues of a real symmetric matrix, without eigenvectors: Householder reduction to tridiagonal form followed by
 * the implicit symmetric QR algorithm with Wilkinson shifts (Golub and Van Loan, Matrix Computations, 4th ed.,
 * §8.3), as implemented by EJML's {@code DecompositionFactory_DDRM.eig(n, false, true)}.
 *
 * <p>Cost: (4/3)N³ flops for the reduction, O(N²) for the QR sweeps. Measured on this project's 2-core build machine
 * (see {@code docs/validation.md}): about 0.1 s at N = 500, 0.5 s at N = 1000, 5 s at N = 2000. The full Hipparchus
 * {@code EigenDecompositionSymmetric}, which always accumulates eigenvectors, took about 100 s at N = 2000.
 */
public final class SymmetricEigenvalues {

    /** Largest asymmetry accepted, relative to the Frobenius norm: |a_ij − a_ji| ≤ this · ‖A‖_F. */
    public static final double SYMMETRY_TOLERANCE = 1e-10;

    private SymmetricEigenvalues() {
    }

    /**
     * @param a a square symmetric matrix
     * @return its eigenvalues, ascending
     * @throws IllegalArgumentException if a is not square or not symmetric to {@link #SYMMETRY_TOLERANCE}
     * @throws ConvergenceException     if the QR iteration exhausts EJML's iteration budget
     */
    public static double[] of(Matrix a) {
        int n = a.rows();
        if (!a.isSquare()) {
            throw new IllegalArgumentException("eigenvalues need a square matrix, but got " + a);
        }
        double[] d = a.data();
        double bound = SYMMETRY_TOLERANCE * a.frobeniusNorm();
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double gap = Math.abs(d[i * n + j] - d[j * n + i]);
                if (!(gap <= bound)) {
                    throw new IllegalArgumentException("matrix must be symmetric, but |a_" + i + j + " - a_" + j + i
                            + "| = " + Checks.format(gap) + " > " + Checks.format(bound));
                }
            }
        }
        if (n == 1) {
            return new double[] {d[0]};
        }
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, false, true);
        // EJML overwrites its input: hand it a copy.
        if (!eig.decompose(new DMatrixRMaj(n, n, true, d))) {
            throw new ConvergenceException("symmetric QR eigenvalues of an " + n + "x" + n + " matrix", Double.NaN,
                    Double.NaN, 0, n);
        }
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = eig.getEigenvalue(i).real;
        }
        Arrays.sort(values);
        return values;
    }
}
