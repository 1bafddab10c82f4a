package dev.gatehouse.app.pages.traffic;

import dev.gatehouse.app.icon.AppIcon;
import dev.gatehouse.app.page.Capability;
import dev.gatehouse.app.page.NavGroup;
import dev.gatehouse.app.page.PageDescriptor;
import dev.gatehouse.app.page.PageId;
import dev.gatehouse.app.page.PlannedPage;
import dev.gatehouse.app.page.PlannedPageModule;
import dev.gatehouse.app.pages.routes.RoutesPage;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/** The Live traffic page, not built yet: requests through the gateway and the mesh as they happen. */
public final class TrafficPage extends PlannedPageModule {

    public static final PageId ID = new PageId("traffic");
    static final PageDescriptor DESCRIPTOR = new PageDescriptor(
            ID,
            AppIcon.TRAFFIC,
            NavGroup.NONE,
            OptionalInt.of(9),
            Set.of(Capability.GATEWAY, Capability.MESH),
            Optional.of(new PlannedPage("curl -i {proxy}/", RoutesPage.ID)));

    @Override
    public PageDescriptor descriptor() {
        return DESCRIPTOR;
    }
}
