package dev.gatehouse.app.pages.overview;

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

/** The Overview page: the security posture of the active connection at a glance. */
public final class OverviewPage implements PageModule<OverviewViewModel> {

    public static final PageId ID = new PageId("overview");
    static final PageDescriptor DESCRIPTOR = new PageDescriptor(
            ID,
            AppIcon.OVERVIEW,
            NavGroup.NONE,
            OptionalInt.of(1),
            Set.of(Capability.GATEWAY, Capability.MESH),
            Optional.empty());

    @Override
    public PageDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public OverviewViewModel createModel(PageContext context) {
        return new OverviewViewModel(
                context.messages(), context.connection(), context.navigator(), context.links(), context.ui());
    }

    @Override
    public Node createView(OverviewViewModel model, PageContext context) {
        return new OverviewView(model, context.messages(), context.navigator(), context.openTour());
    }
}
