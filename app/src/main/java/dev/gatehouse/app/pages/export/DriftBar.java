package dev.gatehouse.app.pages.export;

import atlantafx.base.theme.Styles;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.icon.AppIcon;
import java.util.function.Consumer;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * Drift above both tabs: a line per runtime with a last file, green when the live state matches it, amber with the
 * count when it differs; Review opens that file's plan in the import tab, where applying it restores the file.
 */
final class DriftBar extends VBox {

    static final String MATCHES = "drift-matches";
    static final String DIFFERS = "drift-differs";

    private final DriftViewModel model;
    private final Messages messages;
    private final Consumer<LastFile> review;

    DriftBar(DriftViewModel model, Messages messages, Consumer<LastFile> review) {
        super(4);
        this.model = model;
        this.messages = messages;
        this.review = review;
        setId("export-drift");
        getStyleClass().add("drift-bar");
        model.lines().addListener((ListChangeListener<DriftViewModel.Line>) change -> rebuild());
        rebuild();
    }

    private void rebuild() {
        getChildren().clear();
        for (DriftViewModel.Line line : model.lines()) {
            var icon = (line.differs() ? AppIcon.UNHEALTHY : AppIcon.HEALTHY).node();
            Label text = new Label(line.sentence(), icon);
            text.setWrapText(true);
            text.setMaxWidth(Double.MAX_VALUE);
            HBox.setHgrow(text, Priority.ALWAYS);
            Button open = new Button(messages.get("drift.review"));
            open.getStyleClass().add(Styles.SMALL);
            open.setOnAction(e -> review.accept(line.file()));
            HBox row = new HBox(8, text, open);
            row.setAlignment(Pos.CENTER_LEFT);
            row.getStyleClass().addAll("drift-line", line.differs() ? DIFFERS : MATCHES);
            row.setId("drift-" + line.file().target().name().toLowerCase(java.util.Locale.ROOT));
            getChildren().add(row);
        }
        setVisible(!model.lines().isEmpty());
        setManaged(!model.lines().isEmpty());
    }
}
