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
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The route tester: compose a request, send it through the proxy, read status, headers, body and latency. */
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
        TextArea body = new TextArea();
        body.setId("tester-body");
        body.setPromptText(messages.get("tester.body.prompt"));
        body.setPrefRowCount(2);
        body.getStyleClass().add("monospace");
        body.textProperty().bindBidirectional(model.bodyProperty());

        Label summary = new Label();
        summary.setId("tester-summary");
        summary.setWrapText(true);
        summary.textProperty().bind(model.summaryProperty());
        // A tester view is built for every route selected; the model it shows lives with the page.
        NodeListeners.onChange(summary, model.statusProperty(), (obs, old, now) -> {
            summary.getStyleClass().removeAll(Styles.SUCCESS, Styles.WARNING, Styles.DANGER);
            int status = now.intValue();
            if (status >= 200 && status < 300) {
                summary.getStyleClass().add(Styles.SUCCESS);
            } else if (status >= 400 && status < 500) {
                summary.getStyleClass().add(Styles.WARNING);
            } else if (status >= 500 || status == 0) {
                summary.getStyleClass().add(Styles.DANGER);
            }
        });
        TextArea responseHeaders = readOnly("tester-response-headers", 4);
        NodeListeners.showText(responseHeaders, model.responseHeadersProperty());
        TextArea responseBody = readOnly("tester-response-body", 5);
        NodeListeners.showText(responseBody, model.responseBodyProperty());
        getChildren().addAll(title, line, new Label(messages.get("tester.headers")), headers,
                new Label(messages.get("tester.body")), body, summary, responseHeaders, responseBody);
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
