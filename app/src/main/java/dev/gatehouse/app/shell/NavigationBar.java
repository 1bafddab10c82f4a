package dev.gatehouse.app.shell;

import atlantafx.base.theme.Styles;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.icon.AppIcon;
import dev.gatehouse.app.page.NavGroup;
import dev.gatehouse.app.page.PageDescriptor;
import dev.gatehouse.app.page.PageId;
import java.util.HashMap;
import java.util.Map;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The left navigation: one entry per page, grouped under Gateway and Mesh, following the selected page. */
public final class NavigationBar extends VBox {

    /** An entry focused without the keyboard. */
    private static final PseudoClass QUIET = PseudoClass.getPseudoClass("quiet");

    private final Map<PageId, ToggleButton> entries = new HashMap<>();

    public NavigationBar(ShellViewModel model, Messages messages) {
        getStyleClass().add("nav-bar");
        setId("nav-bar");

        ImageView logo = new ImageView(AppIcon.applicationImages().get(2));
        Label brand = new Label(messages.get("app.name"), logo);
        brand.getStyleClass().addAll(Styles.TITLE_4, "nav-brand");
        getChildren().add(brand);

        ToggleGroup group = new ToggleGroup();
        NavGroup section = NavGroup.NONE;
        for (PageDescriptor page : model.pages().pages()) {
            if (!page.group().equals(section)) {
                section = page.group();
                if (section.hasHeading()) {
                    Label heading = new Label(messages.get(section.messageKey()));
                    heading.getStyleClass().add("nav-section");
                    getChildren().add(heading);
                } else {
                    getChildren().add(separator());
                }
            }
            ToggleButton entry = entry(page, messages, model);
            entry.setToggleGroup(group);
            entries.put(page.id(), entry);
            getChildren().add(entry);
        }
        select(model.selectedPage());
        model.selectedPageProperty().addListener((obs, old, now) -> select(now));
        // A selected entry stays selected when clicked again, like a tab.
        group.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now == null && old != null) {
                old.setSelected(true);
            }
        });
    }

    private static ToggleButton entry(PageDescriptor page, Messages messages, ShellViewModel model) {
        ToggleButton entry =
                new ToggleButton(messages.get(page.titleKey()), page.icon().node());
        entry.setId("nav-" + page.id());
        entry.getStyleClass().add("nav-item");
        entry.setMaxWidth(Double.MAX_VALUE);
        entry.setAlignment(Pos.CENTER_LEFT);
        page.shortcut().ifPresent(digit -> entry.setTooltip(new Tooltip(messages.get("nav.shortcut", digit))));
        entry.setOnAction(e -> model.navigate(page.id()));
        // Focus that came from the mouse shows no ring; focus that moves by keyboard (arrows, Tab) does.
        entry.addEventFilter(MouseEvent.MOUSE_PRESSED, e -> entry.pseudoClassStateChanged(QUIET, true));
        entry.focusedProperty().addListener((obs, was, is) -> {
            if (!is) {
                entry.pseudoClassStateChanged(QUIET, false);
            }
        });
        return entry;
    }

    private static Region separator() {
        Region gap = new Region();
        gap.getStyleClass().add("nav-gap");
        HBox.setHgrow(gap, Priority.ALWAYS);
        return gap;
    }

    /** Puts the keyboard focus on the current page's entry (arrows then move between pages) without a ring. */
    void focusSelected() {
        entries.values().stream().filter(ToggleButton::isSelected).findFirst().ifPresent(entry -> {
            entry.requestFocus();
            entry.pseudoClassStateChanged(QUIET, true);
        });
    }

    private void select(PageId page) {
        ToggleButton entry = entries.get(page);
        if (entry != null && !entry.isSelected()) {
            entry.setSelected(true);
        }
    }
}
