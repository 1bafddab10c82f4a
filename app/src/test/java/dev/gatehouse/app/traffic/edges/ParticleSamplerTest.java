package dev.gatehouse.app.traffic.edges;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.app.traffic.Outcome;
import org.junit.jupiter.api.Test;

class ParticleSamplerTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void aFloodIsSampledDownToTheBudgetAndSaysWhichFraction() {
        ParticleSampler sampler = new ParticleSampler(100);
        int shown = 0;
        for (int s = 0; s < 3; s++) {
            shown = 0;
            for (int i = 0; i < 1200; i++) {
                if (sampler.take(Outcome.SUCCESS, true, s * SECOND + i * (SECOND / 1200))) {
                    shown++;
                }
            }
        }
        assertThat(shown).isEqualTo(100);
        sampler.tick(3 * SECOND);
        assertThat(sampler.oneIn()).isEqualTo(12);
        sampler.tick(5 * SECOND); // a quiet second: all (none) shown
        assertThat(sampler.oneIn()).isEqualTo(1);
    }

    @Test
    void failuresAlwaysGetAParticleWhileThereIsRoom() {
        ParticleSampler sampler = new ParticleSampler(1);
        for (int i = 0; i < 1000; i++) {
            sampler.take(Outcome.SUCCESS, true, i);
        }
        sampler.tick(SECOND);
        assertThat(sampler.take(Outcome.SUCCESS, true, SECOND + 1)).isTrue(); // stride 1000: the first one
        assertThat(sampler.take(Outcome.SUCCESS, true, SECOND + 2)).isFalse();
        assertThat(sampler.take(Outcome.MESH_DENIED, true, SECOND + 3)).isTrue();
        assertThat(sampler.take(Outcome.SERVER_ERROR, false, SECOND + 4)).isFalse(); // no room
    }

    @Test
    void aTrickleIsShownWhole() {
        ParticleSampler sampler = new ParticleSampler(100);
        for (int i = 0; i < 50; i++) {
            assertThat(sampler.take(Outcome.SUCCESS, true, i * (SECOND / 50))).isTrue();
        }
        sampler.tick(SECOND);
        assertThat(sampler.oneIn()).isEqualTo(1);
    }
}
