package dev.gatehouse.app.pages.connections;

import dev.gatehouse.app.icon.AppIcon;
import dev.gatehouse.app.kubernetes.cluster.ClusterDiscovery;
import dev.gatehouse.app.page.NavGroup;
import dev.gatehouse.app.page.PageContext;
import dev.gatehouse.app.page.PageDescriptor;
import dev.gatehouse.app.page.PageId;
import dev.gatehouse.app.page.PageModule;
import dev.gatehouse.app.pages.connections.cluster.ClusterWizardViewModel;
import dev.gatehouse.app.palette.PaletteSource;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import javafx.scene.Node;

/** The Connections page: the embedded sandbox and saved remote Kong and Kuma connections. */
public final class ConnectionsPage implements PageModule<ConnectionsViewModel> {

    public static final PageId ID = PageId.CONNECTIONS;
    static final PageDescriptor DESCRIPTOR =
            new PageDescriptor(ID, AppIcon.CONNECTION, NavGroup.NONE, OptionalInt.of(0), Set.of(), Optional.empty());

    @Override
    public PageDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public ConnectionsViewModel createModel(PageContext context) {
        return new ConnectionsViewModel(
                context.messages(), context.connections(), context.dialogs(), context.ui(), context.navigator());
    }

    @Override
    public Node createView(ConnectionsViewModel model, PageContext context) {
        // A wizard per opening: its answers and state end with its window.
        return new ConnectionsView(
                model,
                context.messages(),
                context.dialogs(),
                () -> new ClusterWizardViewModel(
                        context.messages(),
                        ClusterDiscovery.ofThisMachine(java.time.Duration.ofSeconds(10)),
                        context.connections(),
                        context.ui(),
                        context.background().asExecutor()));
    }

    @Override
    public List<PaletteSource> paletteSources(ConnectionsViewModel model, PageContext context) {
        return List.of(new ConnectionsPaletteSource(context.messages(), model));
    }
}
