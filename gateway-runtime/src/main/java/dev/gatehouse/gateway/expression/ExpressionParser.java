package dev.gatehouse.gateway.expression;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Parses Kong's router expressions: the grammar of atc-router's {@code src/atc_grammar.pest} and the literal rules of
 * its {@code src/parser.rs}. As there, {@code ||} binds tighter than {@code &&} (its Pratt parser declares the and
 * operator first, hence lowest; {@code ast.rs}'s tests show {@code a && b || c} as {@code a && (b || c)}), {@code !}
 * only negates a parenthesised expression, and the right side of {@code ~} is compiled at once.
 */
public final class ExpressionParser {

    private static final Pattern IDENT = Pattern.compile("[A-Za-z][A-Za-z0-9_.]*");
    private static final String IPV4 = "[0-9]{1,3}(?:\\.[0-9]{1,3}){3}";
    private static final String IPV6 = "(?::|[0-9A-Fa-f]{1,4}):(?:[0-9A-Fa-f]{1,4}|:)*";
    private static final Pattern IPV4_CIDR = Pattern.compile(IPV4 + "/[0-9]{1,2}");
    private static final Pattern IPV6_CIDR = Pattern.compile(IPV6 + "/[0-9]{1,3}");
    private static final Pattern IPV4_ADDR = Pattern.compile(IPV4);
    private static final Pattern IPV6_ADDR = Pattern.compile(IPV6);
    private static final Pattern INT = Pattern.compile("-?(?:(0[0-7]+)|0x([0-9A-Fa-f]+)|([0-9]+))");
    // binary_operator's alternatives in the grammar's order: the first that matches is taken
    private static final String[][] OPERATORS = {
        {"==", "EQUALS"}, {"!=", "NOT_EQUALS"}, {"~", "REGEX"}, {"^=", "PREFIX"}, {"=^", "POSTFIX"},
        {">=", "GREATER_OR_EQUAL"}, {">", "GREATER"}, {"<=", "LESS_OR_EQUAL"}, {"<", "LESS"}, {"in", "IN"}
    };

    private final String src;
    private int pos;

    private ExpressionParser(String src) {
        this.src = src;
    }

    private static final Pattern NET_PORT = Pattern.compile("(net\\.port)(\\s*)([=><!])");

    /**
     * A route's expression as Kong reads it ({@code amending_expression}, {@code kong/router/transform.lua}): the
     * deprecated {@code net.port} as {@code net.dst.port}, then parsed.
     */
    public static Expression parseRouteExpression(String source) {
        return parse(NET_PORT.matcher(source).replaceAll("net.dst.port$2$3"));
    }

    /** The expression, or an {@link ExpressionSyntaxException} saying where and why it does not parse. */
    public static Expression parse(String source) {
        ExpressionParser p = new ExpressionParser(source);
        p.skipSpace();
        Expression e = p.andChain();
        p.skipSpace();
        if (p.pos < source.length()) {
            throw p.expected("EOI, and_op, or or_op");
        }
        return e;
    }

    private Expression andChain() {
        Expression left = orChain();
        while (lookingAt("&&")) {
            pos += 2;
            skipSpace();
            left = new Expression.And(left, orChain());
        }
        return left;
    }

    private Expression orChain() {
        Expression left = term();
        while (lookingAt("||")) {
            pos += 2;
            skipSpace();
            left = new Expression.Or(left, term());
        }
        return left;
    }

    private Expression term() {
        int start = pos;
        boolean not = false;
        if (lookingAt("!")) {
            pos++;
            skipSpace();
            not = true;
        }
        if (lookingAt("(")) {
            pos++;
            skipSpace();
            Expression inner = andChain();
            if (!lookingAt(")")) {
                throw expected("and_op or or_op");
            }
            pos++;
            skipSpace();
            return not ? new Expression.Not(inner) : inner;
        }
        if (not || !IDENT.matcher(src).region(pos, src.length()).lookingAt()) {
            pos = start;
            throw expected("term");
        }
        return predicate();
    }

    private Expression.Predicate predicate() {
        Expression.Lhs lhs = lhs();
        Operator op = operator();
        int rhsStart = pos;
        AtcValue rhs = rhs();
        int rhsEnd = pos;
        skipSpace();
        if (op == Operator.REGEX) {
            if (!(rhs instanceof AtcValue.Str s)) {
                throw new ExpressionSyntaxException(
                        src, rhsStart, rhsEnd, "regex operator can only be used with String operands");
            }
            try {
                rhs = new AtcValue.Regex(Pattern.compile(s.value()));
            } catch (PatternSyntaxException e) {
                throw new ExpressionSyntaxException(src, rhsStart, rhsEnd, "regex parse error: " + e.getDescription());
            }
        }
        return new Expression.Predicate(lhs, op, rhs);
    }

    private Expression.Lhs lhs() {
        int start = pos;
        String name = ident();
        if (!lookingAt("(")) {
            return new Expression.Lhs(name, false, false);
        }
        pos++;
        skipSpace();
        Expression.Lhs inner = lhs();
        if (!lookingAt(")")) {
            throw expected("binary_operator");
        }
        pos++;
        int end = pos;
        skipSpace();
        return switch (name) {
            case "lower" -> new Expression.Lhs(inner.field(), true, inner.any());
            case "any" -> new Expression.Lhs(inner.field(), inner.lower(), true);
            default -> throw new ExpressionSyntaxException(src, start, end, "unknown transformation function: " + name);
        };
    }

    private String ident() {
        Matcher m = IDENT.matcher(src).region(pos, src.length());
        if (!m.lookingAt()) {
            throw expected("ident");
        }
        pos = m.end();
        skipSpace();
        return m.group();
    }

    private Operator operator() {
        for (String[] o : OPERATORS) {
            if (src.startsWith(o[0], pos)) {
                pos += o[0].length();
                skipSpace();
                return Operator.valueOf(o[1]);
            }
        }
        if (src.startsWith("not", pos)) {
            int save = pos;
            pos += 3;
            skipSpace();
            if (src.startsWith("in", pos)) {
                pos += 2;
                skipSpace();
                return Operator.NOT_IN;
            }
            pos = save;
        }
        if (src.startsWith("contains", pos)) {
            pos += "contains".length();
            skipSpace();
            return Operator.CONTAINS;
        }
        throw expected("binary_operator");
    }

    private AtcValue rhs() {
        if (lookingAt("\"")) {
            return stringLiteral();
        }
        if (lookingAt("r#\"")) {
            int close = src.indexOf("\"#", pos + 3);
            if (close < 0) {
                throw expected("rhs");
            }
            String s = src.substring(pos + 3, close);
            pos = close + 2;
            return new AtcValue.Str(s);
        }
        int start = pos;
        Matcher m;
        if ((m = at(IPV4_CIDR)) != null || (m = at(IPV6_CIDR)) != null) {
            pos = m.end();
            return cidr(m.group(), start);
        }
        if ((m = at(IPV4_ADDR)) != null) {
            pos = m.end();
            return new AtcValue.Ip(ipv4(m.group(), start));
        }
        if ((m = at(IPV6_ADDR)) != null) {
            pos = m.end();
            return new AtcValue.Ip(ipv6(m.group(), start));
        }
        if ((m = at(INT)) != null) {
            pos = m.end();
            return integer(m, start);
        }
        throw expected("rhs");
    }

    private AtcValue.Str stringLiteral() {
        int start = pos;
        StringBuilder sb = new StringBuilder();
        int i = pos + 1;
        while (i < src.length()) {
            char c = src.charAt(i);
            if (c == '"') {
                pos = i + 1;
                return new AtcValue.Str(sb.toString());
            }
            if (c == '\\') {
                char e = i + 1 < src.length() ? src.charAt(i + 1) : 0;
                switch (e) {
                    case '"' -> sb.append('"');
                    case '\\' -> sb.append('\\');
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case 't' -> sb.append('\t');
                    default -> {
                        pos = start;
                        throw expected("rhs");
                    }
                }
                i += 2;
                continue;
            }
            sb.append(c);
            i++;
        }
        pos = start;
        throw expected("rhs");
    }

    private AtcValue.Int integer(Matcher m, int start) {
        boolean negative = m.group().startsWith("-");
        String digits;
        int radix;
        if (m.group(1) != null) {
            digits = m.group(1);
            radix = 8;
        } else if (m.group(2) != null) {
            digits = m.group(2);
            radix = 16;
        } else {
            digits = m.group(3);
            radix = 10;
        }
        try {
            long v = Long.parseLong(digits, radix);
            return new AtcValue.Int(negative ? -v : v);
        } catch (NumberFormatException e) {
            throw new ExpressionSyntaxException(src, start, pos, "number too large to fit in target type");
        }
    }

    private AtcValue.Cidr cidr(String text, int start) {
        int slash = text.indexOf('/');
        String addr = text.substring(0, slash);
        InetAddress a = addr.contains(":") ? ipv6(addr, start) : ipv4(addr, start);
        byte[] bytes = a.getAddress();
        int bits = Integer.parseInt(text.substring(slash + 1));
        if (bits > bytes.length * 8) {
            throw new ExpressionSyntaxException(src, start, pos, "invalid length for network: " + text);
        }
        for (int b = bits; b < bytes.length * 8; b++) {
            if ((bytes[b / 8] & (0x80 >> (b % 8))) != 0) {
                throw new ExpressionSyntaxException(src, start, pos, "host part of address was not zero");
            }
        }
        return new AtcValue.Cidr(bytes, bits);
    }

    private InetAddress ipv4(String text, int start) {
        String[] parts = text.split("\\.");
        byte[] b = new byte[4];
        for (int i = 0; i < 4; i++) {
            int v = Integer.parseInt(parts[i]);
            // Rust's Ipv4Addr refuses leading zeros, which some resolvers read as octal
            if (v > 255 || (parts[i].length() > 1 && parts[i].startsWith("0"))) {
                throw new ExpressionSyntaxException(src, start, pos, "invalid IPv4 address syntax");
            }
            b[i] = (byte) v;
        }
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private InetAddress ipv6(String text, int start) {
        try {
            // a literal with a colon is parsed as IPv6 and never looked up in DNS
            InetAddress a = InetAddress.getByName(text);
            byte[] raw = a.getAddress();
            if (raw.length == 4) { // ::ffff:a.b.c.d comes back as IPv4; keep the IPv6 form atc-router keeps
                byte[] v6 = new byte[16];
                v6[10] = (byte) 0xff;
                v6[11] = (byte) 0xff;
                System.arraycopy(raw, 0, v6, 12, 4);
                return java.net.Inet6Address.getByAddress(null, v6, -1);
            }
            return a;
        } catch (UnknownHostException e) {
            throw new ExpressionSyntaxException(src, start, pos, "invalid IPv6 address syntax");
        }
    }

    private Matcher at(Pattern p) {
        Matcher m = p.matcher(src).region(pos, src.length());
        return m.lookingAt() ? m : null;
    }

    private boolean lookingAt(String token) {
        return src.startsWith(token, pos);
    }

    private void skipSpace() {
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
                return;
            }
            pos++;
        }
    }

    private ExpressionSyntaxException expected(String what) {
        return new ExpressionSyntaxException(src, pos, -1, "expected " + what);
    }
}
