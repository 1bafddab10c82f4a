package dev.gatehouse.app.pages.traffic;

import dev.gatehouse.app.icon.AppIcon;
import dev.gatehouse.app.page.Capability;
import dev.gatehouse.app.page.NavGroup;
import dev.gatehouse.app.page.PageContext;
import dev.gatehouse.app.page.PageDescriptor;
import dev.gatehouse.app.page.PageId;
import dev.gatehouse.app.page.PageModule;
import dev.gatehouse.app.page.watch.WatchControlsView;
import dev.gatehouse.app.page.watch.WatchControlsViewModel;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import javafx.scene.Node;

/** The Live traffic page: every request through the gateway and every mesh hop as it happens, in a request log. */
public final class TrafficPage implements PageModule<TrafficViewModel> {

    public static final PageId ID = new PageId("traffic");
    static final PageDescriptor DESCRIPTOR = new PageDescriptor(
            ID,
            AppIcon.TRAFFIC,
            NavGroup.NONE,
            OptionalInt.of(9),
            Set.of(Capability.GATEWAY, Capability.MESH),
            Optional.empty());

    @Override
    public PageDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public TrafficViewModel createModel(PageContext context) {
        return new TrafficViewModel(context.messages(), context.connection(), context.navigator(), context.traffic());
    }

    @Override
    public Node createView(TrafficViewModel model, PageContext context) {
        TrafficView view = new TrafficView(model, context.messages());
        view.watchSlot()
                .getChildren()
                .add(new WatchControlsView(WatchControlsViewModel.of(context), context.messages()));
        return view;
    }
}
