package dev.gatehouse.gateway.plugin.requesttransformer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * A request-transformer value with Kong's {@code $(...)} placeholders (penlight templates, rendered by
 * {@code kong/plugins/request-transformer/access.lua}'s {@code param_value}), without a Lua engine: a placeholder may
 * name {@code headers}, {@code query_params} or {@code uri_captures} ({@code .name}, {@code ["name"]} or {@code [1]}),
 * a quoted string or a number, alternatives joined by {@code or}. Anything else is an expression Lua would run; it
 * fails when rendered, as a Lua error does in Kong (the request then ends with 500).
 */
final class Template {

    /** The lookups a placeholder may use; each returns null when the name is absent. */
    record Env(
            Function<String, String> headers,
            Function<String, String> queryParams,
            Function<String, String> uriCaptures) {}

    /** A placeholder Kong would evaluate with Lua code we do not run. */
    static final class Unsupported extends RuntimeException {
        Unsupported(String expression) {
            super(
                    "[request-transformer] failed to render the template, unsupported expression: " + expression,
                    null,
                    false,
                    false);
        }
    }

    private sealed interface Part permits Text, Expr {}

    private record Text(String text) implements Part {}

    /** Alternatives ({@code a or b}); null when the expression is outside what is supported. */
    private record Expr(String source, List<Term> alternatives) implements Part {}

    private record Term(String namespace, String key, String literal) {}

    private final String source;
    private final List<Part> parts;

    private Template(String source, List<Part> parts) {
        this.source = source;
        this.parts = parts;
    }

    String source() {
        return source;
    }

    /** True when the value has no placeholder. */
    boolean isLiteral() {
        return parts.size() <= 1 && (parts.isEmpty() || parts.get(0) instanceof Text);
    }

    static Template compile(String value) {
        List<Part> parts = new ArrayList<>();
        int i = 0;
        int textStart = 0;
        while (i < value.length()) {
            if (value.startsWith("$(", i)) {
                int end = closing(value, i + 1);
                if (end < 0) {
                    break; // an unbalanced "$(" is text, as penlight's %b() finds no match
                }
                if (i > textStart) {
                    parts.add(new Text(value.substring(textStart, i)));
                }
                String expr = value.substring(i + 2, end);
                parts.add(new Expr(expr, parse(expr)));
                i = end + 1;
                textStart = i;
            } else {
                i++;
            }
        }
        if (textStart < value.length()) {
            parts.add(new Text(value.substring(textStart)));
        }
        return new Template(value, List.copyOf(parts));
    }

    String render(Env env) {
        if (parts.size() == 1 && parts.get(0) instanceof Text t) {
            return t.text();
        }
        StringBuilder sb = new StringBuilder();
        for (Part p : parts) {
            switch (p) {
                case Text t -> sb.append(t.text());
                case Expr e -> sb.append(evaluate(e, env));
            }
        }
        return sb.toString();
    }

    /** penlight renders {@code tostring(expr or '')}: the first alternative that is not nil. */
    private static String evaluate(Expr e, Env env) {
        if (e.alternatives() == null) {
            throw new Unsupported(e.source());
        }
        for (Term t : e.alternatives()) {
            String v = t.literal() != null
                    ? t.literal()
                    : switch (t.namespace()) {
                        case "headers" -> env.headers().apply(t.key());
                        case "query_params" -> env.queryParams().apply(t.key());
                        default -> env.uriCaptures().apply(t.key());
                    };
            if (v != null) {
                return v;
            }
        }
        return "";
    }

    /** Index of the parenthesis closing the one at {@code open}, or -1. */
    private static int closing(String s, int open) {
        int depth = 0;
        for (int i = open; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private static final Map<String, String> NAMESPACES =
            Map.of("headers", "headers", "query_params", "query_params", "uri_captures", "uri_captures");

    /** The alternatives of an expression, or null when it is not one this class evaluates. */
    private static List<Term> parse(String expr) {
        List<Term> out = new ArrayList<>();
        for (String alt : splitOr(expr)) {
            Term t = term(alt.strip());
            if (t == null) {
                return null;
            }
            out.add(t);
        }
        return out.isEmpty() ? null : out;
    }

    /** Splits on the word {@code or} outside quotes. */
    private static List<String> splitOr(String expr) {
        List<String> out = new ArrayList<>();
        int start = 0;
        char quote = 0;
        for (int i = 0; i < expr.length(); i++) {
            char c = expr.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (expr.startsWith("or", i)
                    && (i == 0 || Character.isWhitespace(expr.charAt(i - 1)))
                    && (i + 2 < expr.length() && Character.isWhitespace(expr.charAt(i + 2)))) {
                out.add(expr.substring(start, i));
                start = i + 2;
            }
        }
        out.add(expr.substring(start));
        return out;
    }

    private static Term term(String t) {
        String literal = quoted(t);
        if (literal != null) {
            return new Term(null, null, literal);
        }
        if (t.matches("-?\\d+(\\.\\d+)?")) {
            return new Term(null, null, t);
        }
        for (String ns : NAMESPACES.keySet()) {
            if (t.startsWith(ns) && t.length() > ns.length()) {
                String rest = t.substring(ns.length()).strip();
                if (rest.startsWith(".") && rest.substring(1).matches("[A-Za-z_][A-Za-z0-9_]*")) {
                    return new Term(ns, rest.substring(1), null);
                }
                if (rest.startsWith("[") && rest.endsWith("]")) {
                    String key = rest.substring(1, rest.length() - 1).strip();
                    String q = quoted(key);
                    if (q != null) {
                        return new Term(ns, q, null);
                    }
                    if (key.matches("\\d+")) {
                        return new Term(ns, key, null);
                    }
                }
            }
        }
        return null;
    }

    /** The text of a single- or double-quoted Lua string without escapes, or null. */
    private static String quoted(String t) {
        if (t.length() >= 2
                && (t.charAt(0) == '"' || t.charAt(0) == '\'')
                && t.charAt(t.length() - 1) == t.charAt(0)
                && t.indexOf(t.charAt(0), 1) == t.length() - 1
                && t.indexOf('\\') < 0) {
            return t.substring(1, t.length() - 1);
        }
        return null;
    }

    /** ngx.req.get_headers' lookup: lower case, {@code _} as {@code -}. */
    static String headerKey(String name) {
        return name.toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
