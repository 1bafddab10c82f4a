package dev.gatehouse.app.traffic.edges;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    @Test
    void percentilesStayWithinTheBinsPrecision() {
        LatencyHistogram h = new LatencyHistogram();
        double[] values = new double[10_000];
        Random random = new Random(7);
        for (int i = 0; i < values.length; i++) {
            values[i] = Math.exp(random.nextGaussian() * 1.5 + 2); // log-normal around 7 ms
            h.add(values[i]);
        }
        java.util.Arrays.sort(values);
        for (double q : new double[] {0.5, 0.9, 0.99}) {
            double exact = values[(int) Math.ceil(q * values.length) - 1];
            assertThat(h.percentile(q)).as("p%s", q).isCloseTo(exact, within(exact * 0.13));
        }
    }

    @Test
    void extremesLandInTheEndBins() {
        LatencyHistogram h = new LatencyHistogram();
        h.add(-1);
        h.add(Double.NaN);
        h.add(1e9);
        assertThat(h.total()).isEqualTo(3);
        assertThat(h.percentile(0.5)).isEqualTo(0.05);
        assertThat(h.percentile(1.0)).isGreaterThan(100_000);
        assertThat(new LatencyHistogram().percentile(0.99)).isZero();
    }
}
