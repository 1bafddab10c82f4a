package dev.gatehouse.app.pages.routes;

import atlantafx.base.theme.Styles;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.icon.AppIcon;
import dev.gatehouse.app.page.NodeListeners;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The route tester: compose a request, send it through the proxy, read status, body, headers and latency. The
 * answer sits right under the request line (body and headers of the request fold away), so it is in view without
 * scrolling; an answer from before a configuration change says so, and a mesh error says which permission is missing.
 */
final class RequestTesterView extends VBox {

    RequestTesterView(RequestTesterModel model, Messages messages) {
        super(8);
        getStyleClass().add("request-tester");
        Label title = new Label(messages.get("tester.title"));
        title.getStyleClass().add(Styles.TITLE_4);

        ComboBox<String> method = new ComboBox<>();
        method.setId("tester-method");
        method.getItems().addAll("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");
        method.setEditable(true);
        method.setPrefWidth(110);
        method.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        method.valueProperty().bindBidirectional(model.methodProperty());
        // Editable, so a click in its text only placed the caret; it reads as a drop-down, so open it.
        method.getEditor().setOnMouseClicked(e -> {
            if (!method.isShowing()) {
                method.show();
            }
        });
        TextField path = new TextField();
        path.setId("tester-path");
        path.textProperty().bindBidirectional(model.pathProperty());
        HBox.setHgrow(path, Priority.ALWAYS);
        Button send = new Button(messages.get("tester.send"), AppIcon.SEND.node());
        send.setId("tester-send");
        send.getStyleClass().add(Styles.ACCENT);
        send.disableProperty().bind(model.sendingProperty());
        send.setOnAction(e -> model.send());
        send.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        path.setOnAction(e -> model.send());
        HBox line = new HBox(8, method, path, send);
        line.setAlignment(Pos.CENTER_LEFT);

        TextArea headers = new TextArea();
        headers.setId("tester-headers");
        headers.setPromptText(messages.get("tester.headers.prompt"));
        headers.setPrefRowCount(2);
        headers.getStyleClass().add("monospace");
        headers.textProperty().bindBidirectional(model.headersProperty());
        Label headersLabel = new Label(messages.get("tester.headers"));
        headersLabel.setLabelFor(headers);
        headersLabel.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        TextArea body = new TextArea();
        body.setId("tester-body");
        body.setPromptText(messages.get("tester.body.prompt"));
        body.setPrefRowCount(3);
        body.getStyleClass().add("monospace");
        body.textProperty().bindBidirectional(model.bodyProperty());
        TitledPane bodyPane = new TitledPane(messages.get("tester.body"), body);
        bodyPane.setId("tester-body-pane");
        bodyPane.setExpanded(!model.bodyProperty().get().isEmpty());
        bodyPane.getStyleClass().add(Styles.DENSE);

        Label summary = new Label();
        summary.setId("tester-summary");
        summary.setWrapText(true);
        summary.getStyleClass().add(Styles.TEXT_BOLD);
        summary.textProperty().bind(model.summaryProperty());
        summary.managedProperty().bind(model.summaryProperty().isNotEmpty());
        Runnable colour = () -> {
            summary.getStyleClass().removeAll(Styles.SUCCESS, Styles.WARNING, Styles.DANGER);
            int status = model.statusProperty().get();
            if (model.summaryProperty().get().isEmpty()
                    || model.sendingProperty().get()) {
                return;
            }
            if (status >= 200 && status < 300) {
                summary.getStyleClass().add(Styles.SUCCESS);
            } else if (status >= 400 && status < 500) {
                summary.getStyleClass().add(Styles.WARNING);
            } else if (status >= 500 || status == 0) {
                summary.getStyleClass().add(Styles.DANGER);
            }
        };
        // A tester view is built for every route selected; the model it shows lives with the page.
        NodeListeners.onChange(summary, model.statusProperty(), (obs, old, now) -> colour.run());
        NodeListeners.onChange(summary, model.summaryProperty(), (obs, old, now) -> colour.run());
        colour.run();

        Label stale = new Label(messages.get("tester.stale"), AppIcon.UNHEALTHY.node());
        stale.setId("tester-stale");
        stale.setWrapText(true);
        stale.getStyleClass().addAll(Styles.WARNING, Styles.TEXT_SMALL);
        stale.visibleProperty().bind(model.staleProperty());
        stale.managedProperty().bind(stale.visibleProperty());

        Label meshNote = new Label();
        meshNote.setId("tester-mesh-note");
        meshNote.setWrapText(true);
        meshNote.getStyleClass().add("tester-mesh-note");
        meshNote.textProperty().bind(model.meshNoteProperty());
        meshNote.visibleProperty().bind(model.meshNoteProperty().isNotEmpty());
        meshNote.managedProperty().bind(meshNote.visibleProperty());

        TextArea responseBody = readOnly("tester-response-body", 6);
        NodeListeners.showText(responseBody, model.responseBodyProperty());
        TextArea responseHeaders = readOnly("tester-response-headers", 5);
        NodeListeners.showText(responseHeaders, model.responseHeadersProperty());
        TitledPane headersPane = new TitledPane(messages.get("tester.response.headers"), responseHeaders);
        headersPane.setId("tester-response-headers-pane");
        headersPane.setExpanded(false);
        headersPane.getStyleClass().add(Styles.DENSE);
        VBox response = new VBox(8, summary, stale, meshNote, responseBody, headersPane);
        response.setId("tester-response");
        // Nothing to show before the first answer; the request stays compact until then.
        response.visibleProperty()
                .bind(model.summaryProperty()
                        .isNotEmpty()
                        .or(model.responseBodyProperty().isNotEmpty()));
        response.managedProperty().bind(response.visibleProperty());
        // A stale answer stays readable, but no longer looks like the current one.
        NodeListeners.onChange(response, model.staleProperty(), (obs, was, is) -> {
            for (javafx.scene.Node outdated : java.util.List.of(summary, meshNote, responseBody)) {
                outdated.setOpacity(is ? 0.55 : 1);
            }
        });

        getChildren().addAll(title, line, headersLabel, headers, bodyPane, response);
    }

    private static TextArea readOnly(String id, int rows) {
        TextArea area = new TextArea();
        area.setId(id);
        area.setEditable(false);
        area.setPrefRowCount(rows);
        area.setWrapText(true);
        area.getStyleClass().add("monospace");
        return area;
    }
}
