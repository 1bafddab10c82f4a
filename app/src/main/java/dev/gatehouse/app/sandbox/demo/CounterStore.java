package dev.gatehouse.app.sandbox.demo;

import java.net.InetSocketAddress;
import java.util.function.Supplier;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

/** The demo app's data: the {@code counter} and {@code zone} keys in Redis, reached through the app's sidecar. */
final class CounterStore {

    /** What the demo answers: the counter, the zone, or the error that stopped it. */
    record Result(Long counter, String zone, String err) {
        boolean failed() {
            return err != null;
        }
    }

    private final Supplier<InetSocketAddress> redis;
    private final int timeoutMillis;

    /** @param redis where Redis is reached, asked on each request (the sandbox knows it once the app listens) */
    CounterStore(Supplier<InetSocketAddress> redis, int timeoutMillis) {
        this.redis = redis;
        this.timeoutMillis = timeoutMillis;
    }

    /** A fresh connection per request: a denied or reset connection then shows on the request that met it. */
    private Jedis connect() {
        InetSocketAddress at = redis.get();
        if (at == null) {
            throw new JedisException("the app's sidecar is not ready yet");
        }
        return new Jedis(at.getHostString(), at.getPort(), timeoutMillis);
    }

    Result increment() {
        try (Jedis redis = connect()) {
            long counter = redis.incr("counter");
            return new Result(counter, redis.get("zone"), null);
        } catch (JedisException e) {
            return failure(e);
        }
    }

    Result read() {
        try (Jedis redis = connect()) {
            String counter = redis.get("counter");
            return new Result(counter == null ? 0L : Long.parseLong(counter), redis.get("zone"), null);
        } catch (JedisException | NumberFormatException e) {
            return failure(e);
        }
    }

    Result reset() {
        try (Jedis redis = connect()) {
            redis.del("counter");
            return new Result(0L, redis.get("zone"), null);
        } catch (JedisException e) {
            return failure(e);
        }
    }

    private Result failure(Exception e) {
        InetSocketAddress at = redis.get();
        String where = at == null ? "redis" : "redis at " + at.getHostString() + ":" + at.getPort();
        return new Result(null, null, where + " is unreachable: " + e.getMessage());
    }
}
