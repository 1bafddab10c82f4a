package dev.gatehouse.gateway.proxy;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.function.Function;

/**
 * How the proxy opens a TCP connection for a service's {@code host:port}: the seam through which the console's
 * composition sends gateway traffic into a service mesh (hosts named {@code <service>.mesh} go to a data plane's
 * outbound listener) while the gateway itself knows nothing about meshes, as Kong knows nothing about Kuma and simply
 * talks to its sidecar.
 *
 * <p>Contract: {@link #connect} is called on the event loop that will own the connection, with a {@link Bootstrap}
 * whose group is that event loop and whose channel type, options (including {@code CONNECT_TIMEOUT_MILLIS} = the
 * service's {@code connect_timeout}) and pipeline initializer are already set; the implementation picks the address
 * (and may resolve names, without blocking the event loop) and returns a future completed with the connected channel.
 * TLS to {@code https} services is added by the proxy after the connection is up. Failures map to Kong's statuses:
 * a connect timeout is 504; a name that does not resolve ({@link java.net.UnknownHostException}) is 503
 * {@code name resolution failed}; a refused, reset or prematurely closed connection is {@link #failureStatus} (502
 * {@code An invalid response was received from the upstream server} for direct connections, as Kong reports; 503 for
 * a mesh outbound, which is what Kong behind its Envoy sidecar reports when the mesh denies the connection).
 */
public interface UpstreamConnector {

    /** A direct TCP connection to the service's host and port (names resolved off the event loop, cached briefly). */
    UpstreamConnector DIRECT = new DirectConnector();

    /** Opens a connection for {@code target}; see the interface description for the contract. */
    Future<Channel> connect(UpstreamTarget target, Bootstrap bootstrap);

    /** The status a client gets when a connection from this connector is refused, reset or closed too early. */
    default int failureStatus(UpstreamTarget target) {
        return 502;
    }

    /**
     * Whether a finished exchange may return its connection to the pool. Direct connections are kept alive; a mesh
     * outbound's are not, because the mesh decides on permissions per connection: a pooled connection would keep a
     * permission the mesh has since withdrawn, and the gateway's next request must meet the mesh's current decision.
     */
    default boolean reusesConnections(UpstreamTarget target) {
        return true;
    }

    /**
     * Sends hosts ending with {@code suffix} (case-insensitive, e.g. {@code .mesh}) to {@code connector} and every
     * other host to this connector.
     */
    default UpstreamConnector withHostSuffix(String suffix, UpstreamConnector connector) {
        Objects.requireNonNull(connector);
        Objects.requireNonNull(suffix);
        UpstreamConnector fallback = this;
        return new UpstreamConnector() {
            private UpstreamConnector pick(UpstreamTarget t) {
                String host = t.host();
                int from = host.length() - suffix.length();
                return from >= 0 && host.regionMatches(true, from, suffix, 0, suffix.length()) ? connector : fallback;
            }

            @Override
            public Future<Channel> connect(UpstreamTarget target, Bootstrap bootstrap) {
                return pick(target).connect(target, bootstrap);
            }

            @Override
            public int failureStatus(UpstreamTarget target) {
                return pick(target).failureStatus(target);
            }

            @Override
            public boolean reusesConnections(UpstreamTarget target) {
                return pick(target).reusesConnections(target);
            }
        };
    }

    /**
     * Connects every target to the address {@code addressOf} returns (for example a mesh data plane's outbound
     * listener for that service) and reports refused or reset connections with {@code failureStatus}. A null address
     * fails the connection as a refused one. These connections are not reused (see {@link #reusesConnections}).
     */
    static UpstreamConnector via(Function<UpstreamTarget, InetSocketAddress> addressOf, int failureStatus) {
        return new UpstreamConnector() {
            @Override
            public Future<Channel> connect(UpstreamTarget target, Bootstrap bootstrap) {
                EventLoop loop = (EventLoop) bootstrap.config().group();
                Promise<Channel> p = loop.newPromise();
                InetSocketAddress a = addressOf.apply(target);
                if (a == null) {
                    return p.setFailure(new java.net.ConnectException("no outbound for " + target));
                }
                DirectConnector.connect(bootstrap, a, p);
                return p;
            }

            @Override
            public int failureStatus(UpstreamTarget target) {
                return failureStatus;
            }

            @Override
            public boolean reusesConnections(UpstreamTarget target) {
                return false;
            }
        };
    }
}
