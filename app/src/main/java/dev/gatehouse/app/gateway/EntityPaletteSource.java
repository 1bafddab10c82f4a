package dev.gatehouse.app.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.icon.AppIcon;
import dev.gatehouse.app.page.Page;
import dev.gatehouse.app.palette.PaletteEntry;
import dev.gatehouse.app.palette.PaletteSource;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Palette entries for the gateway's entities as last loaded: Ctrl+K, type a route's name or path, Enter. */
public final class EntityPaletteSource implements PaletteSource {

    /** One page whose entities the palette lists. */
    public record Listed(Page page, EntityPageViewModel model, AppIcon icon, String kindKey) {
    }

    private final Messages messages;
    private final List<Listed> pages;
    private final Consumer<Page> navigator;

    public EntityPaletteSource(Messages messages, List<Listed> pages, Consumer<Page> navigator) {
        this.messages = messages;
        this.pages = List.copyOf(pages);
        this.navigator = navigator;
    }

    @Override
    public List<PaletteEntry> entries() {
        List<PaletteEntry> entries = new ArrayList<>();
        for (Listed listed : pages) {
            String kind = messages.get(listed.kindKey());
            for (ObjectNode row : listed.model().items()) {
                String where = String.join(" ", Rows.list(row, "paths")) + " " + Rows.text(row, "host");
                entries.add(new PaletteEntry(Rows.label(row), (kind + " " + where).strip(), listed.icon(), () -> {
                    navigator.accept(listed.page());
                    listed.model().selectedProperty().set(row);
                }));
            }
        }
        return entries;
    }
}
