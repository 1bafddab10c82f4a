package dev.gatehouse.app.shell;

import atlantafx.base.theme.Styles;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.icon.AppIcon;
import dev.gatehouse.app.page.HealthBadge;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/** The bar above the pages: active connection and its health, the guided tour, search, theme switch. */
public final class TopBar extends HBox {

    private static final String ICON_ONLY = "icon-only";

    /** The buttons that give up their words when room is short, in the order they do. */
    private final List<ButtonBase> wordy;
    /** How much wider each of them is with its words than without, measured when they were last dropped. */
    private final double[] wordsWidth;

    public TopBar(ShellViewModel model, Messages messages) {
        getStyleClass().add("top-bar");
        setAlignment(Pos.CENTER_LEFT);
        setSpacing(12);

        Label connection = new Label();
        connection.setId("topbar-connection");
        connection.getStyleClass().addAll(Styles.TEXT_BOLD, "topbar-connection");
        connection.setGraphic(AppIcon.CONNECTION.node());
        connection.textProperty().bind(model.connectionNameBinding());
        connection.setMinWidth(Region.USE_PREF_SIZE);
        connection.setTooltip(new Tooltip(messages.get("topbar.connection.tooltip")));

        HealthBadge gateway = new HealthBadge(model.gatewayHealthProperty(), model.gatewayHealthTextBinding());
        gateway.setId("topbar-gateway-health");
        gateway.setTooltip(boundTooltip(model.gatewayHealthDetailBinding()));
        HealthBadge mesh = new HealthBadge(model.meshHealthProperty(), model.meshHealthTextBinding());
        mesh.setId("topbar-mesh-health");
        mesh.setTooltip(boundTooltip(model.meshHealthDetailBinding()));

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);

        Button search = new Button(messages.get("topbar.search"), AppIcon.SEARCH.node());
        search.setId("topbar-search");
        search.getStyleClass().add("topbar-search");
        search.setOnAction(e -> model.openPalette());
        search.setTooltip(new Tooltip(messages.get("topbar.search")));

        javafx.scene.control.ToggleButton tour =
                new javafx.scene.control.ToggleButton(messages.get("tour.title"), AppIcon.POLICY.node());
        tour.setId("topbar-tour");
        tour.setMinWidth(Region.USE_PREF_SIZE);
        tour.setAccessibleText(messages.get("tour.open"));
        tour.getStyleClass().add(Styles.FLAT);
        tour.setTooltip(new Tooltip(messages.get("tour.open")));
        tour.selectedProperty().bindBidirectional(model.tourOpenProperty());

        Button refresh = new Button(null, AppIcon.REFRESH.node());
        refresh.setId("topbar-refresh");
        refresh.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        refresh.setTooltip(new Tooltip(messages.get("command.connection.refresh")));
        refresh.setAccessibleText(messages.get("command.connection.refresh"));
        refresh.setOnAction(e -> model.refreshConnection());

        Button theme = new Button();
        theme.setId("topbar-theme");
        theme.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        theme.graphicProperty()
                .bind(Bindings.createObjectBinding(
                        () -> (model.themeProperty().get().isDark() ? AppIcon.THEME_LIGHT : AppIcon.THEME_DARK).node(),
                        model.themeProperty()));
        theme.setTooltip(new Tooltip(messages.get("command.theme.toggle")));
        theme.setAccessibleText(messages.get("command.theme.toggle"));
        theme.setOnAction(e -> model.toggleTheme());

        getChildren().addAll(connection, gateway, mesh, spacer, tour, search, refresh, theme);
        wordy = List.of(tour, search);
        wordsWidth = new double[wordy.size()];
    }

    /**
     * Health is what the bar is for: when the bar is short of room, the tour's and then the search button give up
     * their words (the palette opens both) before the badges are cut short; they take them back in reverse order.
     */
    @Override
    protected void layoutChildren() {
        double needed = needed();
        for (int i = 0; i < wordy.size(); i++) {
            ButtonBase button = wordy.get(i);
            if (button.getContentDisplay() != ContentDisplay.GRAPHIC_ONLY && getWidth() < needed) {
                double withWords = button.prefWidth(-1);
                button.setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
                button.getStyleClass().add(ICON_ONLY);
                button.applyCss();
                wordsWidth[i] = withWords - button.prefWidth(-1);
                needed = needed();
            }
        }
        for (int i = wordy.size() - 1; i >= 0; i--) {
            ButtonBase button = wordy.get(i);
            if (button.getContentDisplay() == ContentDisplay.GRAPHIC_ONLY && getWidth() >= needed + wordsWidth[i]) {
                button.setContentDisplay(ContentDisplay.LEFT);
                button.getStyleClass().remove(ICON_ONLY);
                needed += wordsWidth[i];
            } else if (button.getContentDisplay() == ContentDisplay.GRAPHIC_ONLY) {
                break;
            }
        }
        super.layoutChildren();
    }

    private double needed() {
        double needed = snappedLeftInset()
                + snappedRightInset()
                + getSpacing() * (getChildren().size() - 1);
        for (javafx.scene.Node child : getChildren()) {
            needed += child.prefWidth(-1);
        }
        return needed;
    }

    private static Tooltip boundTooltip(javafx.beans.binding.StringBinding text) {
        Tooltip tooltip = new Tooltip();
        tooltip.textProperty().bind(text);
        return tooltip;
    }
}
