package dev.gatehouse.app.kubernetes.portforward;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.LocalPortForward;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * One port-forward from 127.0.0.1 to a Service's port, as {@code kubectl port-forward svc/...} does it: a ready pod
 * behind the Service is picked and its port resolved (a named {@code targetPort} through the pod's container ports,
 * which Fabric8's own Service forward skips), then Fabric8 listens on a free loopback port and opens one websocket
 * through the API server per local connection. Its state is observable; failures Fabric8 records on those
 * websockets (the kubelet's error channel, a refused upgrade) turn it to failed, with their sentence.
 */
public final class ClusterForward implements AutoCloseable {

    private static final Duration WATCH_EVERY = Duration.ofSeconds(2);

    private final List<Consumer<ForwardState>> listeners = new CopyOnWriteArrayList<>();
    private volatile ForwardState state;
    private volatile LocalPortForward forward;
    private volatile Thread watcher;
    private int reportedErrors;

    private ClusterForward(ForwardTarget target) {
        this.state = ForwardState.opening(target);
    }

    /**
     * Picks the pod and starts listening; blocks on the API server, so call it off the FX thread. A target that
     * cannot be reached (no ready pod, no such port) gives a failed forward rather than an exception.
     */
    public static ClusterForward open(KubernetesClient client, ForwardTarget target) {
        ClusterForward forward = new ClusterForward(target);
        forward.start(client);
        return forward;
    }

    private void start(KubernetesClient client) {
        ForwardTarget target = state.target();
        try {
            Service service = client.services()
                    .inNamespace(target.namespace())
                    .withName(target.service())
                    .get();
            if (service == null) {
                fail("the Service does not exist any more");
                return;
            }
            Optional<Pod> pod = readyPod(client, service);
            if (pod.isEmpty()) {
                return;
            }
            Optional<Integer> podPort = podPort(service, pod.get());
            if (podPort.isEmpty()) {
                return;
            }
            String podName = pod.get().getMetadata().getName();
            LocalPortForward opened = client.pods()
                    .inNamespace(target.namespace())
                    .withName(podName)
                    .portForward(podPort.get(), InetAddress.getLoopbackAddress(), 0);
            forward = opened;
            update(state.bound(podName + ":" + podPort.get(), opened.getLocalPort()));
            watcher = Thread.ofVirtual().name("port-forward-watch").start(this::watch);
        } catch (KubernetesClientException e) {
            fail(ForwardFailures.sentence(e));
        } catch (RuntimeException e) {
            // Fabric8 wraps a loopback port it could not bind in an IllegalStateException.
            fail(ForwardFailures.sentence(e));
        }
    }

    private Optional<Pod> readyPod(KubernetesClient client, Service service) {
        Map<String, String> selector = service.getSpec().getSelector();
        if (selector == null || selector.isEmpty()) {
            fail("the Service has no selector, so no pod to forward to");
            return Optional.empty();
        }
        List<Pod> pods = client.pods()
                .inNamespace(state.target().namespace())
                .withLabels(selector)
                .list()
                .getItems();
        Optional<Pod> ready = pods.stream()
                .filter(ClusterForward::ready)
                .min(Comparator.comparing(p -> p.getMetadata().getName()));
        if (ready.isEmpty()) {
            String labels = selector.entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue())
                    .sorted()
                    .collect(Collectors.joining(","));
            fail(
                    pods.isEmpty()
                            ? "no pod matches the Service's selector " + labels
                            : "none of the " + pods.size() + " pods matching " + labels + " is ready");
        }
        return ready;
    }

    /** Running and Ready, as the Service's endpoints would count it (a starting or terminating pod would refuse). */
    private static boolean ready(Pod pod) {
        if (pod.getStatus() == null || !"Running".equals(pod.getStatus().getPhase())) {
            return false;
        }
        if (pod.getMetadata().getDeletionTimestamp() != null) {
            return false;
        }
        return pod.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private Optional<Integer> podPort(Service service, Pod pod) {
        int port = state.target().servicePort();
        Optional<ServicePort> servicePort = service.getSpec().getPorts().stream()
                .filter(p -> p.getPort() != null && p.getPort() == port)
                .findFirst();
        if (servicePort.isEmpty()) {
            fail("the Service has no port " + port);
            return Optional.empty();
        }
        IntOrString target = servicePort.get().getTargetPort();
        if (target == null) {
            return Optional.of(port);
        }
        if (target.getIntVal() != null) {
            return Optional.of(target.getIntVal());
        }
        String name = target.getStrVal();
        Optional<Integer> named = pod.getSpec().getContainers().stream()
                .flatMap(c -> c.getPorts().stream())
                .filter(p -> name.equals(p.getName()))
                .map(ContainerPort::getContainerPort)
                .findFirst();
        if (named.isEmpty()) {
            fail("pod " + pod.getMetadata().getName() + " has no container port named " + name);
        }
        return named;
    }

    /** Watches Fabric8's record of the websockets: a new error there is a failure, and so is a dead local listener. */
    private void watch() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Thread.sleep(WATCH_EVERY);
                check();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Reads what Fabric8 recorded since the last look: a new error turns the forward to failed (a forward reports
     * its connections' failures only when they happen, so {@code open} means no connection failed yet).
     */
    public synchronized ForwardState check() {
        LocalPortForward current = forward;
        if (current == null || state.phase() == ForwardState.Phase.CLOSED) {
            return state;
        }
        List<Throwable> errors = new ArrayList<>(current.getServerThrowables());
        errors.addAll(current.getClientThrowables());
        if (errors.size() > reportedErrors) {
            reportedErrors = errors.size();
            update(state.failed(ForwardFailures.sentence(errors.getLast())));
        } else if (!current.isAlive()) {
            update(state.failed("the local listener on 127.0.0.1:" + state.localPort() + " stopped"));
        }
        return state;
    }

    /** Marks the forward open once a request went through it. */
    public synchronized void confirmed() {
        if (state.phase() == ForwardState.Phase.OPENING && forward != null) {
            reportedErrors = forward.getServerThrowables().size()
                    + forward.getClientThrowables().size();
            update(state.open());
        }
    }

    /**
     * Marks the forward failed because a request through it failed with {@code failure}; what Fabric8 recorded on
     * the websocket (why the tunnel broke) says more than the client's error, so it comes first when there is one.
     */
    public synchronized void failed(Throwable failure) {
        if (state.phase() == ForwardState.Phase.CLOSED) {
            return;
        }
        LocalPortForward current = forward;
        List<Throwable> errors = new ArrayList<>();
        if (current != null) {
            errors.addAll(current.getServerThrowables());
            errors.addAll(current.getClientThrowables());
            reportedErrors = errors.size();
        }
        update(state.failed(ForwardFailures.sentence(errors.isEmpty() ? failure : errors.getLast())));
    }

    private void fail(String problem) {
        update(state.failed(problem));
    }

    /** The state now. */
    public ForwardState state() {
        return state;
    }

    /** The loopback port, once listening. */
    public Optional<Integer> localPort() {
        return forward == null ? Optional.empty() : Optional.of(state.localPort());
    }

    /** Calls {@code listener} with the state now and on every change, from whichever thread changed it. */
    public void subscribe(Consumer<ForwardState> listener) {
        listeners.add(listener);
        listener.accept(state);
    }

    private synchronized void update(ForwardState next) {
        if (next.equals(state)) {
            // the watch finds a dead listener again on every look; listeners hear of it once
            return;
        }
        state = next;
        for (Consumer<ForwardState> listener : listeners) {
            listener.accept(next);
        }
    }

    @Override
    public synchronized void close() {
        Thread running = watcher;
        if (running != null) {
            running.interrupt();
        }
        LocalPortForward current = forward;
        if (current != null) {
            try {
                current.close();
            } catch (IOException e) {
                // the listener is being dropped anyway; closing it is best effort
            }
        }
        if (state.phase() != ForwardState.Phase.CLOSED) {
            update(state.closed());
        }
    }
}
