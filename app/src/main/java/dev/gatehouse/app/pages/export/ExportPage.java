package dev.gatehouse.app.pages.export;

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

/** The Export page, not built yet: the configuration as YAML that decK, Kuma and Kubernetes accept. */
public final class ExportPage extends PlannedPageModule {

    public static final PageId ID = new PageId("export");
    static final PageDescriptor DESCRIPTOR = new PageDescriptor(
            ID,
            AppIcon.EXPORT,
            NavGroup.NONE,
            OptionalInt.empty(),
            Set.of(Capability.GATEWAY, Capability.MESH),
            Optional.of(new PlannedPage(
                    "curl {gateway}/services {gateway}/routes {gateway}/consumers {gateway}/plugins",
                    OverviewPage.ID)));

    @Override
    public PageDescriptor descriptor() {
        return DESCRIPTOR;
    }
}
