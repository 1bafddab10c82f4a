package dev.gatehouse.app.sandbox.demo;

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

    private final String host;
    private final int port;
    private final int timeoutMillis;

    CounterStore(String host, int port, int timeoutMillis) {
        this.host = host;
        this.port = port;
        this.timeoutMillis = timeoutMillis;
    }

    /** A fresh connection per request: a denied or reset connection then shows on the request that met it. */
    private Jedis connect() {
        return new Jedis(host, port, timeoutMillis);
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
        return new Result(null, null, "redis at " + host + ":" + port + " is unreachable: " + e.getMessage());
    }
}
