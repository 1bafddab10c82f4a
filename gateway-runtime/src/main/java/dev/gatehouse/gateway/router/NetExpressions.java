package dev.gatehouse.gateway.router;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.gateway.expression.AtcValue;
import dev.gatehouse.gateway.expression.Expression;
import dev.gatehouse.gateway.expression.Operator;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An HTTP route's {@code sources} and {@code destinations} as the expression Kong's {@code gen_for_nets} makes of
 * them ({@code kong/router/transform.lua}); the {@code expressions} flavor accepts these fields on HTTP routes. Each
 * list matches when one of its entries does; an entry with an ip and a port needs both.
 */
final class NetExpressions {

    private NetExpressions() {}

    /** The expression for the route's sources and destinations, or null when it has neither. */
    static Expression of(JsonNode route) {
        Expression src = list(route.get("sources"), "net.src.ip", "net.src.port");
        Expression dst = list(route.get("destinations"), "net.dst.ip", "net.dst.port");
        if (src == null) {
            return dst;
        }
        return dst == null ? src : new Expression.And(src, dst);
    }

    private static Expression list(JsonNode entries, String ipField, String portField) {
        if (entries == null || !entries.isArray()) {
            return null;
        }
        Expression any = null;
        for (JsonNode e : entries) {
            Expression ip = e.hasNonNull("ip") ? ip(ipField, e.get("ip").asText()) : null;
            Expression port = e.hasNonNull("port")
                    ? predicate(
                            portField,
                            Operator.EQUALS,
                            new AtcValue.Int(e.get("port").asLong()))
                    : null;
            Expression one = ip == null ? port : port == null ? ip : new Expression.And(ip, port);
            if (one != null) {
                any = any == null ? one : new Expression.Or(any, one);
            }
        }
        return any;
    }

    private static Expression ip(String field, String text) {
        int slash = text.indexOf('/');
        InetAddress address = literal(slash < 0 ? text : text.substring(0, slash));
        if (slash < 0) {
            return predicate(field, Operator.EQUALS, new AtcValue.Ip(address));
        }
        byte[] network = address.getAddress();
        int bits = Integer.parseInt(text.substring(slash + 1));
        for (int b = bits; b < network.length * 8; b++) {
            network[b / 8] &= (byte) ~(0x80 >> (b % 8));
        }
        return predicate(field, Operator.IN, new AtcValue.Cidr(network, bits));
    }

    private static InetAddress literal(String ip) {
        try {
            // the schema accepted only IP literals (Kong's ip_or_cidr), so this never resolves a name
            return InetAddress.getByName(ip);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + ip, e);
        }
    }

    private static Expression predicate(String field, Operator op, AtcValue value) {
        return new Expression.Predicate(new Expression.Lhs(field, false, false), op, value);
    }
}
