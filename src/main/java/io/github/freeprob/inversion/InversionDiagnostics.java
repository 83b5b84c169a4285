package io.github.freeprob.inversion;

import java.util.List;

/**
 * What a Stieltjes inversion achieved.
 *
 * @param evaluations       evaluations of G spent
 * @param atomMassErrors    for each atom, the change of its mass estimate between the last two ε of the limit
 *                          iε G(a + iε) → μ({a}): an estimate of its error
 * @param chebyshevLengths  for each support interval, the number of Chebyshev coefficients kept
 * @param chebyshevTails    for each interval, the size of the last coefficients relative to the largest (the
 *                          interpolation error estimate)
 * @param resolved          whether every interval's density was resolved within the tolerance
 * @param totalMass         atoms plus the continuous mass: 1 for an exact inversion
 */
public record InversionDiagnostics(int evaluations, List<Double> atomMassErrors, List<Integer> chebyshevLengths,
                                   List<Double> chebyshevTails, boolean resolved, double totalMass) {

    /** Copies the lists. */
    public InversionDiagnostics {
        atomMassErrors = List.copyOf(atomMassErrors);
        chebyshevLengths = List.copyOf(chebyshevLengths);
        chebyshevTails = List.copyOf(chebyshevTails);
    }
}
