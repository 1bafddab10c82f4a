package dev.gatehouse.app.pages.consumers;

import atlantafx.base.controls.PasswordTextField;
import atlantafx.base.theme.Styles;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.icon.AppIcon;
import dev.gatehouse.app.page.NodeListeners;
import dev.gatehouse.app.pages.entities.DetailGrid;
import dev.gatehouse.app.pages.entities.EntityPageView;
import dev.gatehouse.app.pages.entities.Rows;
import dev.gatehouse.app.pages.entities.SideControls;
import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The Consumers page, with each consumer's key-auth keys: hidden until revealed, copied without showing. */
public final class ConsumersView extends EntityPageView {

    public ConsumersView(ConsumersViewModel model, Messages messages) {
        super(
                model,
                messages,
                List.of(
                        new Column(messages.get("column.username"), 280, r -> Rows.text(r, "username")),
                        new Column(messages.get("column.custom.id"), 260, r -> Rows.text(r, "custom_id")),
                        new Column(messages.get("column.keys"), 90, r -> String.valueOf(model.keyCount(r))),
                        new Column(TAGS, 0, r -> "")),
                row -> details(model, messages, row));
        refreshWhen(model.keyCountsProperty());
    }

    private static Node details(ConsumersViewModel model, Messages messages, ObjectNode consumer) {
        DetailGrid grid = new DetailGrid()
                .add(messages.get("column.username"), Rows.text(consumer, "username"))
                .add(messages.get("column.custom.id"), Rows.text(consumer, "custom_id"))
                .add(messages.get("column.tags"), Rows.joined(consumer, "tags"));
        return new VBox(16, grid, credentials(model.credentials(), messages));
    }

    private static Node credentials(CredentialsModel model, Messages messages) {
        Label title = new Label(messages.get("credentials.title"), AppIcon.KEY.node());
        title.getStyleClass().add(Styles.TITLE_4);
        VBox list = new VBox(6);
        list.setId("credentials-list");
        Runnable render = () -> {
            list.getChildren().clear();
            for (ObjectNode key : model.keys()) {
                list.getChildren().add(keyRow(model, messages, key));
            }
            if (model.keys().isEmpty()) {
                Label none = new Label(messages.get("credentials.none"));
                none.getStyleClass().add(Styles.TEXT_MUTED);
                list.getChildren().add(none);
            }
        };
        // Built for every consumer selected; the credentials model lives with the page.
        NodeListeners.onChange(list, model.keys(), (ListChangeListener<ObjectNode>) c -> render.run());
        render.run();

        PasswordTextField key = new PasswordTextField();
        key.setId("credential-key");
        key.setPromptText(messages.get("credentials.key.prompt"));
        key.setText(model.newKeyProperty().get());
        key.passwordProperty()
                .addListener((obs, old, now) -> model.newKeyProperty().set(now));
        NodeListeners.onChange(key, model.newKeyProperty(), (obs, old, now) -> {
            if (!now.equals(key.getPassword())) {
                key.setText(now);
            }
        });
        Label eye = new Label(null, AppIcon.EYE.node());
        eye.setCursor(javafx.scene.Cursor.HAND);
        eye.setOnMouseClicked(e -> key.setRevealPassword(!key.getRevealPassword()));
        key.setRight(eye);
        HBox.setHgrow(key, Priority.ALWAYS);
        Button generate = new Button(messages.get("credentials.generate"), AppIcon.GENERATE.node());
        generate.setId("credential-generate");
        generate.setOnAction(e -> model.generate());
        TextField ttl = new TextField();
        ttl.setId("credential-ttl");
        ttl.setPromptText(messages.get("credentials.ttl.prompt"));
        ttl.setPrefColumnCount(8);
        ttl.textProperty().bindBidirectional(model.ttlProperty());
        Button add = new Button(messages.get("credentials.add"), AppIcon.ADD.node());
        add.setId("credential-add");
        add.getStyleClass().add(Styles.ACCENT);
        add.disableProperty().bind(model.busyProperty());
        add.setOnAction(e -> model.create());
        for (Button button : java.util.List.of(generate, add)) {
            button.setMinWidth(Region.USE_PREF_SIZE);
        }
        HBox keyLine = new HBox(8, key, generate);
        keyLine.setAlignment(Pos.CENTER_LEFT);
        HBox addLine = new HBox(8, ttl, add);
        addLine.setAlignment(Pos.CENTER_LEFT);
        VBox form = new VBox(8, keyLine, addLine);
        Label keyError = SideControls.errorLabel("credential-key-error", model.keyErrorProperty());
        Label ttlError = SideControls.errorLabel("credential-ttl-error", model.ttlErrorProperty());
        Label status = new Label();
        status.setId("credentials-status");
        status.getStyleClass().add(Styles.TEXT_MUTED);
        status.textProperty().bind(model.statusProperty());
        Label hint = new Label(messages.get("credentials.hint"));
        hint.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        hint.setWrapText(true);
        return new VBox(8, title, list, form, keyError, ttlError, hint, status);
    }

    private static Node keyRow(CredentialsModel model, Messages messages, ObjectNode credential) {
        String secret = Rows.text(credential, "key");
        Label value = new Label(CredentialsModel.masked(secret));
        value.getStyleClass().add("monospace");
        value.setId("key-" + Rows.text(credential, "id"));
        Button reveal = SideControls.iconButton(AppIcon.EYE, messages.get("credentials.reveal"));
        reveal.setOnAction(
                e -> value.setText(value.getText().equals(secret) ? CredentialsModel.masked(secret) : secret));
        Button copy = SideControls.iconButton(AppIcon.COPY, messages.get("action.copy"));
        copy.setOnAction(e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(secret);
            Clipboard.getSystemClipboard().setContent(content);
            model.statusProperty().set(messages.get("credentials.copied"));
        });
        Button delete = SideControls.iconButton(AppIcon.DELETE, messages.get("action.delete"));
        delete.getStyleClass().add(Styles.DANGER);
        delete.setOnAction(e -> model.delete(credential));
        String ttl = Rows.text(credential, "ttl");
        Label expiry = new Label(
                ttl.isEmpty() ? messages.get("credentials.no.expiry") : messages.get("credentials.expires", ttl));
        expiry.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox row = new HBox(6, AppIcon.KEY.node(), value, spacer, expiry, reveal, copy, delete);
        row.setAlignment(Pos.CENTER_LEFT);
        row.getStyleClass().add("credential-row");
        return row;
    }
}
