package dev.gatehouse.gateway.proxy;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;
import io.netty.util.NetUtil;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

/**
 * {@link UpstreamConnector#DIRECT}: resolves the service host (IP literals at once; names on a virtual thread, the
 * answer cached for 30 s so the event loop never waits on DNS) and connects to it.
 */
final class DirectConnector implements UpstreamConnector {

    private static final long TTL_NANOS = 30_000_000_000L;

    private record Resolved(InetAddress address, long expiresAt) {}

    private final ConcurrentHashMap<String, Resolved> cache = new ConcurrentHashMap<>();
    private final Executor resolvers = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("gateway-dns-", 0).factory());

    @Override
    public Future<Channel> connect(UpstreamTarget target, Bootstrap bootstrap) {
        EventLoop loop = (EventLoop) bootstrap.config().group();
        Promise<Channel> promise = loop.newPromise();
        InetAddress literal = literal(target.host());
        if (literal != null) {
            connect(bootstrap, new InetSocketAddress(literal, target.port()), promise);
            return promise;
        }
        Resolved r = cache.get(target.host());
        if (r != null && r.expiresAt() - System.nanoTime() > 0) {
            connect(bootstrap, new InetSocketAddress(r.address(), target.port()), promise);
            return promise;
        }
        resolvers.execute(() -> {
            try {
                InetAddress a = InetAddress.getByName(target.host());
                cache.put(target.host(), new Resolved(a, System.nanoTime() + TTL_NANOS));
                loop.execute(() -> connect(bootstrap, new InetSocketAddress(a, target.port()), promise));
            } catch (UnknownHostException e) {
                promise.tryFailure(e);
            }
        });
        return promise;
    }

    private static InetAddress literal(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return InetAddress.getLoopbackAddress();
        }
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(host);
        if (bytes == null) {
            return null;
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** Connects {@code b} to {@code address} and completes {@code promise} with the channel or the failure. */
    static void connect(Bootstrap b, InetSocketAddress address, Promise<Channel> promise) {
        ChannelFuture f = b.connect(address);
        f.addListener(x -> {
            if (x.isSuccess()) {
                promise.trySuccess(f.channel());
            } else {
                promise.tryFailure(x.cause());
            }
        });
    }
}
