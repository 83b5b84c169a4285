package io.github.freeprob.cli;

import io.github.freeprob.inversion.Spectrum;
import io.github.freeprob.inversion.StieltjesInversion;
import io.github.freeprob.measure.Atom;
import io.github.freeprob.measure.Interval;
import io.github.freeprob.measure.Laws;
import io.github.freeprob.measure.Measure;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A small demonstration: a few named laws recovered from their Cauchy transforms alone by Stieltjes inversion, with
 * their support, atoms, a few density values and the mass check.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Recover a few named laws from their Cauchy transforms: support, atoms, density values.")
final class DemoCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<Measure> laws = List.of(Laws.semicircle(1), Laws.marchenkoPastur(2), Laws.arcsine(-1, 1),
                Laws.mixture(new double[] {0.7, 0.3}, List.of(Laws.uniform(-1, 2), Laws.dirac(0.5))));
        for (Measure law : laws) {
            Spectrum spectrum = StieltjesInversion.invert(law);
            out.println(law);
            out.println("  support  " + spectrum.support());
            for (Atom atom : spectrum.atoms()) {
                out.printf(Locale.ROOT, "  atom     %.12g with mass %.12g%n", atom.location(), atom.mass());
            }
            for (Interval interval : spectrum.support().intervals()) {
                for (double u : new double[] {0.1, 0.3, 0.5, 0.7, 0.9}) {
                    double x = interval.lo() + u * interval.width();
                    out.printf(Locale.ROOT, "  density  rho(%.6f) = %.12f%n", x, spectrum.density(x));
                }
            }
            out.printf(Locale.ROOT, "  mass     %.15f (atoms + continuous part)%n", spectrum.diagnostics().totalMass());
        }
        out.flush();
        return 0;
    }
}
