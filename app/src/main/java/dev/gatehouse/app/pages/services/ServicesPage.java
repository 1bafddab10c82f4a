package dev.gatehouse.app.pages.services;

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

/** The Services page: Kong services with the routes that lead to each. */
public final class ServicesPage implements PageModule<ServicesViewModel> {

    public static final PageId ID = new PageId("services");
    static final PageDescriptor DESCRIPTOR = new PageDescriptor(
            ID, AppIcon.SERVICE, NavGroup.GATEWAY, OptionalInt.of(2), Set.of(Capability.GATEWAY), Optional.empty());

    @Override
    public PageDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public ServicesViewModel createModel(PageContext context) {
        return new ServicesViewModel(
                context.messages(), context.connection(), context.navigator(), context.dialogs(), context.ui());
    }

    @Override
    public Node createView(ServicesViewModel model, PageContext context) {
        return new ServicesView(model, context.messages());
    }

    /** Ctrl+K finds this page's entities by name or path. */
    @Override
    public List<PaletteSource> paletteSources(ServicesViewModel model, PageContext context) {
        return List.of(new EntityPaletteSource(
                context.messages(), ID, model, AppIcon.SERVICE, "palette.kind.service", context.navigator()));
    }
}
