package dev.gatehouse.gateway.proxy.server;

import dev.gatehouse.gateway.proxy.Balancer;
import dev.gatehouse.gateway.proxy.Credential;
import dev.gatehouse.gateway.proxy.ProxyConsumer;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import java.util.List;

/** What consistent hashing reads of an exchange; computed only when an upstream hashes, and only what it asks. */
record BalanceInput(Exchange x) implements Balancer.HashInput {

    @Override
    public String consumerId() {
        ProxyConsumer c = x.consumer();
        if (c != null) {
            return c.id();
        }
        Credential cred = x.credential(); // Kong: the consumer, else the authenticated credential
        return cred == null ? null : cred.id();
    }

    @Override
    public String clientIp() {
        return x.conn.clientIp;
    }

    @Override
    public String header(String name) {
        List<String> values = x.request.headers().getAll(name);
        return values.isEmpty() ? null : String.join(",", values); // Kong concatenates repeated headers
    }

    @Override
    public String cookie(String name) {
        for (String h : x.request.headers().getAll(HttpHeaderNames.COOKIE)) {
            for (Cookie c : ServerCookieDecoder.LAX.decode(h)) {
                if (c.name().equals(name)) {
                    return c.value();
                }
            }
        }
        return null;
    }

    @Override
    public void hashCookie(String name, String value, String path) {
        x.hashCookie = name + "=" + value + "; Path=" + path + "; Same-Site=Lax; HttpOnly";
    }

    @Override
    public String path() {
        return x.path != null ? x.path : x.rawPath;
    }

    @Override
    public String queryArg(String name) {
        List<String> v = QueryArgs.parse(x.rawQuery).get(name);
        return v == null || v.isEmpty() ? null : String.join(",", v);
    }

    @Override
    public String uriCapture(String name) {
        return x.match == null || x.match.uriCaptures() == null
                ? null
                : x.match.uriCaptures().get(name);
    }
}
