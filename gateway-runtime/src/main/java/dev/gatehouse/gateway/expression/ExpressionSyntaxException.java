package dev.gatehouse.gateway.expression;

/**
 * An expression that does not parse, with a message laid out as atc-router's parser (pest) lays out its errors:
 * the line and column, the line itself with a caret under the place, and what was expected there.
 */
public final class ExpressionSyntaxException extends IllegalArgumentException {

    ExpressionSyntaxException(String source, int start, int end, String message) {
        super(layout(source, start, end, message));
    }

    private static String layout(String source, int start, int end, String message) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < start && i < source.length(); i++) {
            if (source.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        int lineEnd = source.indexOf('\n', lineStart);
        String text = source.substring(lineStart, lineEnd < 0 ? source.length() : lineEnd);
        int column = start - lineStart + 1;
        String pad = " ".repeat(Integer.toString(line).length());
        String marker;
        int spanEnd = Math.min(end, lineStart + text.length());
        if (end < 0) {
            marker = "^---";
        } else if (spanEnd - start <= 1) {
            marker = "^";
        } else {
            marker = "^" + "-".repeat(spanEnd - start - 2) + "^";
        }
        return pad + "--> " + line + ":" + column + "\n"
                + pad + " |\n"
                + line + " | " + text + "\n"
                + pad + " | " + " ".repeat(column - 1) + marker + "\n"
                + pad + " |\n"
                + pad + " = " + message;
    }
}
