package dev.gatehouse.app.pages.dataplanes;

import dev.gatehouse.app.icon.AppIcon;
import dev.gatehouse.app.page.Capability;
import dev.gatehouse.app.page.NavGroup;
import dev.gatehouse.app.page.PageContext;
import dev.gatehouse.app.page.PageDescriptor;
import dev.gatehouse.app.page.PageId;
import dev.gatehouse.app.page.PageModule;
import dev.gatehouse.app.pages.mesh.MeshPaletteSource;
import dev.gatehouse.app.pages.meshes.MeshesPage;
import dev.gatehouse.app.pages.policies.PoliciesPage;
import dev.gatehouse.app.pages.topology.TopologyPage;
import dev.gatehouse.app.palette.PaletteSource;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import javafx.scene.Node;

/** The Data planes page: sidecars and gateways registered with the mesh, online state, certificates, policies. */
public final class DataplanesPage implements PageModule<DataplanesViewModel> {

    public static final PageId ID = new PageId("dataplanes");
    static final PageDescriptor DESCRIPTOR = new PageDescriptor(
            ID, AppIcon.DATAPLANE, NavGroup.MESH, OptionalInt.of(8), Set.of(Capability.MESH), Optional.empty());

    @Override
    public PageDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public DataplanesViewModel createModel(PageContext context) {
        return new DataplanesViewModel(
                context.messages(),
                context.connection(),
                context.navigator(),
                context.links(),
                context.ui(),
                Clock.systemUTC());
    }

    @Override
    public Node createView(DataplanesViewModel model, PageContext context) {
        return new DataplanesView(model, context.messages());
    }

    /** Ctrl+K finds the mesh's services, data planes, policies and meshes, by name. */
    @Override
    public List<PaletteSource> paletteSources(DataplanesViewModel model, PageContext context) {
        return List.of(new MeshPaletteSource(
                context.messages(),
                context.connection(),
                context.ui(),
                context.links(),
                new MeshPaletteSource.Targets(MeshesPage.ID, TopologyPage.ID, ID, PoliciesPage.ID)));
    }
}
