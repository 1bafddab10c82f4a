package dev.gatehouse.app.pages.routes;

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

/** The Routes page: Kong routes, which accept anonymous requests (and key-auth for them), a curl line, the tester. */
public final class RoutesPage implements PageModule<RoutesViewModel> {

    public static final PageId ID = new PageId("routes");
    static final PageDescriptor DESCRIPTOR = new PageDescriptor(
            ID, AppIcon.ROUTE, NavGroup.GATEWAY, OptionalInt.of(3), Set.of(Capability.GATEWAY), Optional.empty());

    @Override
    public PageDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public RoutesViewModel createModel(PageContext context) {
        return new RoutesViewModel(
                context.messages(), context.connection(), context.navigator(), context.dialogs(), context.ui());
    }

    @Override
    public Node createView(RoutesViewModel model, PageContext context) {
        return new RoutesView(model, context.messages());
    }

    /** Ctrl+K finds this page's entities by name or path. */
    @Override
    public List<PaletteSource> paletteSources(RoutesViewModel model, PageContext context) {
        return List.of(new EntityPaletteSource(
                context.messages(), ID, model, AppIcon.ROUTE, "palette.kind.route", context.navigator()));
    }
}
