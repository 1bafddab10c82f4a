package dev.gatehouse.app.policyeditor;

import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fxmisc.richtext.model.StyleSpans;
import org.fxmisc.richtext.model.StyleSpansBuilder;

/**
 * Colours YAML by style class: keys, quoted strings, literals (numbers, booleans, null), comments, document
 * separators ({@code ---}) and the placeholder of a redacted secret ({@code <redacted>}, quoted or not).
 */
public final class YamlHighlighter {

    public static final String KEY = "yaml-key";
    public static final String STRING = "yaml-string";
    public static final String LITERAL = "yaml-literal";
    public static final String COMMENT = "yaml-comment";
    public static final String SEPARATOR = "yaml-separator";
    public static final String REDACTED = "yaml-redacted";

    private static final Pattern TOKENS = Pattern.compile(
            "(?<SEPARATOR>^(?:---|\\.\\.\\.)[ \\t]*$)"
                    + "|(?<REDACTED>(?<QUOTE>[\"']?)<redacted>\\k<QUOTE>)"
                    + "|(?<COMMENT>(?<=^|\\s)#.*$)"
                    + "|^[ \\t]*(?:-[ \\t]+)*(?<KEY>[^\\s#:'\"-][^:#\\n]*?)(?=:(?:[ \\t]|$))"
                    + "|(?<STRING>\"[^\"\\n]*\"|'[^'\\n]*')"
                    + "|(?<LITERAL>(?<=[:\\-][ \\t])(?:true|false|null|~|-?\\d+(?:\\.\\d+)?)(?=[ \\t]*$))",
            Pattern.MULTILINE);

    private YamlHighlighter() {}

    /** The style spans of {@code text}, one style class (or none) per span. */
    public static StyleSpans<Collection<String>> spans(String text) {
        StyleSpansBuilder<Collection<String>> spans = new StyleSpansBuilder<>();
        Matcher m = TOKENS.matcher(text);
        int last = 0;
        while (m.find()) {
            String style;
            int start;
            int end;
            if (m.group("KEY") != null) {
                style = KEY;
                start = m.start("KEY");
                end = m.end("KEY");
            } else {
                style = m.group("SEPARATOR") != null
                        ? SEPARATOR
                        : m.group("REDACTED") != null
                                ? REDACTED
                                : m.group("COMMENT") != null ? COMMENT : m.group("STRING") != null ? STRING : LITERAL;
                start = m.start();
                end = m.end();
            }
            spans.add(List.of(), start - last);
            spans.add(List.of(style), end - start);
            last = end;
        }
        spans.add(List.of(), text.length() - last);
        return spans.create();
    }
}
