package dev.gatehouse.app.page;

import atlantafx.base.theme.Styles;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;

/** A page's frame: title and subtitle on top, its content (for now the empty state) below. */
public class PageView extends BorderPane {

    private final VBox header;

    public PageView(PageViewModel model, Node content) {
        getStyleClass().add("page");
        setId("page-" + model.page().id());

        Label title = new Label(model.title());
        title.setId("page-title");
        title.getStyleClass().add(Styles.TITLE_2);
        Label subtitle = new Label(model.subtitle());
        subtitle.setId("page-subtitle");
        subtitle.getStyleClass().add(Styles.TEXT_MUTED);
        subtitle.setWrapText(true);
        Label kubernetes = new Label();
        kubernetes.setId("page-kubernetes-note");
        kubernetes.getStyleClass().add("page-kubernetes-note");
        kubernetes.setWrapText(true);
        kubernetes.setGraphic(dev.gatehouse.app.icon.AppIcon.CLUSTER.node());
        kubernetes.textProperty().bind(model.kubernetesNoteBinding());
        kubernetes.visibleProperty().bind(kubernetes.textProperty().isNotEmpty());
        kubernetes.managedProperty().bind(kubernetes.visibleProperty());
        VBox.setMargin(kubernetes, new javafx.geometry.Insets(8, 0, 0, 0));
        header = new VBox(title, subtitle, kubernetes);
        header.getStyleClass().add("page-header");

        setTop(header);
        setCenter(content);
    }

    /** Adds {@code node} under the title, subtitle and Kubernetes note. */
    protected final void addToHeader(Node node) {
        header.getChildren().add(node);
    }
}
