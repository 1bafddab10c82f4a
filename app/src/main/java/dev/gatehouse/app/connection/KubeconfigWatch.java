package dev.gatehouse.app.connection;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks up changes to the kubeconfig files of the active Kubernetes connection: when one is written (a new token
 * from {@code gcloud}, a context renamed, {@code kubectl config use-context}), the connection is made again from the
 * files as they are now, once the writes have settled. Watches nothing for other connections.
 */
public final class KubeconfigWatch implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KubeconfigWatch.class);

    private final ActiveConnection connection;
    private final Duration settle;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("gatehouse-kubeconfig-settle").factory());
    private WatchService watcher;
    private ScheduledFuture<?> pending;

    public KubeconfigWatch(ActiveConnection connection, Duration settle) {
        this.connection = connection;
        this.settle = settle;
        connection.profileProperty().addListener((obs, old, now) -> follow(now));
        follow(connection.profile());
    }

    private synchronized void follow(ConnectionProfile profile) {
        stopWatching();
        List<Path> files =
                profile.cluster().map(ClusterSettings::kubeconfigFiles).orElse(List.of());
        if (files.isEmpty()) {
            return;
        }
        try {
            WatchService service = FileSystems.getDefault().newWatchService();
            Set<Path> dirs = new HashSet<>();
            for (Path file : files) {
                Path dir = file.toAbsolutePath().getParent();
                if (dir != null && dirs.add(dir)) {
                    // Editors and kubectl replace the file (rename over it): watch the directory, not the file.
                    dir.register(service, StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_CREATE);
                }
            }
            watcher = service;
            Set<Path> names = new HashSet<>();
            files.forEach(f -> names.add(f.toAbsolutePath()));
            Thread.ofPlatform().daemon().name("gatehouse-kubeconfig-watch").start(() -> watch(service, names, profile));
        } catch (IOException e) {
            LOG.warn("cannot watch the kubeconfig of {}: {}", profile.name(), e.getMessage());
        }
    }

    private void watch(WatchService service, Set<Path> files, ConnectionProfile profile) {
        try {
            while (true) {
                WatchKey key = service.take();
                Path dir = (Path) key.watchable();
                for (WatchEvent<?> event : key.pollEvents()) {
                    if (event.context() instanceof Path name && files.contains(dir.resolve(name))) {
                        changed(profile);
                    }
                }
                key.reset();
            }
        } catch (ClosedWatchServiceException | InterruptedException e) {
            // closed: the connection changed or the console is closing
        }
    }

    /** Reconnects once no write came for the settle time, if the profile is still the active one. */
    private synchronized void changed(ConnectionProfile profile) {
        if (pending != null) {
            pending.cancel(false);
        }
        pending = timer.schedule(
                () -> {
                    if (connection.profile().id().equals(profile.id())) {
                        LOG.info("kubeconfig of {} changed: connecting again", profile.name());
                        connection.switchTo(connection.profile());
                    }
                },
                settle.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void stopWatching() {
        if (watcher != null) {
            try {
                watcher.close();
            } catch (IOException e) {
                // nothing left to release
            }
            watcher = null;
        }
    }

    @Override
    public synchronized void close() {
        stopWatching();
        timer.shutdownNow();
    }
}
