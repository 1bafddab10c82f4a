package dev.gatehouse.app.pages.topology;

import dev.gatehouse.app.icon.AppIcon;
import dev.gatehouse.app.page.Capability;
import dev.gatehouse.app.page.NavGroup;
import dev.gatehouse.app.page.PageDescriptor;
import dev.gatehouse.app.page.PageId;
import dev.gatehouse.app.page.PlannedPage;
import dev.gatehouse.app.page.PlannedPageModule;
import dev.gatehouse.app.pages.overview.OverviewPage;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/** The Topology page, not built yet: who may talk to whom in the mesh, with live requests on the edges. */
public final class TopologyPage extends PlannedPageModule {

    public static final PageId ID = new PageId("topology");
    static final PageDescriptor DESCRIPTOR = new PageDescriptor(
            ID,
            AppIcon.TOPOLOGY,
            NavGroup.MESH,
            OptionalInt.of(6),
            Set.of(Capability.MESH),
            Optional.of(new PlannedPage(
                    "curl '{mesh}/meshes/default/_permissions?source=gateway&destination=demo-app'", OverviewPage.ID)));

    @Override
    public PageDescriptor descriptor() {
        return DESCRIPTOR;
    }
}
