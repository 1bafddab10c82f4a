package dev.gatehouse.app.dialog;

import java.util.function.Supplier;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.Window;

/** Dialogs as JavaFX alerts, owned by the main window. */
public final class FxDialogService implements DialogService {

    private final Supplier<Window> owner;
    private final dev.gatehouse.app.i18n.Messages messages;

    public FxDialogService(Supplier<Window> owner, dev.gatehouse.app.i18n.Messages messages) {
        this.owner = owner;
        this.messages = messages;
    }

    @Override
    public boolean confirm(String title, String message, String confirmLabel) {
        ButtonType confirm = new ButtonType(confirmLabel, ButtonBar.ButtonData.OK_DONE);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, message, confirm, ButtonType.CANCEL);
        alert.setTitle(title);
        alert.setHeaderText(title);
        alert.initOwner(owner.get());
        return alert.showAndWait().filter(confirm::equals).isPresent();
    }

    @Override
    public java.util.Optional<java.nio.file.Path> chooseFile(String title) {
        javafx.stage.FileChooser chooser = new javafx.stage.FileChooser();
        chooser.setTitle(title);
        java.io.File file = chooser.showOpenDialog(owner.get());
        return java.util.Optional.ofNullable(file).map(java.io.File::toPath);
    }

    @Override
    public java.util.Optional<TagChange> askTagChange(String title, java.util.List<String> knownTags) {
        javafx.scene.control.Dialog<TagChange> dialog = new javafx.scene.control.Dialog<>();
        dialog.setTitle(title);
        dialog.setHeaderText(title);
        dialog.initOwner(owner.get());
        javafx.scene.control.TextField add = new javafx.scene.control.TextField();
        add.setPromptText(String.join(", ", knownTags.stream().limit(3).toList()));
        javafx.scene.control.TextField remove = new javafx.scene.control.TextField();
        javafx.scene.layout.GridPane grid = new javafx.scene.layout.GridPane();
        grid.setHgap(10);
        grid.setVgap(10);
        grid.addRow(0, new javafx.scene.control.Label(messages.get("tags.add")), add);
        grid.addRow(1, new javafx.scene.control.Label(messages.get("tags.remove")), remove);
        grid.add(new javafx.scene.control.Label(messages.get("tags.hint")), 1, 2);
        dialog.getDialogPane().setContent(grid);
        ButtonType apply = new ButtonType(messages.get("action.apply"), ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().addAll(apply, ButtonType.CANCEL);
        dialog.setResultConverter(
                button -> button == apply ? new TagChange(split(add.getText()), split(remove.getText())) : null);
        return dialog.showAndWait();
    }

    private static java.util.Set<String> split(String text) {
        java.util.Set<String> tags = new java.util.LinkedHashSet<>();
        for (String tag : text.split(",")) {
            if (!tag.isBlank()) {
                tags.add(tag.strip());
            }
        }
        return tags;
    }

    @Override
    public void showError(String title, String message) {
        Alert alert = new Alert(Alert.AlertType.ERROR, message, ButtonType.OK);
        alert.setTitle(title);
        alert.setHeaderText(title);
        alert.initOwner(owner.get());
        alert.showAndWait();
    }
}
