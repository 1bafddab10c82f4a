package dev.gatehouse.app.pages.meshes;

import dev.gatehouse.app.icon.AppIcon;
import dev.gatehouse.app.page.Capability;
import dev.gatehouse.app.page.NavGroup;
import dev.gatehouse.app.page.PageContext;
import dev.gatehouse.app.page.PageDescriptor;
import dev.gatehouse.app.page.PageId;
import dev.gatehouse.app.page.PageModule;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import javafx.scene.Node;

/** The Meshes page: mTLS on or off per mesh, its certificate authority backends, with an impact preview. */
public final class MeshesPage implements PageModule<MeshesViewModel> {

    public static final PageId ID = new PageId("meshes");
    // Every Ctrl+digit is taken; the palette and the navigation reach it.
    static final PageDescriptor DESCRIPTOR = new PageDescriptor(
            ID, AppIcon.MESH, NavGroup.MESH, OptionalInt.empty(), Set.of(Capability.MESH), Optional.empty());

    @Override
    public PageDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public MeshesViewModel createModel(PageContext context) {
        return new MeshesViewModel(
                context.messages(), context.connection(), context.navigator(), context.dialogs(), context.ui());
    }

    @Override
    public Node createView(MeshesViewModel model, PageContext context) {
        return new MeshesView(model, context.messages());
    }
}
