package dev.gatehouse.app.policyeditor;

import com.fasterxml.jackson.databind.JsonNode;
import org.fxmisc.richtext.CodeArea;
import org.fxmisc.richtext.LineNumberFactory;

/** A YAML text area with line numbers and syntax highlighting that follows every change. */
public final class YamlArea extends CodeArea {

    public YamlArea() {
        getStyleClass().add("yaml-editor");
        setParagraphGraphicFactory(LineNumberFactory.get(this));
        textProperty().addListener((obs, old, now) -> setStyleSpans(0, YamlHighlighter.spans(now)));
    }

    /** {@code resource} as YAML to read, not to edit (a policy's details). */
    public static YamlArea readOnly(JsonNode resource) {
        YamlArea area = new YamlArea();
        area.replaceText(PolicyYaml.write(resource));
        area.setEditable(false);
        // Read from the top: replacing the text leaves the caret, and the view, at its end.
        area.moveTo(0);
        area.requestFollowCaret();
        return area;
    }
}
