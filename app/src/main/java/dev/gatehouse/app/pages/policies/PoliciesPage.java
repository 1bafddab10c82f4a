package dev.gatehouse.app.pages.policies;

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

/** The Policies page, not built yet: traffic permissions and other mesh policies, with an editor. */
public final class PoliciesPage extends PlannedPageModule {

    public static final PageId ID = new PageId("policies");
    static final PageDescriptor DESCRIPTOR = new PageDescriptor(
            ID,
            AppIcon.POLICY,
            NavGroup.MESH,
            OptionalInt.of(7),
            Set.of(Capability.MESH),
            Optional.of(new PlannedPage("curl {mesh}/meshes/default/meshtrafficpermissions", OverviewPage.ID)));

    @Override
    public PageDescriptor descriptor() {
        return DESCRIPTOR;
    }
}
