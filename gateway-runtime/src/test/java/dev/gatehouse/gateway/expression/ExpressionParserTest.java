package dev.gatehouse.gateway.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The ATC language as atc-router parses, checks and evaluates it: cases of its {@code src/ast.rs} (precedence),
 * {@code src/parser.rs} (error layout), {@code src/semantics.rs} (messages) and {@code src/interpreter.rs}
 * (several values, {@code any}, captures).
 */
class ExpressionParserTest {

    /** A fully parenthesised rendering, as {@code ast.rs}'s test Display writes it. */
    private static String show(Expression e) {
        return switch (e) {
            case Expression.And a -> "(" + show(a.left()) + " && " + show(a.right()) + ")";
            case Expression.Or o -> "(" + show(o.left()) + " || " + show(o.right()) + ")";
            case Expression.Not n -> "!(" + show(n.operand()) + ")";
            case Expression.Predicate p -> "(" + p.lhs().field() + " " + p.op().symbol() + " " + value(p.rhs()) + ")";
        };
    }

    private static String value(AtcValue v) {
        return switch (v) {
            case AtcValue.Str s -> "\"" + s.value() + "\"";
            case AtcValue.Int i -> Long.toString(i.value());
            case AtcValue.Ip ip -> ip.value().getHostAddress();
            case AtcValue.Cidr c -> "cidr/" + c.bits();
            case AtcValue.Regex r -> "/" + r.pattern().pattern() + "/";
        };
    }

    @ParameterizedTest
    @CsvSource(
            delimiterString = " => ",
            value = {
                // ast.rs test_expression_precedence: || binds tighter than &&
                "a ^= \"1\" && b =^ \"2\" || c >= 3 => ((a ^= \"1\") && ((b =^ \"2\") || (c >= 3)))",
                "a == 1 && b != 2 || c >= 3 => ((a == 1) && ((b != 2) || (c >= 3)))",
                "a > 1 || b < 2 && c <= 3 || d == 4 => (((a > 1) || (b < 2)) && ((c <= 3) || (d == 4)))",
                "a > 1 || ((b < 2) && (c <= 3)) || d == 4 => (((a > 1) || ((b < 2) && (c <= 3))) || (d == 4))",
                "!(a == 1 || b == 2 && c == 3) && d == 4 => (!((((a == 1) || (b == 2)) && (c == 3))) && (d == 4))",
            })
    void precedenceIsAtcRouters(String source, String expected) {
        assertThat(show(ExpressionParser.parse(source))).isEqualTo(expected);
    }

    @Test
    void literalsAreReadAsAtcRouterReadsThem() {
        assertThat(show(ExpressionParser.parse("a == 0x1F || b == 017 || c == -5 || d == 09")))
                .isEqualTo("((((a == 31) || (b == 15)) || (c == -5)) || (d == 9))");
        assertThat(show(ExpressionParser.parse("s == \"q\\\"\\\\\\n\" && r == r#\"a\\d\"quote\"#")))
                .isEqualTo("((s == \"q\"\\\n\") && (r == \"a\\d\"quote\"))");
        assertThat(show(ExpressionParser.parse("net.src.ip in 10.0.0.0/8 && net.dst.ip == ::1")))
                .isEqualTo("((net.src.ip in cidr/8) && (net.dst.ip == 0:0:0:0:0:0:0:1))");
        assertThat(show(ExpressionParser.parse("lower(any(http.headers.x)) not in 1.2.3.4/32")))
                .isEqualTo("(http.headers.x not in cidr/32)");
        Expression.Predicate p = (Expression.Predicate) ExpressionParser.parse("lower ( any(h) ) contains \"x\"");
        assertThat(p.lhs()).isEqualTo(new Expression.Lhs("h", true, true));
    }

    @Test
    void syntaxErrorsAreLaidOutAsPestLaysThemOut() {
        // parser.rs test_bad_syntax: ! only negates a parenthesised expression
        assertThatThrownBy(() -> ExpressionParser.parse("a == 1 || ! b == 2"))
                .hasMessage(" --> 1:11\n  |\n1 | a == 1 || ! b == 2\n  |           ^---\n  |\n  = expected term");
        assertThatThrownBy(() -> ExpressionParser.parse("(a == 1 || b == 2) && ! c == 3"))
                .hasMessage(" --> 1:23\n  |\n1 | (a == 1 || b == 2) && ! c == 3\n  |                       ^---\n  |\n"
                        + "  = expected term");
        assertThatThrownBy(() -> ExpressionParser.parse("http.path ~ 1"))
                .hasMessageEndingWith("= regex operator can only be used with String operands");
        assertThatThrownBy(() -> ExpressionParser.parse("upper(http.path) == \"a\""))
                .hasMessageEndingWith("= unknown transformation function: upper");
        assertThatThrownBy(() -> ExpressionParser.parse("a == 256.1.1.1"))
                .hasMessage(" --> 1:6\n  |\n1 | a == 256.1.1.1\n  |      ^-------^\n  |\n"
                        + "  = invalid IPv4 address syntax");
        assertThatThrownBy(() -> ExpressionParser.parse("a in 10.0.0.1/8"))
                .hasMessageEndingWith("= host part of address was not zero");
        assertThatThrownBy(() -> ExpressionParser.parse("a == 99999999999999999999"))
                .hasMessageEndingWith("= number too large to fit in target type");
        assertThatThrownBy(() -> ExpressionParser.parse("http.path ~ \"(\""))
                .hasMessageContaining("= regex parse error: ");
        assertThatThrownBy(() -> ExpressionParser.parse("http.path"))
                .hasMessageEndingWith("= expected binary_operator");
        assertThatThrownBy(() -> ExpressionParser.parse("http.path == foo")).hasMessageEndingWith("= expected rhs");
        assertThatThrownBy(() -> ExpressionParser.parse("a == 1 b == 2"))
                .hasMessage(" --> 1:8\n  |\n1 | a == 1 b == 2\n  |        ^---\n  |\n"
                        + "  = expected EOI, and_op, or or_op");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "http.foo == \"a\" | Unknown LHS field",
                "http.headers.a.b == \"a\" | Unknown LHS field",
                "http.path == 1 | Type mismatch between the LHS and RHS values of predicate",
                "lower(net.src.port) == 1 | lower-case transformation function only supported with String type fields",
                "net.src.port ~ \"1\" | Regex operators only supports string operands",
                "http.path > \"a\" | Greater/GreaterOrEqual/Less/LessOrEqual operators only supports integer operands",
                "http.path in 10.0.0.0/8 | In/NotIn operators only supports IP in CIDR",
                "net.src.port contains 1 | Contains operator only supports string operands",
                "net.src.ip ^= 1.1.1.1 | Prefix/Postfix operators only supports string operands",
            })
    void semanticErrorsCarryAtcRoutersMessages(String source, String message) {
        Expression e = ExpressionParser.parse(source);
        assertThatThrownBy(() -> ExpressionCheck.fields(e, FieldSchema.HTTP)).hasMessage(message);
    }

    @Test
    void checkedExpressionsNameTheirFields() {
        Expression e = ExpressionParser.parse(
                "http.path.segments.0_1 == \"a/b\" && http.headers.x_id == \"1\" && net.src.ip in ::/0");
        assertThat(ExpressionCheck.fields(e, FieldSchema.HTTP))
                .containsExactly("http.path.segments.0_1", "http.headers.x_id", "net.src.ip");
        assertThatThrownBy(
                        () -> ExpressionCheck.fields(ExpressionParser.parse("http.path == \"/\""), FieldSchema.STREAM))
                .hasMessage("Unknown LHS field");
    }

    @Test
    void everyValueMustMatchUnlessAny() {
        Map<String, List<AtcValue>> values =
                Map.of("h", List.of(new AtcValue.Str("Foo"), new AtcValue.Str("bar")), "none", List.of());
        FieldValues fv = values::get;
        MatchResult r = new MatchResult();
        // interpreter.rs: all values by default, any() for one of them, no value never matches
        assertThat(ExpressionParser.parse("h ^= \"\"").test(fv, r)).isTrue();
        assertThat(ExpressionParser.parse("h == \"bar\"").test(fv, r)).isFalse();
        assertThat(ExpressionParser.parse("any(h) == \"bar\"").test(fv, r)).isTrue();
        assertThat(ExpressionParser.parse("lower(h) =^ \"o\"").test(fv, r)).isFalse();
        assertThat(ExpressionParser.parse("any(lower(h)) == \"foo\"").test(fv, r))
                .isTrue();
        assertThat(ExpressionParser.parse("any(h) == \"foo\"").test(fv, r)).isFalse();
        assertThat(ExpressionParser.parse("none != \"x\"").test(fv, r)).isFalse();
        assertThat(ExpressionParser.parse("missing != \"x\"").test(fv, r)).isFalse();
        assertThat(ExpressionParser.parse("!(missing == \"x\")").test(fv, r)).isTrue();
    }

    @Test
    void regexMatchesRecordTheMatchAndCaptures() {
        FieldValues fv = f -> f.equals("http.path") ? List.of(new AtcValue.Str("/users/42/x")) : null;
        MatchResult r = new MatchResult();
        assertThat(ExpressionParser.parse("http.path ~ r#\"/users/(?<id>\\d+)\"#")
                        .test(fv, r))
                .isTrue();
        assertThat(r.matchedString("http.path")).isEqualTo("/users/42");
        assertThat(r.captures())
                .containsEntry("0", "/users/42")
                .containsEntry("1", "42")
                .containsEntry("id", "42");
        r.reset();
        assertThat(ExpressionParser.parse("http.path ^= \"/users\"").test(fv, r))
                .isTrue();
        assertThat(r.matchedString("http.path")).isEqualTo("/users");
        assertThat(r.captures()).isEmpty();
    }
}
