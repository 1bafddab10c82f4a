package dev.gatehouse.app.pages.plugins;

import dev.gatehouse.app.icon.AppIcon;
import dev.gatehouse.app.page.Capability;
import dev.gatehouse.app.page.NavGroup;
import dev.gatehouse.app.page.PageContext;
import dev.gatehouse.app.page.PageDescriptor;
import dev.gatehouse.app.page.PageId;
import dev.gatehouse.app.page.PageModule;
import dev.gatehouse.app.pages.entities.EntityPaletteSource;
import dev.gatehouse.app.palette.PaletteSource;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import javafx.scene.Node;

/** The Plugins page: plugin instances with their scope, configured through generated forms. */
public final class PluginsPage implements PageModule<PluginsViewModel> {

    public static final PageId ID = new PageId("plugins");
    static final PageDescriptor DESCRIPTOR = new PageDescriptor(
            ID, AppIcon.PLUGIN, NavGroup.GATEWAY, OptionalInt.of(5), Set.of(Capability.GATEWAY), Optional.empty());

    @Override
    public PageDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public PluginsViewModel createModel(PageContext context) {
        return new PluginsViewModel(
                context.messages(), context.connection(), context.navigator(), context.dialogs(), context.ui());
    }

    @Override
    public Node createView(PluginsViewModel model, PageContext context) {
        return new PluginsView(model, context.messages());
    }

    /** Ctrl+K finds this page's entities by name or path. */
    @Override
    public List<PaletteSource> paletteSources(PluginsViewModel model, PageContext context) {
        return List.of(new EntityPaletteSource(
                context.messages(), ID, model, AppIcon.PLUGIN, "palette.kind.plugin", context.navigator()));
    }
}
