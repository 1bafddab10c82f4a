package dev.gatehouse.app.pages.routes;

import atlantafx.base.theme.Styles;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.icon.AppIcon;
import dev.gatehouse.app.policyeditor.PolicyYaml;
import dev.gatehouse.app.policyeditor.YamlArea;
import dev.gatehouse.app.routeauth.KeyAuthProposal;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.fxmisc.flowless.VirtualizedScrollPane;

/**
 * The "Require key-auth" preview in the side panel: the plugin exactly as it will be sent, the consumers that have
 * keys (counts only: key values are never on screen), a warning when nobody has one, and Create or Cancel.
 */
final class KeyAuthPreviewView extends VBox {

    /** A line of the YAML area at the console's monospace size, and the area's padding and border. */
    private static final double LINE_HEIGHT = 20;

    private static final double YAML_PADDING = 14;

    KeyAuthPreviewView(RoutesViewModel model, KeyAuthProposal proposal, Messages messages) {
        super(12);
        setId("keyauth-preview");
        getStyleClass().add("keyauth-preview");

        Label title = new Label(messages.get("route.keyauth.title", proposal.routeName()), AppIcon.KEY.node());
        title.getStyleClass().add(Styles.TITLE_4);
        Label creates = new Label(
                proposal.defaultsShown()
                        ? messages.get("route.keyauth.creates", proposal.routeName())
                        : messages.get("route.keyauth.creates.no.schema", proposal.routeName()));
        creates.setWrapText(true);
        // The body exactly as it is sent, without the trailing newline (an empty last line reads as more to come).
        String text = PolicyYaml.write(proposal.plugin()).stripTrailing();
        YamlArea yaml = new YamlArea();
        yaml.replaceText(text);
        yaml.setEditable(false);
        yaml.moveTo(0);
        yaml.setId("keyauth-yaml");
        VirtualizedScrollPane<YamlArea> yamlScroll = new VirtualizedScrollPane<>(yaml);
        // Tall enough for every line: the whole plugin is read without scrolling.
        double height = text.lines().count() * LINE_HEIGHT + YAML_PADDING;
        yamlScroll.setPrefHeight(height);
        yamlScroll.setMinHeight(height);

        Label consumersTitle = new Label(
                messages.get("route.keyauth.consumers", proposal.consumers().size()));
        consumersTitle.getStyleClass().add(Styles.TITLE_4);
        VBox consumers = new VBox(4);
        consumers.setId("keyauth-consumers");
        for (KeyAuthProposal.ConsumerKeys holder : proposal.consumers()) {
            Label name = new Label(holder.consumer(), AppIcon.USER.node());
            Label keys = new Label(messages.get("route.keyauth.consumer.keys", holder.keys()), AppIcon.KEY.node());
            keys.getStyleClass().add(Styles.TEXT_MUTED);
            HBox row = new HBox(12, name, keys);
            row.setAlignment(Pos.CENTER_LEFT);
            row.getStyleClass().add("credential-row");
            consumers.getChildren().add(row);
        }
        getChildren().addAll(title, creates, yamlScroll, consumersTitle);
        if (proposal.nobodyCanCall()) {
            Label nobody = new Label(messages.get("route.keyauth.nobody"), AppIcon.UNHEALTHY.node());
            nobody.setId("keyauth-nobody");
            nobody.setWrapText(true);
            nobody.getStyleClass().addAll(Styles.DANGER, "keyauth-nobody");
            getChildren().add(nobody);
        } else {
            Label how = new Label(proposal.keyName()
                    .map(name -> messages.get("route.keyauth.consumers.how", name))
                    .orElse(messages.get("route.keyauth.consumers.how.default")));
            how.setWrapText(true);
            how.getStyleClass().add(Styles.TEXT_MUTED);
            getChildren().addAll(consumers, how);
        }

        Button confirm = new Button(messages.get("route.keyauth.confirm"), AppIcon.LOCK.node());
        confirm.setId("keyauth-confirm");
        confirm.getStyleClass().add(Styles.ACCENT);
        confirm.setDefaultButton(true);
        confirm.disableProperty().bind(model.proposingProperty());
        confirm.setOnAction(e -> model.confirmKeyAuth());
        Button cancel = new Button(messages.get("action.cancel"));
        cancel.setId("keyauth-cancel");
        cancel.setCancelButton(true);
        cancel.setOnAction(e -> model.closeProposal());
        getChildren().add(new HBox(8, confirm, cancel));
        // The button that opened the preview is gone; focus lands on the harmless choice, not back in the filter.
        javafx.application.Platform.runLater(cancel::requestFocus);
    }
}
