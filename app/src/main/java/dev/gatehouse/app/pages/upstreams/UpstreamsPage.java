package dev.gatehouse.app.pages.upstreams;

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

/** The Upstreams page: Kong's load-balancing pools, with their targets and each target's health. */
public final class UpstreamsPage implements PageModule<UpstreamsViewModel> {

    public static final PageId ID = new PageId("upstreams");
    static final PageDescriptor DESCRIPTOR = new PageDescriptor(
            ID, AppIcon.UPSTREAM, NavGroup.GATEWAY, OptionalInt.empty(), Set.of(Capability.GATEWAY), Optional.empty());

    @Override
    public PageDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public UpstreamsViewModel createModel(PageContext context) {
        return new UpstreamsViewModel(
                context.messages(), context.connection(), context.navigator(), context.dialogs(), context.ui());
    }

    @Override
    public Node createView(UpstreamsViewModel model, PageContext context) {
        return new UpstreamsView(model, context.messages());
    }

    /** Ctrl+K finds upstreams by name. */
    @Override
    public List<PaletteSource> paletteSources(UpstreamsViewModel model, PageContext context) {
        return List.of(new EntityPaletteSource(
                context.messages(), ID, model, AppIcon.UPSTREAM, "palette.kind.upstream", context.navigator()));
    }
}
