package dev.gatehouse.app.kubernetes.gateway;

import dev.gatehouse.app.declarative.kubernetes.KongManifests;
import dev.gatehouse.app.repository.gateway.GatewayWatch;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Fabric8 informers on every kind of object the gateway pages show (the namespace's Services, Ingresses, KongPlugins,
 * KongConsumers and credential Secrets, and the cluster's KongClusterPlugins), told to a {@link GatewayWatch.Listener}.
 *
 * <p>An informer lists, then watches from the list's resourceVersion, and when its watch breaks it lists again with
 * back-off until the API server answers. So the listener hears {@code interrupted} once when the first informer's
 * watch breaks, and {@code resumed} once every interrupted informer has listed again. A kind the user may not list or
 * whose CRD is absent (403, 404 at the start) is left out: the pages say so when they read it.
 */
final class GatewayInformers implements GatewayWatch {

    private final Cluster cluster;
    private final Listener listener;
    private final List<SharedIndexInformer<GenericKubernetesResource>> informers = new CopyOnWriteArrayList<>();
    private final Set<KubeType> interrupted = ConcurrentHashMap.newKeySet();
    private final CompletableFuture<Void> opened = new CompletableFuture<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    GatewayInformers(Cluster cluster, Listener listener) {
        this.cluster = cluster;
        this.listener = listener;
    }

    /** Starts an informer per kind; {@link #opened()} completes once each has listed, or fails as the first one. */
    GatewayInformers start() {
        List<CompletableFuture<Void>> started = new ArrayList<>();
        for (KubeType type : KubeType.values()) {
            SharedIndexInformer<GenericKubernetesResource> informer = informer(type);
            informers.add(informer);
            started.add(informer.start()
                    .toCompletableFuture()
                    .exceptionallyCompose(failure -> leftOut(failure)
                            ? CompletableFuture.completedFuture(null)
                            : CompletableFuture.failedFuture(failure)));
        }
        CompletableFuture.allOf(started.toArray(CompletableFuture[]::new)).whenComplete((done, failure) -> {
            if (failure == null) {
                opened.complete(null);
            } else {
                opened.completeExceptionally(failure);
                if (!closed.get()) {
                    listener.ended(cause(failure));
                }
                close();
            }
        });
        return this;
    }

    private SharedIndexInformer<GenericKubernetesResource> informer(KubeType type) {
        var all = cluster.client().genericKubernetesResources(type.context());
        var scoped = type.namespaced() ? all.inNamespace(cluster.namespace()) : all;
        // Only the Secrets KIC reads as credentials: the namespace's other Secrets are none of the console's business.
        var informer =
                (type == KubeType.SECRET ? scoped.withLabel(KongManifests.CREDENTIAL) : scoped).runnableInformer(0);
        informer.addEventHandler(new Events(type));
        informer.exceptionHandler((started, failure) -> {
            if (!started) {
                return false;
            }
            // Told once per outage: when the first kind breaks, not again for each retry or kind.
            boolean first = interrupted.isEmpty();
            if (interrupted.add(type) && first && !closed.get()) {
                listener.interrupted(failure);
            }
            return true;
        });
        return informer;
    }

    /** A kind refused at the start because it may not be listed, or is not served: the rest still follows. */
    private static boolean leftOut(Throwable failure) {
        return cause(failure) instanceof KubernetesClientException e && (e.getCode() == 403 || e.getCode() == 404);
    }

    private static Throwable cause(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** One kind's events: changes once it has listed, and its list after an interruption. */
    private final class Events implements ResourceEventHandler<GenericKubernetesResource> {
        private final KubeType type;

        Events(KubeType type) {
            this.type = type;
        }

        @Override
        public void onAdd(GenericKubernetesResource object) {
            changed();
        }

        @Override
        public void onUpdate(GenericKubernetesResource old, GenericKubernetesResource now) {
            // A relist repeats every object as an update; only a new resourceVersion is a change.
            if (!old.getMetadata().getResourceVersion().equals(now.getMetadata().getResourceVersion())) {
                changed();
            }
        }

        @Override
        public void onDelete(GenericKubernetesResource object, boolean finalStateUnknown) {
            changed();
        }

        @Override
        public void onList(String resourceVersion, boolean unused) {
            if (interrupted.remove(type) && interrupted.isEmpty() && !closed.get()) {
                listener.resumed();
            }
        }

        private void changed() {
            // The first list's objects are what is there, not changes.
            if (opened.isDone() && !closed.get()) {
                listener.changed();
            }
        }
    }

    @Override
    public CompletableFuture<Void> opened() {
        return opened;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            informers.forEach(SharedIndexInformer::stop);
        }
    }
}
