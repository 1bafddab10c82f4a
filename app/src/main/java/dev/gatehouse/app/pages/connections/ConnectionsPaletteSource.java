package dev.gatehouse.app.pages.connections;

import dev.gatehouse.app.connection.ConnectionProfile;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.icon.AppIcon;
import dev.gatehouse.app.palette.PaletteEntry;
import dev.gatehouse.app.palette.PaletteSource;
import java.util.ArrayList;
import java.util.List;

/** Palette entries that switch connections: Ctrl+K, type the connection's name, Enter. */
final class ConnectionsPaletteSource implements PaletteSource {

    private final Messages messages;
    private final ConnectionsViewModel model;

    ConnectionsPaletteSource(Messages messages, ConnectionsViewModel model) {
        this.messages = messages;
        this.model = model;
    }

    @Override
    public List<PaletteEntry> entries() {
        List<PaletteEntry> entries = new ArrayList<>();
        for (ConnectionProfile profile : model.profiles()) {
            if (!model.isActive(profile)) {
                entries.add(new PaletteEntry(
                        messages.get("palette.connection.use", profile.name()),
                        messages.get(ConnectionsViewModel.kindKey(profile.kind())),
                        AppIcon.CONNECTION,
                        () -> model.activate(profile)));
            }
        }
        return entries;
    }
}
