package dev.gatehouse.app.pages.connections.cluster;

import dev.gatehouse.app.i18n.Messages;
import javafx.css.PseudoClass;
import javafx.scene.Scene;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

/** The wizard in a window of its own, modal over the console, in the console's stylesheet and theme. */
public final class ClusterWizardWindow {

    private static final PseudoClass DARK = PseudoClass.getPseudoClass("dark");

    private ClusterWizardWindow() {}

    /** Opens the wizard over {@code owner} and starts looking for a kubeconfig. */
    public static Stage open(Window owner, ClusterWizardViewModel model, Messages messages) {
        ClusterWizardView view = new ClusterWizardView(model, messages);
        Scene scene = new Scene(view, 760, 600);
        scene.getStylesheets().addAll(owner.getScene().getStylesheets());
        boolean dark = owner.getScene().getRoot().getPseudoClassStates().contains(DARK);
        view.pseudoClassStateChanged(DARK, dark);
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.initModality(Modality.WINDOW_MODAL);
        stage.setTitle(messages.get("cluster.title"));
        stage.setScene(scene);
        view.setOnClose(stage::close);
        stage.show();
        model.start();
        return stage;
    }
}
