package dev.gatehouse.app.pages.entities;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.icon.AppIcon;
import dev.gatehouse.app.page.PageId;
import dev.gatehouse.app.palette.PaletteEntry;
import dev.gatehouse.app.palette.PaletteSource;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Palette entries for one page's entities as last loaded: Ctrl+K, type a route's name or path, Enter. */
public final class EntityPaletteSource implements PaletteSource {

    private final Messages messages;
    private final PageId page;
    private final EntityPageViewModel model;
    private final AppIcon icon;
    private final String kindKey;
    private final Consumer<PageId> navigator;

    public EntityPaletteSource(
            Messages messages,
            PageId page,
            EntityPageViewModel model,
            AppIcon icon,
            String kindKey,
            Consumer<PageId> navigator) {
        this.messages = messages;
        this.page = page;
        this.model = model;
        this.icon = icon;
        this.kindKey = kindKey;
        this.navigator = navigator;
    }

    @Override
    public List<PaletteEntry> entries() {
        List<PaletteEntry> entries = new ArrayList<>();
        String kind = messages.get(kindKey);
        for (ObjectNode row : model.items()) {
            String where = String.join(" ", Rows.list(row, "paths")) + " " + Rows.text(row, "host");
            entries.add(new PaletteEntry(model.label(row), (kind + " " + where).strip(), icon, () -> {
                navigator.accept(page);
                model.reveal(row);
            }));
        }
        return entries;
    }
}
