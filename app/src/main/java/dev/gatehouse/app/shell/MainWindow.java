package dev.gatehouse.app.shell;

import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.icon.AppIcon;
import dev.gatehouse.app.page.PageId;
import dev.gatehouse.app.palette.CommandPaletteView;
import dev.gatehouse.app.theme.ThemeApplier;
import dev.gatehouse.app.theme.ThemePreference;
import java.util.Map;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

/** The console's one window: navigation, top bar, the current page, status bar, and the palette overlay. */
public final class MainWindow {

    private static final KeyCode[] DIGITS = {
        KeyCode.DIGIT0,
        KeyCode.DIGIT1,
        KeyCode.DIGIT2,
        KeyCode.DIGIT3,
        KeyCode.DIGIT4,
        KeyCode.DIGIT5,
        KeyCode.DIGIT6,
        KeyCode.DIGIT7,
        KeyCode.DIGIT8,
        KeyCode.DIGIT9
    };

    private final ShellViewModel model;
    private final StackPane root;
    private final StackPane pageHost = new StackPane();
    private final Map<PageId, Node> pages;
    private final NavigationBar navigation;

    public MainWindow(
            ShellViewModel model,
            Messages messages,
            Map<PageId, Node> pages,
            CommandPaletteView palette,
            Node drawer,
            String version) {
        this.model = model;
        this.pages = Map.copyOf(pages);

        this.navigation = new NavigationBar(model, messages);
        pageHost.getStyleClass().add("page-host");
        // Navigation runs the full height; the top bar belongs to the page area it describes.
        BorderPane work = new BorderPane(pageHost);
        work.setTop(new TopBar(model, messages));
        // The guided tour's drawer sits beside the page, not over it: the forms and the graph stay usable.
        work.setRight(drawer);
        drawer.visibleProperty().bind(model.tourOpenProperty());
        drawer.managedProperty().bind(model.tourOpenProperty());
        BorderPane shell = new BorderPane(work);
        shell.setLeft(navigation);
        shell.setBottom(new StatusBar(model, messages, version));

        palette.visibleProperty().bind(model.paletteOpenProperty());
        palette.visibleProperty().addListener((obs, was, now) -> {
            if (now) {
                palette.focusQuery();
            }
        });
        root = new StackPane(shell, palette);
        // Should the window ever be narrower than the shell's minimum, cut off the right edge, not both.
        StackPane.setAlignment(shell, javafx.geometry.Pos.TOP_LEFT);
        root.getStyleClass().add("gatehouse-root");
        root.setId("gatehouse-root");

        show(model.selectedPage());
        model.selectedPageProperty().addListener((obs, old, now) -> show(now));
    }

    private java.util.Optional<Node> pageNode(String selector) {
        Node found = pageHost.lookup(selector);
        return found != null && found.isVisible() && !found.isDisabled()
                ? java.util.Optional.of(found)
                : java.util.Optional.empty();
    }

    private void show(PageId page) {
        pageHost.getChildren().setAll(pages.get(page));
        // Focus that went with the old page would otherwise land, ringed, on the new page's first control (the
        // Overview's first tile) at the next key press; give it to the page's entry, quietly, as at start.
        Scene scene = pageHost.getScene();
        Node owner = scene == null ? null : scene.getFocusOwner();
        if (scene != null && (owner == null || owner.getScene() != scene)) {
            navigation.focusSelected();
        }
    }

    /** Builds the scene, binds title, theme and shortcuts, and shows {@code stage}. */
    public Scene showIn(Stage stage, ThemePreference theme) {
        // Most of the screen, so tables and the side panel both have room; never smaller than the minimum.
        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        Scene scene = new Scene(
                root,
                Math.max(1100, Math.min(1600, screen.getWidth() * 0.92)),
                Math.max(700, Math.min(1000, screen.getHeight() * 0.92)));
        ThemeApplier.bind(theme, scene);
        model.pages()
                .pages()
                .forEach(page -> page.shortcut()
                        .ifPresent(digit -> scene.getAccelerators()
                                .put(
                                        new KeyCodeCombination(DIGITS[digit], KeyCombination.SHORTCUT_DOWN),
                                        () -> model.navigateToShortcut(digit))));
        scene.getAccelerators()
                .put(new KeyCodeCombination(KeyCode.K, KeyCombination.SHORTCUT_DOWN), model::openPalette);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F5), model::refreshConnection);
        // Page-level shortcuts act on whatever the current page offers: its New button, its filter field.
        scene.getAccelerators()
                .put(
                        new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN),
                        () -> pageNode("#create").ifPresent(node -> ((javafx.scene.control.ButtonBase) node).fire()));
        scene.getAccelerators()
                .put(
                        new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN),
                        () -> pageNode("#filter").ifPresent(javafx.scene.Node::requestFocus));
        stage.titleProperty().bind(model.windowTitleBinding());
        stage.getIcons().setAll(AppIcon.applicationImages());
        stage.setMinWidth(900);
        stage.setMinHeight(600);
        stage.setScene(scene);
        model.windowShownProperty()
                .bind(stage.showingProperty().and(stage.iconifiedProperty().not()));
        // Otherwise the first focusable node (the search button) takes the focus and looks active at start.
        navigation.focusSelected();
        stage.show();
        // JavaFX 21 on GTK ignores the scene's size when a window manager places the window (JDK-8316423, fixed in
        // JavaFX 22): it opened at the minimum size under openbox and current GNOME. Sizing again once shown works.
        javafx.application.Platform.runLater(stage::sizeToScene);
        return scene;
    }
}
