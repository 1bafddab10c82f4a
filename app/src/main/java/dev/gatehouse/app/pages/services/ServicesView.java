package dev.gatehouse.app.pages.services;

import atlantafx.base.theme.Styles;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.pages.entities.DetailGrid;
import dev.gatehouse.app.pages.entities.EntityPageView;
import dev.gatehouse.app.pages.entities.Rows;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/** The Services page. */
public final class ServicesView extends EntityPageView {

    public ServicesView(ServicesViewModel model, Messages messages) {
        super(
                model,
                messages,
                List.of(
                        new Column(messages.get("column.name"), 280, r -> Rows.text(r, "name")),
                        new Column(messages.get("column.protocol"), 120, r -> Rows.text(r, "protocol")),
                        new Column(messages.get("column.host"), 320, r -> Rows.text(r, "host")),
                        new Column(messages.get("column.port"), 90, r -> Rows.text(r, "port")),
                        new Column(messages.get("column.path"), 260, r -> Rows.text(r, "path")),
                        new Column(
                                messages.get("column.routes"),
                                90,
                                r -> String.valueOf(model.routesOf(r).size())),
                        new Column(TAGS, 0, r -> "")),
                row -> details(model, messages, row));
        refreshWhen(model.routesByService());
    }

    /** The service's address in URL form, as Kong's {@code url} shorthand would write it. */
    static String url(ObjectNode service) {
        String path = Rows.text(service, "path");
        return Rows.text(service, "protocol") + "://" + Rows.text(service, "host") + ":" + Rows.text(service, "port")
                + path;
    }

    private static Node details(ServicesViewModel model, Messages messages, ObjectNode service) {
        DetailGrid grid = new DetailGrid()
                .add(messages.get("column.url"), url(service))
                .add(messages.get("column.enabled"), Rows.text(service, "enabled"))
                .add(messages.get("column.retries"), Rows.text(service, "retries"))
                .add(
                        messages.get("column.timeouts"),
                        messages.get(
                                "service.timeouts",
                                Rows.text(service, "connect_timeout"),
                                Rows.text(service, "write_timeout"),
                                Rows.text(service, "read_timeout")))
                .add(messages.get("column.tags"), Rows.joined(service, "tags"));
        Label routesTitle = new Label(
                messages.get("service.routes.title", model.routesOf(service).size()));
        routesTitle.getStyleClass().add(Styles.TITLE_4);
        VBox routes = new VBox(4);
        for (ObjectNode route : model.routesOf(service)) {
            Label line = new Label(
                    Rows.label(route) + "   " + Rows.joined(route, "paths") + " " + Rows.joined(route, "hosts"));
            line.getStyleClass().add("monospace");
            routes.getChildren().add(line);
        }
        if (routes.getChildren().isEmpty()) {
            Label none = new Label(messages.get("service.routes.none"));
            none.getStyleClass().add(Styles.TEXT_MUTED);
            none.setWrapText(true);
            routes.getChildren().add(none);
        }
        return new VBox(12, grid, routesTitle, routes);
    }
}
