package dev.gatehouse.gateway.router;

import dev.gatehouse.gateway.expression.AtcValue;
import dev.gatehouse.gateway.expression.Expression;
import dev.gatehouse.gateway.expression.ExpressionParser;
import dev.gatehouse.gateway.expression.MatchResult;
import dev.gatehouse.gateway.expression.Operator;
import dev.gatehouse.gateway.proxy.ProxyRoute;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A route of the {@code expressions} flavor that carries an {@code expression}: tried before every other route, by
 * descending {@code priority} then descending id (Kong's {@code get_priority} sets the top byte for such routes,
 * {@code kong/router/transform.lua}, and atc-router iterates its {@code (priority, uuid)} map in reverse).
 */
final class ExpressionRule {

    final String id;
    final ProxyRoute route;
    final long priority;
    final Expression expression;
    /** What the expression was compiled from, so that an unchanged route's compilation is reused by the next router. */
    private final String source;

    private final List<String> protocols;

    private ExpressionRule(
            String id, ProxyRoute route, long priority, Expression expression, String source, List<String> protocols) {
        this.id = id;
        this.route = route;
        this.priority = priority;
        this.expression = expression;
        this.source = source;
        this.protocols = protocols;
    }

    /**
     * Compiles a route's expression as Kong's {@code kong/router/expressions.lua} amends it: the deprecated
     * {@code net.port} read as {@code net.dst.port}, and the route's protocols added as {@code net.protocol}
     * alternatives (grpc as http, grpcs as https), unless the only protocol is https, which leaves plain-HTTP
     * requests to match and be told to use HTTPS.
     */
    static ExpressionRule compile(ProxyRoute route, String expression, long priority, List<String> protocols) {
        Expression e = ExpressionParser.parseRouteExpression(expression);
        if (!(protocols.size() == 1 && protocols.get(0).equals("https"))) {
            Set<String> schemes = new LinkedHashSet<>();
            for (String p : protocols) {
                schemes.add(
                        switch (p) {
                            case "grpc" -> "http";
                            case "grpcs" -> "https";
                            default -> p;
                        });
            }
            Expression any = null;
            for (String s : schemes) {
                Expression one = new Expression.Predicate(
                        new Expression.Lhs("net.protocol", false, false), Operator.EQUALS, new AtcValue.Str(s));
                any = any == null ? one : new Expression.Or(any, one);
            }
            if (any != null) {
                e = new Expression.And(e, any);
            }
        }
        return new ExpressionRule(route.id(), route, priority, e, expression, protocols);
    }

    /**
     * This route in a new router: {@code previous}'s compiled expression (regexes included) when the route's
     * expression and protocols did not change, else compiled afresh.
     */
    static ExpressionRule reuseOrCompile(
            ExpressionRule previous, ProxyRoute route, String expression, long priority, List<String> protocols) {
        if (previous != null && previous.source.equals(expression) && previous.protocols.equals(protocols)) {
            return new ExpressionRule(route.id(), route, priority, previous.expression, expression, protocols);
        }
        return compile(route, expression, priority, protocols);
    }

    /** The match, with the matched path and captures Kong's {@code atc.lua} {@code matching} reports, or null. */
    RouteMatch match(RequestFields fields, MatchResult result) {
        result.reset();
        if (!expression.test(fields, result)) {
            return null;
        }
        Map<String, String> captures = result.captures();
        // only when there is more than the whole match (atc.lua has_capture)
        return new RouteMatch(
                route, result.matchedString("http.path"), captures.size() > 1 ? new LinkedHashMap<>(captures) : null);
    }

    /** Descending priority, then descending id. */
    static int compare(ExpressionRule a, ExpressionRule b) {
        int c = Long.compare(b.priority, a.priority);
        return c != 0 ? c : b.id.compareTo(a.id);
    }
}
