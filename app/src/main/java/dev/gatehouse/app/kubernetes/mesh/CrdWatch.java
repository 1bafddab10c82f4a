package dev.gatehouse.app.kubernetes.mesh;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.declarative.kubernetes.KumaCustomResources;
import dev.gatehouse.app.repository.mesh.MeshChange;
import dev.gatehouse.app.repository.mesh.MeshRepository;
import dev.gatehouse.app.repository.mesh.MeshWatch;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A change stream over Kubernetes watches, one per custom resource type. Each type is listed first and watched from
 * the list's resourceVersion, so no change between the two is lost; {@link #opened()} completes with the highest of
 * those versions. Events arrive on Fabric8's threads and are handed, in arrival order, to the repository's executor.
 */
final class CrdWatch implements MeshWatch {

    /** One watched type: how to list it, and how to watch it from a resourceVersion. */
    interface Source {
        KumaCustomResources.Kind kind();

        /** Lists the type; answers the list's resourceVersion. */
        String list();

        Watch watch(ListOptionsBuilder options, Watcher<GenericKubernetesResource> watcher);

        ObjectNode json(GenericKubernetesResource resource);
    }

    private final String mesh;
    private final Consumer<MeshChange> onChange;
    private final Consumer<Throwable> onEnd;
    private final Executor executor;
    private final Function<Throwable, Throwable> translate;
    private final CompletableFuture<Long> opened = new CompletableFuture<>();
    private final List<Watch> watches = new CopyOnWriteArrayList<>();
    /** No more events are taken: the stream ended or was closed. */
    private final AtomicBoolean over = new AtomicBoolean();
    /** Closed by its owner, who then hears nothing more, not even changes already queued. */
    private volatile boolean closed;

    private final Object order = new Object();
    /** The last delivery queued; the next runs after it, so changes reach the listener in order. */
    private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);

    CrdWatch(
            String mesh,
            Consumer<MeshChange> onChange,
            Consumer<Throwable> onEnd,
            Executor executor,
            Function<Throwable, Throwable> translate) {
        this.mesh = mesh;
        this.onChange = onChange;
        this.onEnd = onEnd;
        this.executor = executor;
        this.translate = translate;
    }

    /** Lists and watches every source on the executor; a failure ends the stream as {@code onEnd} hears. */
    CrdWatch start(List<Source> sources) {
        CompletableFuture.runAsync(
                        () -> {
                            long revision = 0;
                            for (Source source : sources) {
                                if (over.get()) {
                                    return;
                                }
                                String version = source.list();
                                revision = Math.max(revision, revision(version));
                                watches.add(source.watch(
                                        new ListOptionsBuilder().withResourceVersion(version), watcher(source)));
                            }
                            if (over.get()) {
                                watches.forEach(Watch::close); // closed while opening
                            }
                            opened.complete(revision);
                        },
                        executor)
                .exceptionally(failure -> {
                    end(translate.apply(failure));
                    return null;
                });
        return this;
    }

    private Watcher<GenericKubernetesResource> watcher(Source source) {
        return new Watcher<>() {
            @Override
            public void eventReceived(Action action, GenericKubernetesResource resource) {
                MeshChange.Operation operation = switch (action) {
                    case ADDED -> MeshChange.Operation.CREATE;
                    case MODIFIED -> MeshChange.Operation.UPDATE;
                    case DELETED -> MeshChange.Operation.DELETE;
                    // bookmarks carry no object; errors end the watch through onClose
                    case BOOKMARK, ERROR -> null;
                };
                if (operation == null || over.get()) {
                    return;
                }
                ObjectNode universal = KumaCustomResources.toUniversal(source.kind(), source.json(resource));
                String resourceMesh = source.kind().mesh() == KumaCustomResources.MeshPlacement.NONE
                        ? universal.path("name").asText()
                        : universal.path("mesh").asText();
                if (!MeshRepository.ALL_MESHES.equals(mesh) && !mesh.equals(resourceMesh)) {
                    return;
                }
                MeshChange change = new MeshChange(
                        operation,
                        source.kind().type(),
                        source.kind().mesh() == KumaCustomResources.MeshPlacement.NONE ? "" : resourceMesh,
                        universal.path("name").asText(),
                        revision(resource.getMetadata().getResourceVersion()),
                        operation == MeshChange.Operation.DELETE ? Optional.empty() : Optional.of(universal));
                deliver(() -> onChange.accept(change));
            }

            @Override
            public void onClose(WatcherException cause) {
                end(translate.apply(cause.asClientException()));
            }

            @Override
            public void onClose() {
                // closed by close()
            }
        };
    }

    private void deliver(Runnable task) {
        synchronized (order) {
            tail = tail.thenRunAsync(
                    () -> {
                        if (!closed) {
                            task.run();
                        }
                    },
                    executor);
        }
    }

    /** Ends the stream once: the other watches close, {@code onEnd} hears why after the changes already queued. */
    private void end(Throwable why) {
        if (over.compareAndSet(false, true)) {
            watches.forEach(Watch::close);
            opened.completeExceptionally(why);
            synchronized (order) {
                tail = tail.thenRunAsync(() -> onEnd.accept(why), executor);
            }
        }
    }

    /** A Kubernetes resourceVersion as a number: etcd's revision, which the API server passes on as a string. */
    private static long revision(String version) {
        try {
            return version == null ? 0 : Long.parseLong(version);
        } catch (NumberFormatException e) {
            return 0; // opaque by contract; an API server not backed by etcd may give anything
        }
    }

    @Override
    public CompletableFuture<Long> opened() {
        return opened;
    }

    @Override
    public void close() {
        closed = true;
        if (over.compareAndSet(false, true)) {
            watches.forEach(Watch::close);
            opened.cancel(false);
        }
    }
}
