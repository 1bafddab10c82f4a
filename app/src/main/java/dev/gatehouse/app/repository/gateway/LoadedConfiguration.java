package dev.gatehouse.app.repository.gateway;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The configuration a gateway actually runs when a controller translates this repository's objects for it (the Kong
 * Ingress Controller turning Ingresses and KongPlugins into Kong entities), to compare with what the repository
 * shows: what the controller has not loaded (yet, or because it refused it), and what Kong still runs that is gone.
 */
public interface LoadedConfiguration {

    /** Compares every kind of entity the controller loads. */
    CompletableFuture<Comparison> compare();

    /** The comparison, kind by kind. */
    record Comparison(List<KindComparison> kinds) {

        public Comparison {
            kinds = List.copyOf(kinds);
        }

        /** True when Kong runs exactly what the repository shows. */
        public boolean inSync() {
            return kinds.stream()
                    .allMatch(k -> k.notLoaded().isEmpty() && k.notShown().isEmpty());
        }
    }

    /**
     * One kind: how many entities the repository shows that Kong should run, how many of them Kong runs, the ones
     * it does not, and the ones Kong runs from objects the repository no longer shows.
     */
    record KindComparison(EntityKind kind, int shown, int loaded, List<Mismatch> notLoaded, List<Mismatch> notShown) {

        public KindComparison {
            notLoaded = List.copyOf(notLoaded);
            notShown = List.copyOf(notShown);
        }
    }

    /** One difference: the object it is about ({@code Ingress orders-rt}) and what is known of why. */
    record Mismatch(String object, String why) {}
}
