package dev.gatehouse.app.pages.consumers;

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

/** The Consumers page: Kong consumers and their key-auth keys. */
public final class ConsumersPage implements PageModule<ConsumersViewModel> {

    public static final PageId ID = new PageId("consumers");
    static final PageDescriptor DESCRIPTOR = new PageDescriptor(
            ID, AppIcon.CONSUMER, NavGroup.GATEWAY, OptionalInt.of(4), Set.of(Capability.GATEWAY), Optional.empty());

    @Override
    public PageDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public ConsumersViewModel createModel(PageContext context) {
        return new ConsumersViewModel(
                context.messages(), context.connection(), context.navigator(), context.dialogs(), context.ui());
    }

    @Override
    public Node createView(ConsumersViewModel model, PageContext context) {
        return new ConsumersView(model, context.messages());
    }

    /** Ctrl+K finds this page's entities by name or path. */
    @Override
    public List<PaletteSource> paletteSources(ConsumersViewModel model, PageContext context) {
        return List.of(new EntityPaletteSource(
                context.messages(), ID, model, AppIcon.CONSUMER, "palette.kind.consumer", context.navigator()));
    }
}
