package dev.gatehouse.app.pages.routes;

import atlantafx.base.theme.Styles;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.icon.AppIcon;
import dev.gatehouse.app.routeauth.KeyAuthProposal;
import dev.gatehouse.app.routeauth.RouteAuthentication;
import dev.gatehouse.app.routeauth.RouteAuthentication.Applied;
import java.util.List;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** How a route's authentication is drawn: the table's badge, and the detail panel's line with "Require key-auth". */
final class AuthFlag {

    /** Set on the summary chip while some route accepts anonymous requests. */
    static final PseudoClass ANONYMOUS = PseudoClass.getPseudoClass("anonymous");

    private AuthFlag() {}

    /** Alert sign and "No authentication", or a lock and the plugins in effect: never colour alone. */
    static Node badge(RoutesViewModel model, JsonNode route, Messages messages) {
        List<Applied> applied = model.authenticationProperty().get().applying(route);
        boolean anonymous = applied.isEmpty();
        Label badge = new Label(model.authWord(route), (anonymous ? AppIcon.UNHEALTHY : AppIcon.LOCK).node());
        badge.getStyleClass().add(anonymous ? "keyauth-off" : "keyauth-on");
        badge.setTooltip(new Tooltip(sentence(applied, messages)));
        return badge;
    }

    /**
     * The detail panel's first line: who may call the route and why; on a route no authentication applies to, the
     * "Require key-auth" button beside it (unless its preview is open), and what went wrong with the last attempt.
     */
    static Node coverage(RoutesViewModel model, JsonNode route, Messages messages) {
        List<Applied> applied = model.authenticationProperty().get().applying(route);
        boolean anonymous = applied.isEmpty();
        Label line = new Label(sentence(applied, messages), (anonymous ? AppIcon.UNHEALTHY : AppIcon.LOCK).node());
        line.setId("route-keyauth");
        line.setWrapText(true);
        line.getStyleClass().add(anonymous ? Styles.WARNING : Styles.SUCCESS);
        line.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(line, Priority.ALWAYS);
        HBox row = new HBox(10, line);
        row.setAlignment(Pos.CENTER_LEFT);
        KeyAuthProposal open = model.proposalProperty().get();
        boolean previewing =
                open != null && open.routeId().equals(route.path("id").asText());
        if (anonymous && !previewing) {
            Button require = new Button(messages.get("route.keyauth.require"), AppIcon.KEY.node());
            require.setId("require-keyauth");
            require.getStyleClass().add(Styles.ACCENT);
            require.setMinWidth(Button.USE_PREF_SIZE);
            require.setTooltip(new Tooltip(messages.get("route.keyauth.require.tooltip")));
            require.disableProperty().bind(model.proposingProperty());
            require.setOnAction(e -> model.proposeKeyAuth());
            row.getChildren().add(require);
        }
        Label error = new Label();
        error.setId("keyauth-error");
        error.setWrapText(true);
        error.getStyleClass().add(Styles.DANGER);
        error.textProperty().bind(model.proposalErrorProperty());
        error.managedProperty().bind(model.proposalErrorProperty().isNotEmpty());
        error.visibleProperty().bind(error.managedProperty());
        return new VBox(6, row, error);
    }

    /** "Anyone can call this route: …", or "Callers must authenticate: key-auth (on this route). …". */
    private static String sentence(List<Applied> applied, Messages messages) {
        if (applied.isEmpty()) {
            return messages.get("route.auth.none.tooltip");
        }
        List<String> each = applied.stream()
                .map(a -> messages.get("route.auth.applied", a.plugin(), scope(a.scope(), messages)))
                .toList();
        return messages.get("route.auth.by", String.join(", ", each));
    }

    private static String scope(RouteAuthentication.Scope scope, Messages messages) {
        return switch (scope) {
            case ROUTE_AND_SERVICE -> messages.get("route.scope.route.service");
            case ROUTE -> messages.get("route.scope.route");
            case SERVICE -> messages.get("route.scope.service");
            case GLOBAL -> messages.get("route.scope.global");
        };
    }
}
