package dev.gatehouse.app.policyeditor;

import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fxmisc.richtext.model.StyleSpans;
import org.fxmisc.richtext.model.StyleSpansBuilder;

/** Colours YAML by style class: keys, quoted strings, literals (numbers, booleans, null) and comments. */
final class YamlHighlighter {

    private static final Pattern TOKENS = Pattern.compile(
            "(?<COMMENT>(?<=^|\\s)#.*$)"
                    + "|^[ \\t]*(?:-[ \\t]+)*(?<KEY>[^\\s#:'\"-][^:#\\n]*?)(?=:(?:[ \\t]|$))"
                    + "|(?<STRING>\"[^\"\\n]*\"|'[^'\\n]*')"
                    + "|(?<LITERAL>(?<=[:\\-][ \\t])(?:true|false|null|~|-?\\d+(?:\\.\\d+)?)(?=[ \\t]*$))",
            Pattern.MULTILINE);

    private YamlHighlighter() {}

    static StyleSpans<Collection<String>> spans(String text) {
        StyleSpansBuilder<Collection<String>> spans = new StyleSpansBuilder<>();
        Matcher m = TOKENS.matcher(text);
        int last = 0;
        while (m.find()) {
            String style;
            int start;
            int end;
            if (m.group("KEY") != null) {
                style = "yaml-key";
                start = m.start("KEY");
                end = m.end("KEY");
            } else {
                style = m.group("COMMENT") != null
                        ? "yaml-comment"
                        : m.group("STRING") != null ? "yaml-string" : "yaml-literal";
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
