package io.github.freeprob.sampling;

import io.github.freeprob.numerics.Checks;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * A dense real matrix, stored row-major in one {@code double[]}: the small linear-algebra vocabulary that sampled
 * ensembles and finite-width networks need (products, transposes, diagonal scalings, A·D·Aᵀ).
 *
 * <p>Immutable: every operation returns a new matrix. Products delegate to EJML's row-major kernels (blocked for
 * large sizes), which read the same layout without copying.
 */
public final class Matrix {

    private final int rows;
    private final int cols;
    private final double[] data;

    private Matrix(int rows, int cols, double[] data) {
        this.rows = rows;
        this.cols = cols;
        this.data = data;
    }

    /** Wraps an array the caller gives up (no copy); package use only. */
    static Matrix wrap(int rows, int cols, double[] data) {
        return new Matrix(rows, cols, data);
    }

    /** The row-major storage itself (no copy); package use only, never to be modified. */
    double[] data() {
        return data;
    }

    DMatrixRMaj ejml() {
        return DMatrixRMaj.wrap(rows, cols, data);
    }

    static Matrix of(DMatrixRMaj m) {
        return new Matrix(m.numRows, m.numCols, m.data);
    }

    /**
     * @param rows   number of rows, ≥ 1
     * @param cols   number of columns, ≥ 1
     * @param values the entries, row-major (copied)
     * @return the matrix
     * @throws IllegalArgumentException if a size is &lt; 1, the length is not rows·cols, or an entry is not finite
     */
    public static Matrix of(int rows, int cols, double[] values) {
        Checks.atLeast("rows", rows, 1);
        Checks.atLeast("cols", cols, 1);
        if (values.length != (long) rows * cols) {
            throw new IllegalArgumentException("values must hold rows*cols = " + (long) rows * cols
                    + " entries, but held " + values.length);
        }
        for (double v : values) {
            Checks.finite("matrix entry", v);
        }
        return new Matrix(rows, cols, values.clone());
    }

    /** @return the n×n identity */
    public static Matrix identity(int n) {
        Checks.atLeast("n", n, 1);
        double[] d = new double[n * n];
        for (int i = 0; i < n; i++) {
            d[i * n + i] = 1;
        }
        return new Matrix(n, n, d);
    }

    /** @return diag(d), n×n with n = d.length */
    public static Matrix diagonal(double[] d) {
        int n = Checks.atLeast("diagonal length", d.length, 1);
        double[] out = new double[n * n];
        for (int i = 0; i < n; i++) {
            out[i * n + i] = Checks.finite("diagonal entry", d[i]);
        }
        return new Matrix(n, n, out);
    }

    /** @return the number of rows */
    public int rows() {
        return rows;
    }

    /** @return the number of columns */
    public int cols() {
        return cols;
    }

    /** @return the entry (i, j) */
    public double get(int i, int j) {
        if (i < 0 || i >= rows || j < 0 || j >= cols) {
            throw new IllegalArgumentException("index (" + i + ", " + j + ") outside a " + rows + "x" + cols
                    + " matrix");
        }
        return data[i * cols + j];
    }

    /** @return the entries, row-major (a copy) */
    public double[] toArray() {
        return data.clone();
    }

    /** @return whether rows = cols */
    public boolean isSquare() {
        return rows == cols;
    }

    /**
     * @return this · other
     * @throws IllegalArgumentException if the inner sizes differ
     */
    public Matrix multiply(Matrix other) {
        if (cols != other.rows) {
            throw new IllegalArgumentException("cannot multiply " + shape() + " by " + other.shape());
        }
        DMatrixRMaj out = new DMatrixRMaj(rows, other.cols);
        CommonOps_DDRM.mult(ejml(), other.ejml(), out);
        return of(out);
    }

    /**
     * This · otherᵀ, by dot products of rows (cache-friendly in row-major storage).
     *
     * @throws IllegalArgumentException if the column counts differ
     */
    public Matrix multiplyTransposed(Matrix other) {
        if (cols != other.cols) {
            throw new IllegalArgumentException("cannot multiply " + shape() + " by the transpose of "
                    + other.shape());
        }
        DMatrixRMaj out = new DMatrixRMaj(rows, other.rows);
        CommonOps_DDRM.multTransB(ejml(), other.ejml(), out);
        return of(out);
    }

    /** @return the transpose */
    public Matrix transpose() {
        DMatrixRMaj out = new DMatrixRMaj(cols, rows);
        CommonOps_DDRM.transpose(ejml(), out);
        return of(out);
    }

    /** @return c · this */
    public Matrix scale(double c) {
        Checks.finite("scale", c);
        double[] out = new double[data.length];
        for (int k = 0; k < data.length; k++) {
            out[k] = c * data[k];
        }
        return new Matrix(rows, cols, out);
    }

    /** @return this + other */
    public Matrix add(Matrix other) {
        requireSameShape(other);
        double[] out = new double[data.length];
        for (int k = 0; k < data.length; k++) {
            out[k] = data[k] + other.data[k];
        }
        return new Matrix(rows, cols, out);
    }

    /** @return this + c·I (square matrices) */
    public Matrix addIdentity(double c) {
        requireSquare();
        Checks.finite("identity coefficient", c);
        double[] out = data.clone();
        for (int i = 0; i < rows; i++) {
            out[i * cols + i] += c;
        }
        return new Matrix(rows, cols, out);
    }

    /** @return diag(d) · this: row i times d_i */
    public Matrix scaleRows(double[] d) {
        if (d.length != rows) {
            throw new IllegalArgumentException("row scaling needs " + rows + " factors, but got " + d.length);
        }
        double[] out = new double[data.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0, k = i * cols; j < cols; j++, k++) {
                out[k] = d[i] * data[k];
            }
        }
        return new Matrix(rows, cols, out);
    }

    /** @return this · diag(d): column j times d_j */
    public Matrix scaleColumns(double[] d) {
        if (d.length != cols) {
            throw new IllegalArgumentException("column scaling needs " + cols + " factors, but got " + d.length);
        }
        double[] out = new double[data.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0, k = i * cols; j < cols; j++, k++) {
                out[k] = data[k] * d[j];
            }
        }
        return new Matrix(rows, cols, out);
    }

    /** @return diag(d) · this · diag(d) (square matrices) */
    public Matrix scaleBothSides(double[] d) {
        requireSquare();
        return scaleRows(d).scaleColumns(d);
    }

    /**
     * A · diag(d) · Aᵀ for A = this, exactly symmetric (the lower triangle mirrors the upper).
     *
     * @param d the diagonal, length = cols
     * @return the rows×rows symmetric matrix
     */
    public Matrix conjugateDiagonal(double[] d) {
        return symmetrized(scaleColumns(d).multiplyTransposed(this));
    }

    /**
     * A · S · Aᵀ for A = this and a square S, symmetrised: (P + Pᵀ)/2 with P = A S Aᵀ, which is exact in exact
     * arithmetic when S is symmetric and removes rounding asymmetry.
     *
     * @param s a cols×cols matrix
     * @return the rows×rows symmetric matrix
     */
    public Matrix conjugate(Matrix s) {
        return symmetrized(multiply(s).multiplyTransposed(this));
    }

    /** @return (this + thisᵀ)/2 (square matrices) */
    public Matrix symmetrize() {
        requireSquare();
        return symmetrized(this);
    }

    private static Matrix symmetrized(Matrix m) {
        int n = m.rows;
        double[] out = m.data.clone();
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double v = 0.5 * (out[i * n + j] + out[j * n + i]);
                out[i * n + j] = v;
                out[j * n + i] = v;
            }
        }
        return new Matrix(n, n, out);
    }

    /** @return (1/rows) tr(this), the normalised trace (square matrices) */
    public double normalizedTrace() {
        requireSquare();
        double sum = 0;
        for (int i = 0; i < rows; i++) {
            sum += data[i * cols + i];
        }
        return sum / rows;
    }

    /** @return the Frobenius norm ‖this‖_F */
    public double frobeniusNorm() {
        double sum = 0;
        for (double v : data) {
            sum += v * v;
        }
        return Math.sqrt(sum);
    }

    /**
     * @return the eigenvalues of this symmetric matrix, ascending
     * @see SymmetricEigenvalues#of(Matrix)
     */
    public double[] symmetricEigenvalues() {
        return SymmetricEigenvalues.of(this);
    }

    private void requireSquare() {
        if (rows != cols) {
            throw new IllegalArgumentException("matrix must be square, but was " + shape());
        }
    }

    private void requireSameShape(Matrix other) {
        if (rows != other.rows || cols != other.cols) {
            throw new IllegalArgumentException("shapes differ: " + shape() + " and " + other.shape());
        }
    }

    private String shape() {
        return rows + "x" + cols;
    }

    @Override
    public String toString() {
        return "matrix(" + shape() + ")";
    }
}
