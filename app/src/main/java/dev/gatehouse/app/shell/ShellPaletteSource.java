package dev.gatehouse.app.shell;

import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.icon.AppIcon;
import dev.gatehouse.app.page.PageDescriptor;
import dev.gatehouse.app.palette.PaletteEntry;
import dev.gatehouse.app.palette.PaletteSource;
import java.util.ArrayList;
import java.util.List;

/** Palette entries for the window itself: every page, and the window's commands. */
public final class ShellPaletteSource implements PaletteSource {

    private final Messages messages;
    private final ShellViewModel shell;

    public ShellPaletteSource(Messages messages, ShellViewModel shell) {
        this.messages = messages;
        this.shell = shell;
    }

    @Override
    public List<PaletteEntry> entries() {
        List<PaletteEntry> entries = new ArrayList<>();
        for (PageDescriptor page : shell.pages().pages()) {
            String section = page.group().hasHeading()
                    ? messages.get(page.group().messageKey())
                    : messages.get("palette.kind.page");
            String detail = page.shortcut().isPresent()
                    ? messages.get(
                            "palette.detail.shortcut", section, page.shortcut().getAsInt())
                    : section;
            entries.add(new PaletteEntry(
                    messages.get(page.titleKey()), detail, page.icon(), () -> shell.navigate(page.id())));
        }
        entries.add(new PaletteEntry(
                messages.get("command.theme.toggle"),
                messages.get("palette.kind.command"),
                shell.themeProperty().get().isDark() ? AppIcon.THEME_LIGHT : AppIcon.THEME_DARK,
                shell::toggleTheme));
        entries.add(new PaletteEntry(
                messages.get("tour.open"), messages.get("palette.kind.command"), AppIcon.POLICY, shell::openTour));
        entries.add(new PaletteEntry(
                messages.get("command.connection.refresh"),
                messages.get("palette.kind.command"),
                AppIcon.REFRESH,
                shell::refreshConnection));
        return entries;
    }
}
