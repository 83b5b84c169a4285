package io.github.freeprob.precision;

/**
 * A real function evaluated in arbitrary precision, such as an activation's φ'(h)² for the exact moments of ν.
 */
@FunctionalInterface
public interface HighPrecisionFunction {

    /**
     * @param x         the argument
     * @param precision the working precision of the result
     * @return f(x) to that precision
     */
    BigFloat apply(BigFloat x, Precision precision);
}
