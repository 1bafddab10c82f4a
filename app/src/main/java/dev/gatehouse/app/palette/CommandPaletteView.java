package dev.gatehouse.app.palette;

import atlantafx.base.theme.Styles;
import dev.gatehouse.app.i18n.Messages;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/** The Ctrl+K overlay: a search field over a list of matches, driven entirely by the keyboard (or the mouse). */
public final class CommandPaletteView extends StackPane {

    private final TextField query = new TextField();

    public CommandPaletteView(CommandPaletteViewModel model, Messages messages) {
        setId("palette");
        setAlignment(Pos.TOP_CENTER);

        query.setId("palette-query");
        query.setPromptText(messages.get("palette.prompt"));
        query.getStyleClass().add(Styles.LARGE);
        query.textProperty().bindBidirectional(model.queryProperty());

        ListView<PaletteEntry> results = new ListView<>(model.results());
        results.setId("palette-results");
        results.setFocusTraversable(false);
        results.setPrefHeight(360);
        results.setCellFactory(list -> new EntryCell());
        results.setPlaceholder(new Label(messages.get("palette.empty")));
        model.selectedIndexProperty().addListener((obs, old, now) -> {
            results.getSelectionModel().select(now.intValue());
            results.scrollTo(now.intValue());
        });
        model.results().addListener((javafx.collections.ListChangeListener<PaletteEntry>) change ->
                results.getSelectionModel().select(model.selectedIndexProperty().get()));
        results.setOnMouseClicked(e -> {
            PaletteEntry clicked = results.getSelectionModel().getSelectedItem();
            if (clicked != null) {
                model.accept(clicked);
            }
        });

        query.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            switch (e.getCode()) {
                case DOWN -> model.moveSelection(1);
                case UP -> model.moveSelection(-1);
                case ENTER -> model.acceptSelected();
                case ESCAPE -> model.dismiss();
                default -> {
                    return;
                }
            }
            e.consume();
        });

        VBox card = new VBox(8, query, results);
        card.getStyleClass().add("palette-card");
        card.setMaxWidth(600);
        card.setMaxHeight(Region.USE_PREF_SIZE);
        StackPane.setMargin(card, new javafx.geometry.Insets(80, 16, 16, 16));
        Region scrim = new Region();
        scrim.getStyleClass().add("palette-scrim");
        scrim.setOnMouseClicked(e -> model.dismiss());
        getChildren().addAll(scrim, card);
    }

    /** Puts the caret in the search field; call when the palette is shown. */
    public void focusQuery() {
        Platform.runLater(query::requestFocus);
    }

    private static final class EntryCell extends ListCell<PaletteEntry> {
        @Override
        protected void updateItem(PaletteEntry entry, boolean empty) {
            super.updateItem(entry, empty);
            if (empty || entry == null) {
                setText(null);
                setGraphic(null);
                return;
            }
            Label label = new Label(entry.label(), entry.icon().node());
            label.getStyleClass().add("palette-label");
            Region spacer = new Region();
            HBox.setHgrow(spacer, Priority.ALWAYS);
            Label detail = new Label(entry.detail());
            detail.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
            HBox row = new HBox(8, label, spacer, detail);
            row.setAlignment(Pos.CENTER_LEFT);
            setText(null);
            setGraphic(row);
        }
    }
}
