package dev.gatehouse.app.policyeditor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.fxmisc.richtext.model.StyleSpan;
import org.junit.jupiter.api.Test;

/** The YAML highlighter's classes, read back as (text, class) pairs. */
class YamlHighlighterTest {

    private static List<String> styled(String text) {
        List<String> out = new ArrayList<>();
        int at = 0;
        for (StyleSpan<Collection<String>> span : YamlHighlighter.spans(text)) {
            if (!span.getStyle().isEmpty()) {
                out.add(text.substring(at, at + span.getLength()) + "="
                        + span.getStyle().iterator().next());
            }
            at += span.getLength();
        }
        return out;
    }

    @Test
    void separatorsAndRedactedSecretsHaveTheirOwnClasses() {
        String yaml = """
                ---
                kind: Secret # a comment
                stringData:
                  key: <redacted>
                  other: "<redacted>"
                  name: "alice"
                  port: 80
                ---
                """;
        assertThat(styled(yaml))
                .containsExactly(
                        "---=" + YamlHighlighter.SEPARATOR,
                        "kind=" + YamlHighlighter.KEY,
                        "# a comment=" + YamlHighlighter.COMMENT,
                        "stringData=" + YamlHighlighter.KEY,
                        "key=" + YamlHighlighter.KEY,
                        "<redacted>=" + YamlHighlighter.REDACTED,
                        "other=" + YamlHighlighter.KEY,
                        "\"<redacted>\"=" + YamlHighlighter.REDACTED,
                        "name=" + YamlHighlighter.KEY,
                        "\"alice\"=" + YamlHighlighter.STRING,
                        "port=" + YamlHighlighter.KEY,
                        "80=" + YamlHighlighter.LITERAL,
                        "---=" + YamlHighlighter.SEPARATOR);
    }

    @Test
    void aDashInsideAValueIsNoSeparator() {
        assertThat(styled("name: a---b\n")).containsExactly("name=" + YamlHighlighter.KEY);
    }
}
