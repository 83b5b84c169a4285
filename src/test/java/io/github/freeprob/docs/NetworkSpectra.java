package io.github.freeprob.docs;

// The first example of docs/networks.md §8, as printed there (DocSnippetsTest checks the text, NetworkSpectraTest
// runs it).
// tag::networks-example[]
import io.github.freeprob.network.Activation;
import io.github.freeprob.network.JacobianSpectrum;
import io.github.freeprob.network.MeanField;
import io.github.freeprob.network.Network;
import io.github.freeprob.network.NtkLayer;
import io.github.freeprob.network.NtkSpectrum;
import io.github.freeprob.network.SingularValues;
import io.github.freeprob.network.WeightDistribution;

public final class NetworkSpectra {
    public static void main(String[] args) {
        Activation tanh = Activation.tanh();
        double[] critical = MeanField.criticalPoint(tanh, 0.25);   // {σ_w², σ_b²} with q* = 0.25 and χ = 1
        Network net = Network.of(tanh, WeightDistribution.ORTHOGONAL, critical[0], critical[1], 8);
        System.out.println("chi = " + net.meanField().chi());

        JacobianSpectrum jacobian = JacobianSpectrum.of(net);      // one free power: 8 layers at q*
        System.out.println("lambda_max(JJ^T) = " + jacobian.lambdaMax());
        System.out.println("variance " + jacobian.variance() + ", predicted " + jacobian.predictedVariance());
        double[] rho = jacobian.density(new double[] {0.25, 0.5, 1.0, 2.0});
        SingularValues singular = jacobian.singularValues();
        System.out.println("median singular value = " + singular.quantile(0.5));

        NtkSpectrum ntk = NtkSpectrum.of(net.withDepth(4));        // about 5 s
        for (NtkLayer layer : ntk.layers()) {
            System.out.printf("layer %d: q = %.6f, lambda_max = %.6f, lambda_max/lambda_min = %.4f, "
                    + "moment error = %.1e%n", layer.layer(), layer.variance(), layer.lambdaMax(),
                    layer.conditionNumber(), layer.momentError());
        }
        System.out.println("2/lambda_max = " + ntk.learningRateBound());
    }
}
// end::networks-example[]
