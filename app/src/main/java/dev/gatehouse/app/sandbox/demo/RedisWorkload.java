package dev.gatehouse.app.sandbox.demo;

import com.github.fppt.jedismock.RedisServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import redis.clients.jedis.Jedis;

/**
 * The demo's {@code redis}: a real RESP server (jedis-mock) on loopback, seeded like the classic Kuma counter demo,
 * whose redis container ran {@code redis-cli set zone local} after start.
 */
public final class RedisWorkload implements AutoCloseable {

    private final RedisServer server;

    private RedisWorkload(RedisServer server) {
        this.server = server;
    }

    /** Starts on {@code port} (0 picks a free one) and sets {@code zone}. */
    public static RedisWorkload start(int port) {
        try {
            RedisServer server = RedisServer.newRedisServer(port, InetAddress.getLoopbackAddress())
                    .start();
            try (Jedis jedis = new Jedis(server.getHost(), server.getBindPort())) {
                jedis.set("zone", "local");
            }
            return new RedisWorkload(server);
        } catch (IOException e) {
            throw new UncheckedIOException("redis could not start", e);
        }
    }

    public int port() {
        return server.getBindPort();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (IOException e) {
            // stopping a loopback server on shutdown; nothing to save
        }
    }
}
