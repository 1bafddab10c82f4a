package dev.gatehouse.app.pages.dataplanes;

import dev.gatehouse.app.icon.AppIcon;
import dev.gatehouse.app.page.Capability;
import dev.gatehouse.app.page.NavGroup;
import dev.gatehouse.app.page.PageContext;
import dev.gatehouse.app.page.PageDescriptor;
import dev.gatehouse.app.page.PageId;
import dev.gatehouse.app.page.PlannedPage;
import dev.gatehouse.app.page.PlannedPageModule;
import dev.gatehouse.app.page.PlannedPageViewModel;
import dev.gatehouse.app.pages.mesh.MeshPaletteSource;
import dev.gatehouse.app.pages.overview.OverviewPage;
import dev.gatehouse.app.pages.policies.PoliciesPage;
import dev.gatehouse.app.pages.topology.TopologyPage;
import dev.gatehouse.app.palette.PaletteSource;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/** The Data planes page, not built yet: sidecars and gateways registered with the mesh. */
public final class DataplanesPage extends PlannedPageModule {

    public static final PageId ID = new PageId("dataplanes");
    static final PageDescriptor DESCRIPTOR = new PageDescriptor(
            ID,
            AppIcon.DATAPLANE,
            NavGroup.MESH,
            OptionalInt.of(8),
            Set.of(Capability.MESH),
            Optional.of(new PlannedPage("curl {mesh}/meshes/default/dataplanes+insights", OverviewPage.ID)));

    @Override
    public PageDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /** Ctrl+K finds the mesh's services, data planes, policies and meshes, by name. */
    @Override
    public List<PaletteSource> paletteSources(PlannedPageViewModel model, PageContext context) {
        return List.of(new MeshPaletteSource(
                context.messages(),
                context.connection(),
                context.ui(),
                context.links(),
                new MeshPaletteSource.Targets(OverviewPage.ID, TopologyPage.ID, ID, PoliciesPage.ID)));
    }
}
