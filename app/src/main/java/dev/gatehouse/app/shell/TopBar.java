package dev.gatehouse.app.shell;

import atlantafx.base.theme.Styles;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.icon.AppIcon;
import dev.gatehouse.app.page.HealthBadge;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/** The bar above the pages: active connection and its health, search, theme switch. */
public final class TopBar extends HBox {

    private static final String ICON_ONLY = "icon-only";

    private final Button search;
    /** How much wider the search button is with its words than without, measured when they were last dropped. */
    private double searchWordsWidth;

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

        search = new Button(messages.get("topbar.search"), AppIcon.SEARCH.node());
        search.setId("topbar-search");
        search.getStyleClass().add("topbar-search");
        search.setOnAction(e -> model.openPalette());
        search.setTooltip(new Tooltip(messages.get("topbar.search")));

        javafx.scene.control.ToggleButton tour =
                new javafx.scene.control.ToggleButton(messages.get("tour.title"), AppIcon.POLICY.node());
        tour.setId("topbar-tour");
        tour.getStyleClass().add(Styles.FLAT);
        tour.setMinWidth(Region.USE_PREF_SIZE);
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
    }

    /**
     * Health is what the bar is for: when the bar is short of room, the search button gives up its words (Ctrl+K
     * still opens the palette) before the badges are cut short.
     */
    @Override
    protected void layoutChildren() {
        double needed = snappedLeftInset()
                + snappedRightInset()
                + getSpacing() * (getChildren().size() - 1);
        for (javafx.scene.Node child : getChildren()) {
            needed += child.prefWidth(-1);
        }
        if (search.getContentDisplay() != ContentDisplay.GRAPHIC_ONLY && getWidth() < needed) {
            double withWords = search.prefWidth(-1);
            search.setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
            search.getStyleClass().add(ICON_ONLY);
            search.applyCss();
            searchWordsWidth = withWords - search.prefWidth(-1);
        } else if (search.getContentDisplay() == ContentDisplay.GRAPHIC_ONLY
                && getWidth() >= needed + searchWordsWidth) {
            search.setContentDisplay(ContentDisplay.LEFT);
            search.getStyleClass().remove(ICON_ONLY);
        }
        super.layoutChildren();
    }

    private static Tooltip boundTooltip(javafx.beans.binding.StringBinding text) {
        Tooltip tooltip = new Tooltip();
        tooltip.textProperty().bind(text);
        return tooltip;
    }
}
